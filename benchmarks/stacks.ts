import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sso from 'aws-cdk-lib/aws-sso';
import * as cr from 'aws-cdk-lib/custom-resources';
import {
  AccessScope,
  ApplicationGrant,
  AthenaIdentityCenterWorkGroup,
  IdentityCenterApplication,
  IdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  RedshiftIdcApplication,
  S3AccessGrantsIdentityCenter,
  TrustedTokenIssuer,
} from '../src';

/**
 * The same use case written twice: with this library, and the way AWS samples do it today
 * (L1 resources plus one AwsCustomResource per SDK call). Custom app + trusted token issuer +
 * Redshift Serverless + an Athena lakehouse, and `applications` extra custom applications each
 * with a JWT-bearer grant, an IAM authentication method and 5 access scopes.
 */
export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';
const ENV = { account: '111122223333', region: 'us-east-1' };
const SCOPES = ['redshift:connect', 'lakeformation:query', 's3:access_grants:read_write', 'athena:workgroup:read_write', 'sso:account:access'];
// Measure past CloudFormation's 500-resource limit instead of failing at it.
const NO_RESOURCE_LIMIT = { '@aws-cdk/core:stackResourceLimit': 0 };

export function libraryStack(applications: number): Stack {
  const app = new App({ context: NO_RESOURCE_LIMIT });
  const stack = new Stack(app, 'Library', { env: ENV });
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const issuer = new TrustedTokenIssuer(stack, 'Okta', { instance, issuerUrl: 'https://example.okta.com/oauth2/default' });
  const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

  const redshiftApp = new RedshiftIdcApplication(stack, 'Redshift', { instance, idcDisplayName: 'Redshift', redshiftConnect: true, lakeFormationQuery: true });
  redshiftApp.attachToServerlessNamespace(new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'analytics' }));
  const lakeFormation = new LakeFormationIdentityCenterConfiguration(stack, 'LakeFormation', { instance, redshiftConnect: true });
  const s3AccessGrants = new S3AccessGrantsIdentityCenter(stack, 'AccessGrants', { instance });
  const results = new s3.Bucket(stack, 'Results');
  // Users read their Athena results through S3 Access Grants.
  s3AccessGrants.addLocation('Results', { bucket: results });
  new AthenaIdentityCenterWorkGroup(stack, 'WorkGroup', { instance, workGroupName: 'analysts', resultsBucket: results, lakeFormation, s3AccessGrants });

  for (let i = 0; i < applications; i++) {
    const app = new IdentityCenterApplication(stack, `App${i}`, {
      instance,
      grants: [ApplicationGrant.jwtBearer({ issuer, audiences: [`client-${i}`] })],
      accessScopes: SCOPES.map(scope => ({ scope: AccessScope.of(scope) })),
    });
    app.allowTokenExchange(backend);
  }
  return stack;
}

