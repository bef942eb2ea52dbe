import { App, Aspects, CfnResource, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sso from 'aws-cdk-lib/aws-sso';
import {
  AccessScope,
  ClientApplication,
  DataAuthorization,
  IdentityCenterApplication,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  QueryService,
  TipUseCase,
  TipVerification,
} from '../../src';
import { order, Template } from '../deployment/cloudformation';
import { GROUP_ID, INSTANCE_ARN } from '../util/fixtures';
import { stackWithInstance, synth } from '../util/synth';

interface UseCaseOptions {
  readonly verify?: boolean;
  readonly failOnMissingLink?: boolean;
  readonly applicationName?: string;
}

function athenaUseCase(stack: Stack, instance: IIdentityCenterInstance, options: UseCaseOptions = {}) {
  const useCase = new TipUseCase(stack, 'UseCase', {
    instance,
    clientApplication: ClientApplication.customApplication({
      issuerUrl: 'https://idp.example.com',
      audiences: ['web'],
      backend: new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }),
      applicationName: options.applicationName,
    }),
    queryServices: [QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results', { enforceSSL: true }), workGroupName: 'analysts' })],
    authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
    verify: options.verify,
    failOnMissingLink: options.failOnMissingLink,
  });
  useCase.allowGroup(GROUP_ID);
  return useCase;
}

function verificationOf(template: ReturnType<typeof synth>): [string, any] {
  const [found] = Object.entries<any>(template.findResources('Custom::TipVerification'));
  return found;
}

