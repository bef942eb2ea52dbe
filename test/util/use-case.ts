import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { INSTANCE_ARN } from './fixtures';
import {
  ClientApplication,
  ClientApplicationKind,
  DataAuthorization,
  DataAuthorizationKind,
  EmrIdentityCenterSecurityConfiguration,
  EmrServerlessIdentityCenterApplication,
  EmrStudio,
  EmrTlsCertificates,
  IdentityCenterInstance,
  QueryService,
  QueryServiceKind,
  TipUseCase,
} from '../../src';

export interface Answers { client: ClientApplicationKind; query: QueryServiceKind; authorization: DataAuthorizationKind }

/** Builds a use case from answer kinds, with the resources each answer needs. */
export function build(stack: Stack, answers: Answers): TipUseCase {
  const instance = IdentityCenterInstance.fromInstanceArn(stack, 'Instance', INSTANCE_ARN);
  const clientApplication = {
    [ClientApplicationKind.EMR_STUDIO]: () => ClientApplication.emrStudio(new EmrStudio(stack, 'Studio', {
      instance,
      vpc: ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
        vpcId: 'vpc-0123456789abcdef0',
        availabilityZones: ['us-east-1a', 'us-east-1b'],
        privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      }),
    })),
    [ClientApplicationKind.SQL_CLIENTS]: () => ClientApplication.sqlClients({
      issuerUrl: 'https://login.example.com/realms/analytics',
      audiences: ['sql-clients'],
    }),
    [ClientApplicationKind.TRANSFER_WEB_APP]: () => ClientApplication.transferWebApp(),
    [ClientApplicationKind.QUICKSIGHT]: () => ClientApplication.quickSight(),
    [ClientApplicationKind.REDSHIFT_QUERY_EDITOR]: () => ClientApplication.redshiftQueryEditor(),
    [ClientApplicationKind.CUSTOM_APPLICATION]: () => ClientApplication.customApplication({
      issuerUrl: 'https://example.okta.com/oauth2/default',
      audiences: ['web'],
      backend: new iam.Role(stack, 'Backend', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') }),
    }),
  }[answers.client]();
  const queryService = {
    [QueryServiceKind.REDSHIFT]: () => QueryService.redshiftServerless({
      namespace: new redshiftserverless.CfnNamespace(stack, 'Namespace', { namespaceName: 'sales' }),
    }),
    [QueryServiceKind.ATHENA]: () => QueryService.athena({ resultsBucket: new s3.Bucket(stack, 'Results'), workGroupName: 'wg' }),
    [QueryServiceKind.EMR_ON_EC2]: () => QueryService.emrOnEc2(new EmrIdentityCenterSecurityConfiguration(stack, 'EmrSecurity', {
      instance,
      tlsCertificates: EmrTlsCertificates.fromPemZip(new s3.Bucket(stack, 'Certificates'), 'certs/emr.zip'),
      lakeFormation: answers.authorization !== DataAuthorizationKind.S3_ACCESS_GRANTS,
      s3AccessGrants: answers.authorization !== DataAuthorizationKind.LAKE_FORMATION,
    })),
    [QueryServiceKind.EMR_SERVERLESS]: () => QueryService.emrServerless(new EmrServerlessIdentityCenterApplication(stack, 'Spark', {
      instance, releaseLabel: 'emr-7.8.0', applicationName: 'notebooks',
    })),
    [QueryServiceKind.S3]: () => QueryService.s3({ bucket: new s3.Bucket(stack, 'Shared'), prefix: 'shared/' }),
    [QueryServiceKind.GLUE_INTERACTIVE_SESSIONS]: () => QueryService.glueInteractiveSessions({
      sessionRole: new iam.Role(stack, 'SessionRole', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') }),
    }),
  }[answers.query]();
  const authorization = {
    [DataAuthorizationKind.REDSHIFT_ROLES]: DataAuthorization.redshiftRoles,
    [DataAuthorizationKind.LAKE_FORMATION]: DataAuthorization.lakeFormation,
    [DataAuthorizationKind.S3_ACCESS_GRANTS]: DataAuthorization.s3AccessGrants,
    [DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS]: DataAuthorization.lakeFormationAndS3AccessGrants,
  }[answers.authorization]();
  return new TipUseCase(stack, 'UseCase', { instance, clientApplication, queryServices: [queryService], authorization });
}