export function baselineStack(applications: number): Stack {
  const app = new App({ context: NO_RESOURCE_LIMIT });
  const stack = new Stack(app, 'Baseline', { env: ENV });
  const issuer = new CfnResource(stack, 'Okta', {
    type: 'AWS::SSO::TrustedTokenIssuer',
    properties: {
      InstanceArn: INSTANCE_ARN,
      Name: 'okta',
      TrustedTokenIssuerType: 'OIDC_JWT',
      TrustedTokenIssuerConfiguration: {
        OidcJwtConfiguration: {
          IssuerUrl: 'https://example.okta.com/oauth2/default', ClaimAttributePath: 'email',
          IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
        },
      },
    },
  });
  const backend = new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
  // The baseline has to silence aws-cdk-lib's schema gap for these types too.
  Validations.of(stack).acknowledge(
    { id: 'CloudFormation-Validate::F3006', reason: 'TrustedTokenIssuer and RedshiftIdcApplication are documented types' },
    { id: 'CloudFormation-Validate::F0007', reason: 'The sweep measures the baseline past the 500-resource limit on purpose' },
  );

  const redshiftRole = new iam.Role(stack, 'RedshiftRole', { assumedBy: new iam.ServicePrincipal('redshift.amazonaws.com') });
  const redshiftApp = new redshift.CfnRedshiftIdcApplication(stack, 'Redshift', {
    idcInstanceArn: INSTANCE_ARN, redshiftIdcApplicationName: 'redshift', idcDisplayName: 'Redshift', iamRoleArn: redshiftRole.roleArn,
    serviceIntegrations: [{ redshift: [{ connect: { authorization: 'Enabled' } }] }, { lakeFormation: [{ lakeFormationQuery: { authorization: 'Enabled' } }] }],
  });
  new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'analytics', redshiftIdcApplicationArn: redshiftApp.attrRedshiftIdcApplicationArn });
  const accessGrants = new s3.CfnAccessGrantsInstance(stack, 'AccessGrants', { identityCenterArn: INSTANCE_ARN });
  const results = new s3.Bucket(stack, 'Results');
  const locationRole = new iam.Role(stack, 'ResultsLocationRole', { assumedBy: new iam.ServicePrincipal('access-grants.s3.amazonaws.com') });
  results.grantReadWrite(locationRole);
  new s3.CfnAccessGrantsLocation(stack, 'ResultsLocation', { locationScope: `s3://${results.bucketName}`, iamRoleArn: locationRole.roleArn })
    .addResourceDependency(accessGrants);
  const athenaRole = new iam.Role(stack, 'AthenaRole', { assumedBy: new iam.ServicePrincipal('athena.amazonaws.com') });

  const sdkCall = (id: string, service: string, action: string, parameters: Record<string, unknown>, resources: string[]) =>
    new cr.AwsCustomResource(stack, id, {
      onCreate: { service, action, parameters, physicalResourceId: cr.PhysicalResourceId.of(id) },
      policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources }),
      installLatestAwsSdk: false,
    });
  sdkCall('LakeFormation', 'LakeFormation', 'createLakeFormationIdentityCenterConfiguration', {
    InstanceArn: INSTANCE_ARN, ServiceIntegrations: [{ Redshift: [{ RedshiftConnect: { Authorization: 'ENABLED' } }] }],
  }, cr.AwsCustomResourcePolicy.ANY_RESOURCE);
  sdkCall('WorkGroup', 'Athena', 'createWorkGroup', {
    Name: 'analysts',
    Configuration: {
      ResultConfiguration: { OutputLocation: `s3://${results.bucketName}/` },
      ExecutionRole: athenaRole.roleArn,
      IdentityCenterConfiguration: { EnableIdentityCenter: true, IdentityCenterInstanceArn: INSTANCE_ARN },
      QueryResultsS3AccessGrantsConfiguration: { EnableS3AccessGrants: true, CreateUserLevelPrefix: true, AuthenticationType: 'DIRECTORY_IDENTITY' },
    },
  }, [stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: 'analysts' })]);

  for (let i = 0; i < applications; i++) {
    const application = new sso.CfnApplication(stack, `App${i}`, {
      instanceArn: INSTANCE_ARN, name: `app-${i}`, applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
    });
    const ApplicationArn = application.attrApplicationArn;
    sdkCall(`App${i}Grant`, 'SSOAdmin', 'putApplicationGrant', {
      ApplicationArn,
      GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: issuer.getAtt('TrustedTokenIssuerArn'), AuthorizedAudiences: [`client-${i}`] }] } },
    }, [ApplicationArn]);
    sdkCall(`App${i}AuthenticationMethod`, 'SSOAdmin', 'putApplicationAuthenticationMethod', {
      ApplicationArn,
      AuthenticationMethodType: 'IAM',
      AuthenticationMethod: {
        Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: backend.roleArn }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } },
      },
    }, [ApplicationArn]);
    SCOPES.forEach((Scope, j) => sdkCall(`App${i}Scope${j}`, 'SSOAdmin', 'putApplicationAccessScope', { ApplicationArn, Scope }, [ApplicationArn]));
    backend.addToPolicy(new iam.PolicyStatement({ actions: ['sso-oauth:CreateTokenWithIAM'], resources: [ApplicationArn] }));
  }
  return stack;
}
