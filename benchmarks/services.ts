import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { writeSection } from './results-file';
import {
  AthenaIdentityCenterWorkGroup,
  EmrIdentityCenterSecurityConfiguration,
  EmrServerlessIdentityCenterApplication,
  EmrTlsCertificates,
  GlueIdentityCenterConfiguration,
  IdentityCenterApplication,
  IdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  QuickSightIdentityPropagation,
  QuickSightPropagationService,
  RedshiftIdcApplication,
  S3AccessGrantsIdentityCenter,
} from '../src';

/**
 * Does the handler stay one function with a flat policy as services are added? One stack with
 * every service the library configures, and N EMR Serverless applications (the EMR and Glue
 * piece that has a custom resource) and N custom applications.
 */
const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';

function everyService(n: number): Stack {
  const app = new App({ context: { '@aws-cdk/core:stackResourceLimit': 0 } });
  const stack = new Stack(app, 'EveryService', { env: { account: '111122223333', region: 'us-east-1' } });
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance });
  const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
  const results = new s3.Bucket(stack, 'Results');
  s3AccessGrants.addLocation('Results', { bucket: results });
  new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, workGroupName: 'analysts', resultsBucket: results, lakeFormation, s3AccessGrants });
  const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
  new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT, authorizedTargets: [redshift.identityCenterApplication] });
  new GlueIdentityCenterConfiguration(stack, 'Glue', { instance });
  new EmrIdentityCenterSecurityConfiguration(stack, 'EmrSecurity', {
    instance, lakeFormation: true, tlsCertificates: EmrTlsCertificates.fromPemZip(new s3.Bucket(stack, 'Certificates'), 'certs.zip'),
  });
  const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  for (let i = 0; i < n; i++) {
    new EmrServerlessIdentityCenterApplication(stack, `Spark${i}`, { instance, releaseLabel: 'emr-7.8.0', userBackgroundSessions: i % 2 === 0 });
    new IdentityCenterApplication(stack, `App${i}`, { instance }).allowTokenExchange(backend);
  }
  return stack;
}

interface Figures { resources: number; functions: number; customResources: number; policies: number; policyBytes: number; synthMs: number }

function measure(n: number): Figures {
  const start = performance.now();
  const stack = everyService(n);
  const template = (stack.node.root as App).synth().getStackByName(stack.stackName).template;
  const synthMs = performance.now() - start;
  const values = Object.values<any>(template.Resources);
  const handlerRoles = values.filter(r => r.Type === 'AWS::Lambda::Function').map(r => r.Properties.Role['Fn::GetAtt'][0]);
  const policies = values.filter(r => r.Type === 'AWS::IAM::Policy' && r.Properties.Roles.some((ref: any) => handlerRoles.includes(ref.Ref)));
  return {
    resources: values.length,
    functions: handlerRoles.length,
    customResources: values.filter(r => r.Type.startsWith('Custom::')).length,
    policies: policies.length,
    policyBytes: policies.reduce((sum, p) => sum + JSON.stringify(p.Properties.PolicyDocument).length, 0),
    synthMs,
  };
}

const SWEEP = [1, 10, 50];
for (let i = 0; i < 3; i++) measure(1); // warm-up, not counted
const rows = SWEEP.map(n => ({ n, ...measure(n) }));
const bundle = fs.statSync(path.join(__dirname, '..', 'assets', 'private', 'handler', 'index.lambda', 'index.js')).size;

const lines = [
  '## Every service in one stack (`npx projen benchmark`)',
  '',
  `Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}; ${new Date().toISOString().slice(0, 10)}; one synth per row after 3 warm-up runs.`,
  'One stack with Lake Formation, S3 Access Grants, an Athena workgroup, a Redshift IdC application, QuickSight propagation,',
  'a Glue Identity Center configuration and an EMR security configuration, plus N EMR Serverless applications (half with',
  'user background sessions) and N custom applications.',
  '',
  '| N | resources | handler functions | custom resources | handler role policies | handler role policy bytes | synth ms |',
  '|---|---|---|---|---|---|---|',
  ...rows.map(r => `| ${r.n} | ${r.resources} | ${r.functions} | ${r.customResources} | ${r.policies} | ${r.policyBytes} | ${r.synthMs.toFixed(0)} |`),
  '',
  `Growth per added EMR Serverless application and custom application (N = ${SWEEP[0]} → ${SWEEP[SWEEP.length - 1]}): `
    + `${((rows[rows.length - 1].policies - rows[0].policies) / (SWEEP[SWEEP.length - 1] - SWEEP[0])).toFixed(1)} handler role policies, `
    + `${((rows[rows.length - 1].policyBytes - rows[0].policyBytes) / (SWEEP[SWEEP.length - 1] - SWEEP[0])).toFixed(1)} policy bytes, `
    + `${((rows[rows.length - 1].functions - rows[0].functions) / (SWEEP[SWEEP.length - 1] - SWEEP[0])).toFixed(1)} functions.`,
  '',
  `The configuration family's bundle, with the EMR Serverless client added for this release: ${bundle} bytes (${Math.round(bundle / 1024)} KB).`,
];
for (const line of lines) console.log(line);
writeSection('services', lines);
