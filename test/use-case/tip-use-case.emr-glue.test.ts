import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  ClientApplication,
  ClientApplicationKind,
  DataAuthorization,
  DataAuthorizationKind,
  EmrIdentityCenterSecurityConfiguration,
  EmrServerlessIdentityCenterApplication,
  EmrStudio,
  EmrTlsCertificates,
  GlueIdentityCenterConfiguration,
  IGlueIdentityCenterConfiguration,
  IdentityCenterInstance,
  IIdentityCenterInstance,
  QueryService,
  QueryServiceKind,
  TipUseCase,
} from '../../src';
import { GROUP_ID, INSTANCE_ARN, OTHER_INSTANCE_ARN, USER_ID } from '../util/fixtures';
import { synth, testStack } from '../util/synth';
import { build } from '../util/use-case';

const { LAKE_FORMATION: LF, S3_ACCESS_GRANTS: S3AG, LAKE_FORMATION_AND_S3_ACCESS_GRANTS: LF_S3AG } = DataAuthorizationKind;
const AUTHORIZATIONS = [LF, S3AG, LF_S3AG];
const usesLf = (a: DataAuthorizationKind) => a !== S3AG;
const usesS3ag = (a: DataAuthorizationKind) => a !== LF;

/** The statements of the inline policies of the role whose logical id starts with `role`. */
function statementsOf(template: ReturnType<typeof synth>, role: string): any[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => String(r.Ref).startsWith(role)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

describe('EMR Studio → EMR on EC2', () => {
  test.each(AUTHORIZATIONS)('authorized by %s: the authorization is made, the clusters\' Identity Center role reaches the data', authorization => {
    const stack = testStack();
    const useCase = build(stack, { client: ClientApplicationKind.EMR_STUDIO, query: QueryServiceKind.EMR_ON_EC2, authorization });
    const template = synth(stack);
    template.resourceCountIs('Custom::LakeFormationIdentityCenterConfiguration', usesLf(authorization) ? 1 : 0);
    template.resourceCountIs('AWS::S3::AccessGrantsInstance', usesS3ag(authorization) ? 1 : 0);
    const actions = statementsOf(template, 'EmrSecurityIdentityCenterRole').flatMap(s => [s.Action].flat());
    expect(actions.includes('lakeformation:GetDataAccess')).toBe(usesLf(authorization));
    expect(actions.includes('s3:GetDataAccess')).toBe(usesS3ag(authorization));
    expect(useCase.toMermaid()).toContain('-->|"identity propagation"| emrec2[("EMR on EC2, security configuration (set at deploy time)")]');
    expect(useCase.application).toBeUndefined();
  });

  test('refuses a security configuration whose authorization differs from the use case\'s', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const securityConfiguration = new EmrIdentityCenterSecurityConfiguration(stack, 'EmrSecurity', {
      instance, tlsCertificates: EmrTlsCertificates.fromPemZip(new s3.Bucket(stack, 'Certificates'), 'certs/emr.zip'), s3AccessGrants: true,
    });
    expect(() => new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: ClientApplication.emrStudio(studioOf(stack, instance)),
      queryServices: [QueryService.emrOnEc2(securityConfiguration)],
      authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
    })).toThrow('TestStack/UseCase: the authorization is Lake Formation + S3 Access Grants, but TestStack/EmrSecurity has lakeFormation off: '
      + 'set lakeFormation: true (in Python: lake_formation=True) on it');
  });

  test('allowUser and allowGroup warn that EMR Studio assigns by name', () => {
    const stack = testStack();
    const useCase = build(stack, { client: ClientApplicationKind.EMR_STUDIO, query: QueryServiceKind.EMR_ON_EC2, authorization: LF });
    useCase.allowUser(USER_ID);
    useCase.allowGroup(GROUP_ID);
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/UseCase', Match.stringLikeRegexp(`EMR Studio assigns users by name, so user ${USER_ID} is not assigned to TestStack/Studio`));
    annotations.hasWarning('/TestStack/UseCase', Match.stringLikeRegexp(`EMR Studio assigns groups by name, so group ${GROUP_ID} is not assigned`));
    synth(stack).resourceCountIs('AWS::EMR::StudioSessionMapping', 0);
  });
});

