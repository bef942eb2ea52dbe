import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { buildSync } from 'esbuild';
import { writeSection } from './results-file';
import { libraryStack } from './stacks';

/**
 * What a handler family costs: the bytes of its bundle (the asset every synth stages and
 * hashes), what each SDK client adds to it, and the synth time of a stack with one family's
 * function and with a second family's. Writes the `handler-families` section of results.md.
 *
 * A family is a kind of handler work with its own function, role and bundle: configuration
 * (read-write) and verification (read-only). The figures are why a family gets its own function
 * rather than sharing the configuration function.
 */

const ROOT = path.join(__dirname, '..');
const HANDLER = path.join(ROOT, 'src', 'private', 'handler');
const RUNS = Number(process.env.BENCHMARK_RUNS ?? 7);
const WARMUP = Number(process.env.BENCHMARK_WARMUP ?? 10);

/** The esbuild options of the projen bundle task (see .projenrc.ts). */
function bundle(entry: string, outfile: string): number {
  buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', target: 'node24', minify: true, external: [], logLevel: 'error',
    mainFields: ['module', 'main'],
    nodePaths: [path.join(ROOT, 'node_modules')] });
  return fs.statSync(outfile).size;
}

/** An entry point that uses `client` the way a handler module does: a client, and one command sent. */
function clientEntry(dir: string, client: string, clientClass: string, command: string): string {
  const file = path.join(dir, `${client}.ts`);
  fs.writeFileSync(file, [
    `import { ${clientClass}, ${command} } from '@aws-sdk/${client}';`,
    `import { sdkCall } from '${path.join(HANDLER, 'sdk-call')}';`,
    `export const handler = () => sdkCall({ operation: '${command}', subject: 'x', resource: 'y' }, () => new ${clientClass}({}).send(new ${command}({} as any)));`,
  ].join('\n'));
  return file;
}

const CLIENTS: Array<[string, string, string]> = [
  ['client-sso-admin', 'SSOAdminClient', 'DescribeApplicationCommand'],
  ['client-athena', 'AthenaClient', 'GetWorkGroupCommand'],
  ['client-lakeformation', 'LakeFormationClient', 'DescribeLakeFormationIdentityCenterConfigurationCommand'],
  ['client-quicksight', 'QuickSightClient', 'ListIdentityPropagationConfigsCommand'],
  ['client-redshift-data', 'RedshiftDataClient', 'DescribeStatementCommand'],
  ['client-s3-control', 'S3ControlClient', 'GetAccessGrantsInstanceCommand'],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A stack with one application (the configuration family's function) and, optionally, the verification family's function. */
function stack(secondFamilyAsset?: string): Stack {
  const result = libraryStack(1);
  if (secondFamilyAsset) {
    new lambda.Function(result, 'VerificationHandler', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(secondFamilyAsset),
      timeout: Duration.minutes(5),
    });
  }
  return result;
}

function synthMs(build: () => Stack): number {
  const start = performance.now();
  const built = build();
  (built.node.root as App).synth();
  return performance.now() - start;
}

function main(): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tip-families-'));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

  const configuration = bundle(path.join(HANDLER, 'index.lambda.ts'), path.join(work, 'configuration', 'index.js'));
  const runtimeEntry = path.join(work, 'runtime.ts');
  fs.writeFileSync(runtimeEntry, [
    `import { sendResponse } from '${path.join(HANDLER, 'cfn-response')}';`,
    `import { sdkCall } from '${path.join(HANDLER, 'sdk-call')}';`,
    'export const handler = [sendResponse, sdkCall];',
  ].join('\n'));
  const runtime = bundle(runtimeEntry, path.join(work, 'runtime', 'index.js'));
  const clients = CLIENTS.map(([client, clientClass, command]) => ({
    client,
    bytes: bundle(clientEntry(work, client, clientClass, command), path.join(work, client, 'index.js')),
  }));

  // The verification family: reads of the services above but the Redshift Data API, Redshift's IdC applications and the stack's status.
  const verification = bundle(path.join(HANDLER, 'verification.lambda.ts'), path.join(work, 'verification', 'index.js'));

  for (let i = 0; i < WARMUP; i++) {
    synthMs(() => stack());
    synthMs(() => stack(path.join(work, 'verification')));
  }
  const one: number[] = [];
  const two: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    one.push(synthMs(() => stack()));
    two.push(synthMs(() => stack(path.join(work, 'verification'))));
  }
  fs.rmSync(work, { recursive: true, force: true });

  const lines = [
    '## Handler families',
    '',
    `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}; synth medians of ${RUNS} alternating runs after ${WARMUP} warm-up runs.`,
    'Bundles are built with the options of the projen `bundle` task (esbuild, minified, every dependency bundled, ES modules preferred).',
    '',
    '| bundle | bytes |',
    '|---|---|',
    `| configuration family (\`index.lambda.ts\`, today's handler) | ${configuration} (${kb(configuration)}) |`,
    `| shared runtime alone (\`cfn-response\`, \`sdk-call\`) | ${runtime} (${kb(runtime)}) |`,
    ...clients.map(({ client, bytes }) => `| runtime + \`@aws-sdk/${client}\` (one command) | ${bytes} (${kb(bytes)}) |`),
    `| verification family (\`verification.lambda.ts\`: reads with 7 clients, the above but Redshift Data, plus Redshift and CloudFormation) | ${verification} (${kb(verification)}) |`,
    '',
    '| stack with one application | functions | synth ms |',
    '|---|---|---|',
    `| configuration family only | 1 | ${median(one).toFixed(0)} |`,
    `| configuration + the verification family | 2 | ${median(two).toFixed(0)} |`,
    '',
    'Decision: at most one function per family per stack, created on first use. The configuration family keeps',
    'one function and one role for every configuration resource, so it stays flat in the number of applications.',
    'The verification family (`TipVerification`) has its own entry point, bundle and role: its role holds read actions only,',
    'which one shared function could not guarantee, and its bundle carries only the clients it calls. A stack that',
    'does not use a family pays nothing for it; one that does pays one more function and the synth time above.',
  ];
  writeSection('handler-families', lines);
  console.log(lines.join('\n'));
}

main();
