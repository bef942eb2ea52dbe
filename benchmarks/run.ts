import * as os from 'os';
import { performance } from 'perf_hooks';
import { App, Stack } from 'aws-cdk-lib';
import { writeSection } from './results-file';
import { baselineStack, libraryStack } from './stacks';

/**
 * Synth cost of this library against the AwsCustomResource approach, side by side in one run,
 * and a scale sweep over the number of Identity Center applications. Writes its section of
 * benchmarks/results.md.
 */
interface Figures {
  synthMs: number;
  templateBytes: number;
  resources: number;
  lambdaFunctions: number;
  customResources: number;
  /** The largest total of IAM policy bytes attached to one custom-resource Lambda role. */
  crRolePolicyBytes: number;
  /** The largest number of IAM policies attached to one custom-resource Lambda role. */
  crRolePolicies: number;
}

const RUNS = Number(process.env.BENCHMARK_RUNS ?? 7);
// The use case synthesizes in about 40 ms, where scheduling noise is a tenth of the figure: more runs steady its median.
const USE_CASE_RUNS = Number(process.env.BENCHMARK_USE_CASE_RUNS ?? 41);
const WARMUP = Number(process.env.BENCHMARK_WARMUP ?? 10);
const SWEEP = (process.env.BENCHMARK_SWEEP ?? '1,10,50,100,200').split(',').map(Number);

function measure(build: () => Stack): Figures {
  const start = performance.now();
  const stack = build();
  const template = (stack.node.root as App).synth().getStackByName(stack.stackName).template;
  const synthMs = performance.now() - start;
  const resources: Record<string, any> = template.Resources;
  const values = Object.values(resources);
  const lambdaRoles = values.filter(r => r.Type === 'AWS::Lambda::Function').map(r => r.Properties.Role?.['Fn::GetAtt']?.[0]).filter(Boolean);
  const rolePolicies = lambdaRoles.map(role => values
    .filter(r => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((ref: any) => ref.Ref === role)));
  const roleBytes = rolePolicies.map(policies => policies.reduce((sum, r) => sum + JSON.stringify(r.Properties.PolicyDocument).length, 0));
  return {
    synthMs,
    templateBytes: JSON.stringify(template).length,
    resources: values.length,
    lambdaFunctions: values.filter(r => r.Type === 'AWS::Lambda::Function').length,
    customResources: values.filter(r => r.Type.startsWith('Custom::') || r.Type === 'AWS::CloudFormation::CustomResource').length,
    crRolePolicyBytes: Math.max(0, ...roleBytes),
    crRolePolicies: Math.max(0, ...rolePolicies.map(policies => policies.length)),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Alternates A B B A so drift (JIT warm-up, GC, other load) hits both sides alike. */
function sideBySide(applications: number, runs = RUNS): { library: Figures; baseline: Figures } {
  for (let i = 0; i < WARMUP; i++) { // JIT and module warm-up, not counted
    measure(() => libraryStack(applications));
    measure(() => baselineStack(applications));
  }
  const library: Figures[] = [];
  const baseline: Figures[] = [];
  for (let i = 0; i < runs; i++) {
    // A B, then B A: each side runs as often first as second, so what one run leaves behind (garbage
    // to collect, warm caches) weighs on both sides alike.
    if (i % 2 === 0) {
      library.push(measure(() => libraryStack(applications)));
      baseline.push(measure(() => baselineStack(applications)));
    } else {
      baseline.push(measure(() => baselineStack(applications)));
      library.push(measure(() => libraryStack(applications)));
    }
  }
  const withMedian = (runs: Figures[]): Figures => ({ ...runs[0], synthMs: median(runs.map(r => r.synthMs)) });
  return { library: withMedian(library), baseline: withMedian(baseline) };
}

const COLUMNS: Array<[keyof Figures, string]> = [
  ['synthMs', 'synth ms (median)'],
  ['templateBytes', 'template bytes'],
  ['resources', 'resources'],
  ['lambdaFunctions', 'Lambda functions'],
  ['customResources', 'custom resources'],
  ['crRolePolicyBytes', 'CR role policy bytes'],
  ['crRolePolicies', 'CR role policies'],
];

const lines: string[] = [];
const out = (line = '') => { lines.push(line); console.log(line); };
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

out('## Performance (`npx projen benchmark`)');
out();
out(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`);
out(`Date: ${new Date().toISOString().slice(0, 10)}; median of ${USE_CASE_RUNS} runs for the use case and ${RUNS} per sweep point, after ${WARMUP} warm-up runs, alternating library and baseline.`);
out();
out('Baseline: the same stack written the way AWS samples do it, with L1 resources and one `AwsCustomResource` per SDK call.');
out('Each application has a JWT-bearer grant, an IAM authentication method and 5 access scopes; every stack also has');
out('a trusted token issuer, Redshift Serverless, Lake Formation, S3 Access Grants and an Athena workgroup.');
out();

const useCase = sideBySide(1, USE_CASE_RUNS);
out('### The use case (custom app + trusted token issuer + Redshift + Athena lakehouse)');
out();
out('| figure | library | baseline | library / baseline |');
out('|---|---|---|---|');
for (const [key, title] of COLUMNS) {
  out(`| ${title} | ${fmt(useCase.library[key])} | ${fmt(useCase.baseline[key])} | ${(useCase.library[key] / useCase.baseline[key]).toFixed(2)} |`);
}
out();

const sweep = SWEEP.map(n => ({ n, ...sideBySide(n) }));
out('### Scale sweep: N applications in one stack');
out();
out(`| N | ${COLUMNS.map(([, t]) => `library ${t} | baseline ${t}`).join(' | ')} |`);
out(`|---|${COLUMNS.map(() => '---|---').join('|')}|`);
for (const row of sweep) {
  out(`| ${row.n} | ${COLUMNS.map(([k]) => `${fmt(row.library[k])} | ${fmt(row.baseline[k])}`).join(' | ')} |`);
}
out();
const first = sweep[0];
const last = sweep[sweep.length - 1];
const span = last.n - first.n;
out(`### Growth per added application (N = ${first.n} → ${last.n})`);
out();
out('| figure | library | baseline |');
out('|---|---|---|');
for (const [key, title] of COLUMNS) {
  out(`| ${title} | ${fmt((last.library[key] - first.library[key]) / span)} | ${fmt((last.baseline[key] - first.baseline[key]) / span)} |`);
}
out();
out('Custom-resource invocations per application per deploy (custom resources added per application):');
out(`library ${fmt((last.library.customResources - first.library.customResources) / span)}, baseline ${fmt((last.baseline.customResources - first.baseline.customResources) / span)}.`);
out(`At N = ${last.n}: library ${last.library.resources} resources and ${last.library.templateBytes} template bytes `
  + `(CloudFormation limits: 500 resources, 1,000,000 bytes); baseline ${last.baseline.resources} resources, `
  + `CR role policy ${last.baseline.crRolePolicyBytes} bytes (IAM limit for a role's inline policies: 10,240).`);

out();
out('The handler\'s permissions are policies keyed by their statements, one per Identity Center instance for all of its');
out('applications (plus one per kind of service resource), each custom resource depending on the ones it needs: the');
out('policy count and bytes of the handler role do not grow with the number of applications.');
writeSection('performance', lines);