describe('Custom application → EMR Serverless', () => {
  test.each(AUTHORIZATIONS)('authorized by %s: the runtime role reaches the data, the query role reaches the Livy endpoint', authorization => {
    const stack = testStack();
    const useCase = build(stack, { client: ClientApplicationKind.CUSTOM_APPLICATION, query: QueryServiceKind.EMR_SERVERLESS, authorization });
    const template = synth(stack);
    const runtime = statementsOf(template, 'SparkRuntimeRole').flatMap(s => [s.Action].flat());
    expect(runtime.includes('lakeformation:GetDataAccess')).toBe(usesLf(authorization));
    expect(runtime.includes('glue:GetTable')).toBe(usesLf(authorization));
    expect(runtime.includes('s3:GetDataAccess')).toBe(usesS3ag(authorization));
    // The query role reaches the Livy endpoint; the sessions, not the caller, read the data.
    const query = statementsOf(template, 'UseCaseQueryRole');
    expect(query.flatMap(s => [s.Action].flat())).not.toEqual(expect.arrayContaining(['lakeformation:GetDataAccess']));
    expect(query.flatMap(s => [s.Action].flat())).not.toEqual(expect.arrayContaining(['s3:GetDataAccess']));
    expect(query).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: ['emr-serverless:AccessLivyEndpoints', 'emr-serverless:GetDashboardForJobRun'] }),
      expect.objectContaining({ Action: 'iam:PassRole', Condition: { StringEquals: { 'iam:PassedToService': 'emr-serverless.amazonaws.com' } } }),
    ]));
    // The tokens carry the scopes of the authorization, which EMR Serverless passes on; EMR Serverless has none of its own.
    template.hasResourceProperties('Custom::IdentityCenterApplicationConfiguration', {
      AccessScopes: [
        ...usesLf(authorization) ? [Match.objectLike({ Scope: 'lakeformation:query' })] : [],
        ...usesS3ag(authorization) ? [{ Scope: 's3:access_grants:read_write' }] : [],
      ],
    });
    expect(useCase.toMermaid()).toContain(`-->|"${[usesLf(authorization) ? 'lakeformation:query' : '', usesS3ag(authorization) ? 's3:access_grants:read_write' : '']
      .filter(Boolean).join(', ')}"| emrserverless[("EMR Serverless notebooks, Livy endpoint")]`);
  });

  test('refuses an application of another Identity Center instance', () => {
    const stack = testStack();
    const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
    const other = IdentityCenterInstance.fromInstanceArn(stack, 'Other', OTHER_INSTANCE_ARN);
    expect(() => new TipUseCase(stack, 'UseCase', {
      instance,
      clientApplication: customApplication(stack),
      queryServices: [QueryService.emrServerless(new EmrServerlessIdentityCenterApplication(stack, 'Spark', { instance: other, releaseLabel: 'emr-7.8.0' }))],
      authorization: DataAuthorization.lakeFormation(),
    })).toThrow(`TestStack/UseCase: the instance of TestStack/Spark is ${OTHER_INSTANCE_ARN}, but the use case's instance is ${INSTANCE_ARN}: `
      + 'trusted identity propagation works within one instance');
  });
});

describe('Custom application → Glue interactive sessions', () => {
  test.each(AUTHORIZATIONS)('authorized by %s: Glue gets the authorization\'s scopes, the session role trusts Glue with sts:SetContext', authorization => {
    const stack = testStack();
    build(stack, { client: ClientApplicationKind.CUSTOM_APPLICATION, query: QueryServiceKind.GLUE_INTERACTIVE_SESSIONS, authorization });
    const template = synth(stack);
    template.hasResourceProperties('AWS::Glue::IdentityCenterConfiguration', {
      InstanceArn: INSTANCE_ARN,
      Scopes: [...usesLf(authorization) ? ['lakeformation:query'] : [], ...usesS3ag(authorization) ? ['s3:access_grants:read_write'] : []],
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' } },
          {
            Action: ['sts:AssumeRole', 'sts:SetContext'],
            Effect: 'Allow',
            Principal: { Service: 'glue.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
          },
        ],
      },
    });
    const session = statementsOf(template, 'SessionRole').flatMap(s => [s.Action].flat());
    expect(session.includes('lakeformation:GetDataAccess')).toBe(usesLf(authorization));
    expect(session.includes('glue:GetTable')).toBe(usesLf(authorization));
    expect(session.includes('s3:GetDataAccess')).toBe(usesS3ag(authorization));
    expect(statementsOf(template, 'UseCaseQueryRole')).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: expect.arrayContaining(['glue:CreateSession', 'glue:RunStatement']) }),
      expect.objectContaining({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [expect.stringMatching(/^SessionRole/), 'Arn'] } }),
    ]));
  });

  /** A custom application on Glue interactive sessions, authorized by Lake Formation. */
  function glueUseCase(options: { verify?: boolean; configuration?: (stack: Stack) => IGlueIdentityCenterConfiguration } = {}): Stack {
    const stack = testStack();
    new TipUseCase(stack, 'UseCase', {
      instance: IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN),
      clientApplication: customApplication(stack),
      queryServices: [QueryService.glueInteractiveSessions({
        sessionRole: new iam.Role(stack, 'SessionRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') }),
        configuration: options.configuration?.(stack),
      })],
      authorization: DataAuthorization.lakeFormation(),
      verify: options.verify,
    });
    return stack;
  }

  test('verify: the deployed chain\'s shared links are checked (instance, Lake Formation, issuer, application)', () => {
    const stack = glueUseCase({ verify: true });
    const [verification] = Object.values<any>(synth(stack).findResources('Custom::TipVerification'));
    expect(verification.Properties.Links.map((link: any) => link.Link)).toEqual(['IdentityCenterInstance', 'LakeFormation', 'TrustedTokenIssuer', 'Application']);
  });

  test('uses a configuration made elsewhere instead of making one', () => {
    const stack = glueUseCase({
      configuration: scope => GlueIdentityCenterConfiguration.fromApplicationArn(scope, 'Glue',
        'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0123456789abcdef'),
    });
    synth(stack).resourceCountIs('AWS::Glue::IdentityCenterConfiguration', 0);
  });
});

function customApplication(stack: Stack): ClientApplication {
  return ClientApplication.customApplication({
    issuerUrl: 'https://example.okta.com/oauth2/default',
    audiences: ['web'],
    backend: new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
  });
}

function studioOf(stack: Stack, instance: IIdentityCenterInstance): EmrStudio {
  return new EmrStudio(stack, 'Studio', {
    instance,
    vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] }),
  });
}