describe('TipVerification', () => {
  test('runs after every resource of the chain, with the links of the chain', () => {
    const { stack, instance } = stackWithInstance();
    athenaUseCase(stack, instance, { verify: true });
    const template = synth(stack);
    const [, verification] = verificationOf(template);

    const chain = Object.keys(template.toJSON().Resources).filter(id => id.startsWith('UseCase') && !id.startsWith('UseCaseVerification'));
    expect(chain.length).toBeGreaterThan(10);
    // Each either by DependsOn, or by a reference in the links, which orders it as well (and cfn-lint's W3005 says not to repeat).
    const referenced = [...JSON.stringify(verification.Properties.Links).matchAll(/"Fn::GetAtt":\["(\w+)"/g)].map(m => m[1]);
    expect(referenced.length).toBeGreaterThan(0);
    expect(verification.DependsOn.filter((id: string) => referenced.includes(id))).toEqual([]);
    expect([...verification.DependsOn, ...referenced]).toEqual(expect.arrayContaining(chain));
    expect(verification.Properties.Links).toEqual([
      { Link: 'IdentityCenterInstance', InstanceArn: INSTANCE_ARN },
      { Link: 'LakeFormation', CatalogId: '111122223333', InstanceArn: INSTANCE_ARN, RedshiftConnect: false },
      { Link: 'S3AccessGrants', AccountId: { Ref: 'AWS::AccountId' }, InstanceArn: INSTANCE_ARN },
      { Link: 'AthenaWorkGroup', WorkGroupName: 'analysts', InstanceArn: INSTANCE_ARN },
      {
        Link: 'TrustedTokenIssuer',
        TrustedTokenIssuerArn: { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseTrustedTokenIssuer/), 'TrustedTokenIssuerArn'] },
        IssuerUrl: 'https://idp.example.com',
        ClaimAttributePath: 'email',
        IdentityStoreAttributePath: 'emails.value',
      },
      {
        Link: 'Application',
        ApplicationArn: { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseApplication/), 'ApplicationArn'] },
        GrantTypes: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
        AuthenticationMethodTypes: ['IAM'],
        Scopes: ['athena:workgroup:read_write', 'lakeformation:query', 's3:access_grants:read_write'],
        AssignmentRequired: true,
      },
    ]);
    expect(verification.Properties.FailOnMissingLink).toBe(true);
  });

  test('has its own function and role, and the role may only read what the links name', () => {
    const { stack, instance } = stackWithInstance();
    athenaUseCase(stack, instance, { verify: true });
    const template = synth(stack).toJSON();
    const [, verification] = Object.entries<any>(template.Resources).find(([, r]) => r.Type === 'Custom::TipVerification')!;
    expect(verification.Properties.ServiceToken).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^TrustedIdentityPropagationVerifierHandler/), 'Arn'] });

    const policies = Object.entries<any>(template.Resources).filter(([, r]) => r.Type === 'AWS::IAM::Policy'
      && JSON.stringify(r.Properties.Roles).includes('TrustedIdentityPropagationVerifierHandlerServiceRole'));
    expect(policies).toHaveLength(1);
    const [policyId, policy] = policies[0];
    expect(policyId).toMatch(/^UseCaseVerificationPermissions/);
    expect(verification.DependsOn).toContain(policyId);
    expect(policy.Properties.Roles).toEqual([{ Ref: expect.stringMatching(/^TrustedIdentityPropagationVerifierHandlerServiceRole/) }]);
    const grants = Object.fromEntries(policy.Properties.PolicyDocument.Statement
      .flatMap((s: any) => [s.Action].flat().map((a: string) => [a, s.Resource])));
    expect(grants).toEqual({
      'cloudformation:DescribeStacks': { Ref: 'AWS::StackId' },
      'sso:DescribeInstance': INSTANCE_ARN,
      'sso:DescribeApplication': { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseApplication/), 'ApplicationArn'] },
      'sso:GetApplicationGrant': expect.anything(),
      'sso:ListApplicationAuthenticationMethods': expect.anything(),
      'sso:ListApplicationAccessScopes': expect.anything(),
      'sso:GetApplicationAssignmentConfiguration': expect.anything(),
      'sso:DescribeTrustedTokenIssuer': { 'Fn::GetAtt': [expect.stringMatching(/^UseCaseTrustedTokenIssuer/), 'TrustedTokenIssuerArn'] },
      'athena:GetWorkGroup': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':athena:us-east-1:111122223333:workgroup/analysts']] },
      'lakeformation:DescribeLakeFormationIdentityCenterConfiguration': '*',
      's3:GetAccessGrantsInstance': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:us-east-1:', { Ref: 'AWS::AccountId' }, ':access-grants/default']] },
    });
  });

  test('checks QuickSight\'s prerequisites on a QuickSight chain', () => {
    const { stack, instance } = stackWithInstance();
    new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: ClientApplication.quickSight(),
      queryServices: [QueryService.redshiftServerless({ namespace: new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'sales' }) })],
      authorization: DataAuthorization.redshiftRoles(),
      verify: true,
    });
    const [, verification] = verificationOf(synth(stack));
    expect(verification.Properties.Links.map((l: any) => l.Link)).toEqual(['IdentityCenterInstance', 'QuickSightAccount', 'RedshiftApplication', 'QuickSightPropagation']);
    expect(verification.Properties.Links[1]).toEqual({ Link: 'QuickSightAccount', AwsAccountId: '111122223333', InstanceArn: INSTANCE_ARN });
  });

  test('runs again when anything in the chain changes, and not for changes outside it', () => {
    const hash = (build: (stack: Stack, instance: IIdentityCenterInstance) => void) => {
      const { stack, instance } = stackWithInstance();
      build(stack, instance);
      return verificationOf(synth(stack))[1].Properties.ChainHash;
    };
    const base = hash((stack, instance) => athenaUseCase(stack, instance, { verify: true }));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(hash((stack, instance) => athenaUseCase(stack, instance, { verify: true }))).toBe(base);
    expect(hash((stack, instance) => {
      athenaUseCase(stack, instance, { verify: true });
      new s3.Bucket(stack, 'Unrelated', { enforceSSL: true });
    })).toBe(base);
    expect(hash((stack, instance) => athenaUseCase(stack, instance, { verify: true, applicationName: 'web-v2' }))).not.toBe(base);
  });

  test('verifies a chain of any constructs: here a whole stack, this library\'s providers left out', () => {
    const { stack, instance } = stackWithInstance();
    const application = new IdentityCenterApplication(stack, 'App', { instance });
    application.assignGroup(GROUP_ID);
    const verification = new TipVerification(stack, 'Verify', { chain: stack, failOnMissingLink: false });
    const template = synth(stack);
    const [, resource] = verificationOf(template);

    expect(resource.Properties.FailOnMissingLink).toBe(false);
    expect(resource.Properties.Links.map((l: any) => l.Link)).toEqual(['IdentityCenterInstance', 'Application']);
    expect(resource.DependsOn.filter((id: string) => id.startsWith('TrustedIdentityPropagationProvider'))).toEqual([]);
    expect(stack.resolve(verification.report)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^Verify/), 'Report'] });
  });

  test('a chain value from another stack reaches the verification as the import CloudFormation resolves', () => {
    const app = new App();
    const platform = new Stack(app, 'Platform', { env: { account: '111122223333', region: 'us-east-1' } });
    const teamStack = new Stack(app, 'Team', { env: { account: '111122223333', region: 'us-east-1' } });
    const shared = new sso.CfnInstance(platform, 'Instance', { name: 'shared' });
    athenaUseCase(teamStack, IdentityCenterInstance.fromInstanceArn(teamStack, 'Instance', shared.attrInstanceArn), { verify: true });
    const template = app.synth().getStackByName('Team').template;

    // Every Ref and Fn::GetAtt names a resource of the stack itself.
    const logicalIds = new Set(Object.keys(template.Resources));
    const named = [...JSON.stringify(template).matchAll(/"(?:Ref|Fn::GetAtt)":\["?([A-Za-z0-9]+)/g)].map(m => m[1]).filter(id => !id.startsWith('AWS'));
    expect(named.filter(id => !logicalIds.has(id))).toEqual([]);
    const [, verification] = Object.entries<any>(template.Resources).find(([, r]) => r.Type === 'Custom::TipVerification')!;
    expect(verification.Properties.Links[0]).toEqual({ Link: 'IdentityCenterInstance', InstanceArn: { 'Fn::ImportValue': expect.stringContaining('Platform') } });
  });

  test('a resource of the chain that reads the report runs after the verification, so the template has no cycle', () => {
    const { stack, instance } = stackWithInstance();
    new IdentityCenterApplication(stack, 'App', { instance }).assignGroup(GROUP_ID);
    const first = new TipVerification(stack, 'Verify', { chain: stack });
    new TipVerification(stack, 'AlsoVerify', { chain: stack });
    const parameter = new ssm.StringParameter(stack, 'Report', { stringValue: first.report });
    const template = synth(stack).toJSON();

    const dependsOn = (id: string): string[] => [template.Resources[id].DependsOn ?? []].flat();
    const verifications = Object.keys(template.Resources).filter(id => template.Resources[id].Type === 'Custom::TipVerification');
    const firstId = stack.getLogicalId(first.node.findChild('Resource').node.defaultChild as CfnResource);
    expect(verifications).toHaveLength(2);
    expect(dependsOn(firstId)).not.toContain(stack.getLogicalId(parameter.node.defaultChild as CfnResource));
    for (const id of verifications) {
      // Each runs after the application, and neither waits for the other.
      expect(dependsOn(id)).toEqual(expect.arrayContaining([expect.stringMatching(/^AppConfiguration/)]));
      expect(dependsOn(id).filter(d => verifications.includes(d))).toEqual([]);
    }
    expect(() => order(template as Template, 'create')).not.toThrow();
  });

  test('reads the chain as other aspects leave it', () => {
    const { stack, instance } = stackWithInstance();
    const application = new IdentityCenterApplication(stack, 'App', { instance, assignmentRequired: false });
    new TipVerification(stack, 'Verify', { chain: stack });
    Aspects.of(stack).add({ visit: node => { if (node === application) application.addAccessScope(AccessScope.REDSHIFT_CONNECT); } });
    const [, verification] = verificationOf(synth(stack));
    expect(verification.Properties.Links.find((l: any) => l.Link === 'Application').Scopes).toEqual(['redshift:connect']);
  });

  test('needs its chain in its own stack', () => {
    const app = new App();
    const one = new Stack(app, 'One');
    const two = new Stack(app, 'Two');
    expect(() => new TipVerification(one, 'Verify', { chain: two })).toThrow('One/Verify: chain must be in the verification\'s stack One (got Two)');
  });
});

describe('TipUseCase verify', () => {
  test('adds a verification and exposes its report; without verify, neither', () => {
    const verified = stackWithInstance();
    const useCase = athenaUseCase(verified.stack, verified.instance, { verify: true });
    expect(verified.stack.resolve(useCase.verificationReport)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^UseCaseVerification/), 'Report'] });

    const plain = stackWithInstance();
    expect(athenaUseCase(plain.stack, plain.instance).verificationReport).toBeUndefined();
    synth(plain.stack).resourceCountIs('Custom::TipVerification', 0);
  });

  test('failOnMissingLink applies only with verify', () => {
    const { stack, instance } = stackWithInstance();
    expect(() => athenaUseCase(stack, instance, { failOnMissingLink: false })).toThrow('TestStack/UseCase: failOnMissingLink (in Python: fail_on_missing_link) applies only with verify: true (in Python: verify=True)');
  });
});
