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
} from '../../src';
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
  'ram:CreateResourceShare': 'the share is created by Lake Formation; its ARN is unknown',
  'ram:AssociateResourceShare': 'the share is created by Lake Formation; its ARN is unknown',
  'ram:DisassociateResourceShare': 'the share is created by Lake Formation; its ARN is unknown',
  'ram:DeleteResourceShare': 'the share is created by Lake Formation; its ARN is unknown',
  'ram:GetResourceShares': 'read only',
};

/** Every stack the library can produce: the example app and one with every other construct. */
function stacks(): Stack[] {
  const app = new App();
  const all: Stack[] = addExampleStacks(app);
  const stack = new Stack(app, 'EveryConstruct', { env: { account: '111122223333', region: 'us-east-1' } });
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', 'arn:aws:sso:::instance/ssoins-1111222233334444');
  const redshift = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift' });
  new RedshiftClusterIdentityProvider(stack, 'ClusterIdp', { application: redshift, clusterIdentifier: 'finance', adminSecret: new secretsmanager.Secret(stack, 'Admin') });
  new QuickSightIdentityPropagation(stack, 'QuickSight', { service: QuickSightPropagationService.REDSHIFT, authorizedTargets: [redshift.identityCenterApplication] });
  new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, shareRecipients: ['444455556666'] });
  new IdentityCenterApplication(stack, 'App', { instance }).allowTokenExchange(new iam.AccountPrincipal('444455556666'));
  new s3.Bucket(stack, 'Unused');
  return [...all, stack];
}

const templates = stacks().map(stack => ({ name: stack.stackName, template: synth(stack).toJSON() }));
const statements = templates.flatMap(({ name, template }) => Object.entries<any>(template.Resources)
  .filter(([, r]) => r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::Role')
  .flatMap(([id, r]) => [r.Properties.PolicyDocument, ...(r.Properties.Policies ?? []).map((p: any) => p.PolicyDocument)]
    .filter(Boolean)
    .flatMap((doc: any) => doc.Statement.map((statement: any) => ({ where: `${name}/${id}`, statement })))));

describe('least privilege', () => {
  test('walks every policy of every stack', () => {
    expect(templates.length).toBe(5);
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

  test('Identity Center ARNs never name the stack account: the instance may live in another account', () => {
    const ssoArnsWithAccount = templates.flatMap(({ name, template }) =>
      (JSON.stringify(template).match(/:sso::\d{12}:[^"]*/g) ?? []).map(arn => `${name}: ${arn}`));
    expect(ssoArnsWithAccount).toEqual([]);
  });
});
