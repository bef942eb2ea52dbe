import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { addExampleStacks } from '../../examples/app';
import { IdentityCenterApplication, IdentityCenterInstance, TipHandlers } from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';

/** Pinned in .ci/requirements.txt; installed by test/global-setup.ts. */
const CHECKOV = path.join(__dirname, '..', '..', '.venv', 'bin', 'checkov');

interface Check {
  readonly check_id: string;
  readonly resource: string;
  readonly file_path: string;
}

interface CheckedResource {
  readonly check: string;
  /** The construct path of the resource (`aws:cdk:path`). */
  readonly path: string;
}

/** Synthesizes `build`'s app and runs checkov over its templates; returns what failed, passed and was skipped. */
function checkov(build: (app: App) => void): { failed: CheckedResource[]; passed: CheckedResource[]; skipped: CheckedResource[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'checkov-'));
  try {
    // Resources carry their construct path (aws:cdk:path), as `cdk synth` writes them.
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
    build(app);
    const assembly = app.synth();
    const paths = new Map<string, string>();
    for (const stack of assembly.stacks) {
      for (const [id, resource] of Object.entries<any>(stack.template.Resources)) {
        paths.set(`${path.basename(stack.templateFullPath)}/${id}`, resource.Metadata?.['aws:cdk:path']);
      }
    }
    let output: string;
    try {
      output = execFileSync(CHECKOV, ['-d', outdir, '--framework', 'cloudformation', '-o', 'json', '--compact', '--skip-download'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    } catch (error: any) {
      // checkov exits 1 when a check fails; its report is on stdout all the same.
      if (!error.stdout) throw error;
      output = error.stdout;
    }
    const reports = [JSON.parse(output)].flat();
    const of = (key: 'failed_checks' | 'passed_checks' | 'skipped_checks') => reports.flatMap(r => r.results?.[key] ?? [])
      .map((c: Check) => ({ check: c.check_id, path: paths.get(`${path.basename(c.file_path)}/${c.resource.split('.').pop()}`) ?? c.resource }));
    return { failed: of('failed_checks'), passed: of('passed_checks'), skipped: of('skipped_checks') };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

/** Resources this library makes: the handler functions of each stack, and everything under a use case. */
const isLibraryResource = ({ path: p }: CheckedResource) => /^[^/]+\/(TrustedIdentityPropagation(Provider|Verifier)|UseCase)\//.test(p);

describe('checkov', () => {
  jest.setTimeout(120_000);
  // One checkov run: the example app, and a stack whose handlers have a KMS key and reserved concurrency.
  let examples: ReturnType<typeof checkov>;
  let configured: ReturnType<typeof checkov>;
  beforeAll(() => {
    const all = checkov(app => {
      addExampleStacks(app);
      const stack = new Stack(app, 'Configured', { env: { account: '111122223333', region: 'us-east-1' } });
      new IdentityCenterApplication(stack, 'App', { instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN) });
      TipHandlers.configure(stack, { logGroupEncryptionKey: new kms.Key(stack, 'LogsKey', { enableKeyRotation: true }), reservedConcurrentExecutions: 2 });
    });
    const of = (inConfigured: boolean) => (r: CheckedResource) => r.path.startsWith('Configured/') === inConfigured;
    examples = { failed: all.failed.filter(of(false)), passed: all.passed.filter(of(false)), skipped: all.skipped.filter(of(false)) };
    configured = { failed: all.failed.filter(of(true)), passed: all.passed.filter(of(true)), skipped: all.skipped.filter(of(true)) };
  });

  test('finds nothing on the resources of this library in the example app, and is really checking', () => {
    expect(examples.failed.filter(isLibraryResource)).toEqual([]);
    // The examples' own buckets keep their findings: checkov ran, and read these templates.
    expect(examples.failed.filter(r => !isLibraryResource(r)).map(r => r.check)).toContain('CKV_AWS_21');
    expect(examples.passed.filter(isLibraryResource).length).toBeGreaterThan(20);
  });

  test('what it skips on the handlers is each acknowledged with a reason, and nothing else is skipped', () => {
    const skipped = examples.skipped.map(r => `${r.check} ${r.path.replace(/^[^/]+\//, '')}`);
    expect(new Set(skipped)).toEqual(new Set([
      'CKV_AWS_115 TrustedIdentityPropagationProvider/Handler/Resource',
      'CKV_AWS_116 TrustedIdentityPropagationProvider/Handler/Resource',
      'CKV_AWS_117 TrustedIdentityPropagationProvider/Handler/Resource',
      'CKV_AWS_158 TrustedIdentityPropagationProvider/Logs/Resource',
      'CKV_AWS_115 TrustedIdentityPropagationVerifier/Handler/Resource',
      'CKV_AWS_116 TrustedIdentityPropagationVerifier/Handler/Resource',
      'CKV_AWS_117 TrustedIdentityPropagationVerifier/Handler/Resource',
      'CKV_AWS_158 TrustedIdentityPropagationVerifier/Logs/Resource',
    ]));
  });

  test('with a KMS key and reserved concurrency, the handlers pass those checks instead of skipping them', () => {
    const result = configured;
    const handler = (check: string) => (r: CheckedResource) => r.check === check && r.path.startsWith('Configured/TrustedIdentityPropagationProvider/');
    expect(result.passed.filter(handler('CKV_AWS_115'))).toHaveLength(1);
    expect(result.passed.filter(handler('CKV_AWS_158'))).toHaveLength(1);
    expect(result.skipped.map(r => r.check).sort()).toEqual(['CKV_AWS_116', 'CKV_AWS_117']);
    expect(result.failed.filter(isLibraryResource)).toEqual([]);
  });
});
