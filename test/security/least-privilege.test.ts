import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { addExampleStacks } from '../../examples/app';
import {
  IdentityCenterApplication,
  IdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  QuickSightIdentityPropagation,
  QuickSightPropagationService,
  RedshiftClusterIdentityProvider,
  RedshiftIdcApplication,
  S3AccessGrantsIdentityCenter,
} from '../../src';
import { INSTANCE_ARN } from '../util/fixtures';
import { synth } from '../util/synth';

/**
 * Actions the library grants on `Resource: *`, each because its service defines no resource
 * type for it (IAM Service Authorization Reference), or because the action only reads.
 */
const STAR_ALLOWED: Record<string, string> = {
  'lakeformation:CreateLakeFormationIdentityCenterConfiguration': 'Lake Formation has no resource ARNs',
  'lakeformation:UpdateLakeFormationIdentityCenterConfiguration': 'Lake Formation has no resource ARNs',
  'lakeformation:DescribeLakeFormationIdentityCenterConfiguration': 'Lake Formation has no resource ARNs',
  'lakeformation:DeleteLakeFormationIdentityCenterConfiguration': 'Lake Formation has no resource ARNs',
  'lakeformation:GetDataAccess': 'Lake Formation has no resource ARNs',
  'quicksight:UpdateIdentityPropagationConfig': 'no resource type in the IAM reference',
  'quicksight:DeleteIdentityPropagationConfig': 'no resource type in the IAM reference',
  'quicksight:ListIdentityPropagationConfigs': 'read only; no resource type in the IAM reference',
  'redshift-data:DescribeStatement': 'no resource type; callers see only their statements',
  'redshift-data:GetStatementResult': 'no resource type; conditioned on the statement owner',
  'redshift-data:ListStatements': 'no resource type; conditioned on the statement owner',
  'redshift-data:CancelStatement': 'no resource type; conditioned on the statement owner',
  'ram:CreateResourceShare': 'no resource type in the IAM reference',
  'ram:GetResourceShares': 'read only; no resource type in the IAM reference',
  'redshift:DescribeRedshiftIdcApplications': 'read only; no resource type in the IAM reference',
  'redshift:DescribeQev2IdcApplications': 'list only; no resource type; in AWS\'s policy for the Redshift IdC role',
  'redshift-serverless:ListNamespaces': 'list only; no resource type; in AWS\'s policy for the Redshift IdC role',
  'redshift-serverless:ListWorkgroups': 'list only; no resource type; in AWS\'s policy for the Redshift IdC role',
  'redshift-serverless:GetWorkgroup': 'read only; the workgroups that use the application are not known to the construct; AWS\'s policy grants it on *',
  ...Object.fromEntries(['DescribeSecurityGroups', 'DescribeNetworkInterfaces', 'DescribeTags', 'DescribeInstances', 'DescribeSubnets', 'DescribeVpcs']
    .map(action => [`ec2:${action}`, 'read only; no resource type in the IAM reference'])),
  'athena:ListWorkGroups': 'list only; no resource type in the IAM reference',
  'athena:ListDataCatalogs': 'list only; no resource type in the IAM reference',
  'iam:ListUsers': 'list only; no resource type in the IAM reference',
  's3:ListAccessGrantsInstances': 'list only; no resource type in the IAM reference; in AWS\'s identity bearer role policy',
  'iam:ListRoles': 'list only; no resource type in the IAM reference',
  'sso:GetManagedApplicationInstance': 'read only; AWS\'s EMR Studio service role policy grants it on * for Workspace collaboration',
  'sso-directory:SearchUsers': 'read only; AWS\'s EMR Studio service role policy grants it on * for Workspace collaboration',
  ...Object.fromEntries(['CreateEditor', 'DescribeEditor', 'ListEditors', 'StartEditor', 'StopEditor', 'DeleteEditor', 'OpenEditorInConsole',
    'AttachEditor', 'DetachEditor', 'CreateRepository', 'DescribeRepository', 'DeleteRepository', 'ListRepositories', 'LinkRepository',
    'UnlinkRepository', 'DescribeCluster', 'ListInstanceGroups', 'ListBootstrapActions', 'ListClusters', 'ListSteps', 'CreatePersistentAppUI',
    'DescribePersistentAppUI', 'GetPersistentAppUIPresignedURL', 'GetOnClusterAppUIPresignedURL']
    .map(action => [`elasticmapreduce:${action}`, 'AWS\'s EMR Studio basic user session policy grants it on *; users act on the Workspaces and clusters they choose'])),
};

