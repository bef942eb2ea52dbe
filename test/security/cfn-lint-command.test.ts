import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { addExampleStacks } from '../../examples/app';
import { CFN_LINT } from '../util/cfn-lint';

const ROOT = path.join(__dirname, '..', '..');
/** The cfn-lint command the README gives users. */
const COMMAND = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').find(line => line.startsWith('cfn-lint --'))!;

describe('the README\'s cfn-lint command', () => {
  let outdir: string;
  beforeAll(() => {
    outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cfn-lint-command-'));
    const app = new App({ outdir });
    addExampleStacks(app);
    app.synth();
  });
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  /** Runs the command in a project that installed the package: `node_modules/<package>` is this repository. */
  function run(command: string): { status: number; output: string } {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), 'user-project-'));
    fs.mkdirSync(path.join(project, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(project, 'node_modules', 'cdk-trusted-identity-propagation'));
    fs.symlinkSync(outdir, path.join(project, 'cdk.out'));
    try {
      const output = execFileSync('bash', ['-c', command.replace(/^cfn-lint /, `${CFN_LINT} `)], { cwd: project, encoding: 'utf8' });
      return { status: 0, output };
    } catch (error: any) {
      return { status: error.status, output: `${error.stdout}${error.stderr}` };
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  }

  test('is the one flag pointing at the schemas the package ships', () => {
    expect(COMMAND).toBe('cfn-lint --registry-schemas node_modules/cdk-trusted-identity-propagation/cfn-schemas -- cdk.out/*.template.json');
  });

  test('passes on the example app\'s templates', () => {
    expect(run(COMMAND)).toEqual({ status: 0, output: '' });
  });

  test('without the flag, cfn-lint does not know the token issuer: the schema is needed', () => {
    const { status, output } = run('cfn-lint -- cdk.out/*.template.json');
    expect(status).not.toBe(0);
    expect(output).toContain("E3006 Resource type 'AWS::SSO::TrustedTokenIssuer' does not exist");
  });
});