/** Every stack the library can produce: the example app and one with every other construct. */
function stacks(): Stack[] {
  const app = new App();
  const all: Stack[] = addExampleStacks(app);
  const stack = new Stack(app, 'EveryConstruct', { env: { account: '111122223333', region: 'us-east-1' } });
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
  new RedshiftClusterIdentityProvider(stack, 'ClusterIdp', { application: redshift, clusterIdentifier: 'finance', adminSecret: new secretsmanager.Secret(stack, 'Admin') });
  new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT, authorizedTargets: [redshift.identityCenterApplication] });
  new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, shareRecipients: ['444455556666'] });
  new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance, useExistingInstance: true });
  new IdentityCenterApplication(stack, 'App', { instance }).allowTokenExchange(new iam.AccountPrincipal('444455556666'));
  new s3.Bucket(stack, 'Unused');
  return [...all, stack];
}

const templates = stacks().map(stack => ({ name: stack.stackName, template: synth(stack).toJSON() }));
const statements = templates.flatMap(({ name, template }) => Object.entries<any>(template.Resources)
  .filter(([, r]) => ['AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy'].includes(r.Type))
  .flatMap(([id, r]) => [r.Properties.PolicyDocument, ...(r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument)]
    .filter(Boolean)
    .flatMap((doc: any) => doc.Statement.map((statement: any) => ({ where: `${name}/${id}`, roles: JSON.stringify(r.Properties.Roles ?? []), statement })))));

describe('least privilege', () => {
  test('walks every policy of every stack', () => {
    expect(templates.length).toBe(10);
    expect(statements.length).toBeGreaterThan(30);
  });

  test('no action is granted on Resource * unless its service has no resource type for it', () => {
    const offending = statements
      .filter(({ statement }) => [statement.Resource].flat().includes('*'))
      .flatMap(({ where, statement }) => [statement.Action].flat().filter((action: string) => !(action in STAR_ALLOWED)).map(action => `${where}: ${action}`));
    expect(offending).toEqual([]);
  });

  test('no action wildcard is granted anywhere', () => {
    const wildcards = statements.flatMap(({ where, statement }) =>
      [statement.Action ?? []].flat().filter((action: string) => action.includes('*')).map(action => `${where}: ${action}`));
    expect(wildcards).toEqual([]);
  });

  test('Identity Center ARNs name the stack account only for the applications the stack creates: the instance may live in another account', () => {
    const ssoArnsWithAccount = templates.flatMap(({ name, template }) =>
      (JSON.stringify(template).match(/:sso::\d{12}:[^"]*/g) ?? []).map(arn => `${name}: ${arn}`));
    expect(ssoArnsWithAccount.length).toBeGreaterThan(0);
    expect(ssoArnsWithAccount.filter(arn => !/: :sso::111122223333:application\/ssoins-[0-9a-f]{16}\/\*$/.test(arn))).toEqual([]);
  });

  test('the verification role holds read actions only', () => {
    const verifier = statements.filter(({ roles }) => roles.includes('TrustedIdentityPropagationVerifierHandlerServiceRole'));
    expect(verifier.length).toBeGreaterThan(5);
    const writes = verifier.flatMap(({ where, statement }) => [statement.Action].flat()
      .filter((action: string) => !/^[a-z0-9-]+:(Describe|Get|List)[A-Za-z]+$/.test(action)).map(action => `${where}: ${action}`));
    expect(writes).toEqual([]);
  });

  test('no resource depends on the handler role\'s shared default policy: each custom resource depends on its own policies', () => {
    for (const { name, template } of templates) {
      const resources: Record<string, any> = template.Resources;
      const policies = new Set(Object.keys(resources).filter(id => resources[id].Type === 'AWS::IAM::Policy'
        && (/^TrustedIdentityPropagationProviderPermissions/.test(id) || /^\w+VerificationPermissions/.test(id))));
      expect(Object.keys(resources).filter(id => /^TrustedIdentityPropagationProviderHandlerServiceRoleDefaultPolicy/.test(id))).toEqual([]);
      for (const [id, resource] of Object.entries(resources).filter(([, r]) => r.Type.startsWith('Custom::'))) {
        expect([`${name}/${id}`, [resource.DependsOn ?? []].flat().some((d: string) => policies.has(d))]).toEqual([`${name}/${id}`, true]);
      }
    }
  });
});
