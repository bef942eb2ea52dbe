import { App, Aspects, CfnOutput, CfnParameter, Fn, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as emr from 'aws-cdk-lib/aws-emr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import {
  ClientApplication,
  DataAuthorization,
  EmrIdentityCenterSecurityConfiguration,
  EmrServerlessIdentityCenterApplication,
  EmrStudio,
  EmrTlsCertificates,
  QuickSightDataSourceConnection,
  IdentityCenterInstance,
  LakeFormationS3Location,
  QueryService,
  QuickSightDataSource,
  TipChecks,
  TipUseCase,
} from '../src';

/** The Identity Center instance the examples use; replace it with yours. */
export const EXAMPLE_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';

/** A stack of the example app, with the use case it demonstrates. */
abstract class UseCaseStack extends Stack {
  public abstract readonly useCase: TipUseCase;

  protected instance() {
    return IdentityCenterInstance.fromInstanceArn(this, 'IdentityCenter', EXAMPLE_INSTANCE_ARN);
  }

  protected groupId(description: string): string {
    return new CfnParameter(this, 'AnalystsGroupId', { description, default: 'a1b2c3d4-1111-2222-3333-444455556666' }).valueAsString;
  }

  protected serverlessNamespace(name: string): redshiftserverless.CfnNamespace {
    const namespace = new redshiftserverless.CfnNamespace(this, 'Namespace', { namespaceName: name, manageAdminPassword: true });
    const workgroup = new redshiftserverless.CfnWorkgroup(this, 'Workgroup', {
      workgroupName: name, namespaceName: name, publiclyAccessible: false, enhancedVpcRouting: true,
    });
    workgroup.node.addDependency(namespace);
    return namespace;
  }

  protected bucket(id: string): s3.Bucket {
    const options = { enforceSSL: true, encryption: s3.BucketEncryption.S3_MANAGED, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL };
    let accessLogs = this.node.tryFindChild('AccessLogs') as s3.Bucket | undefined;
    if (!accessLogs) {
      accessLogs = new s3.Bucket(this, 'AccessLogs', options);
      Validations.of(accessLogs).acknowledge({
        id: 'AwsSolutions::AwsSolutions-S1',
        reason: 'This bucket receives the server access logs of the other buckets; logging its own access would loop',
      });
    }
    return new s3.Bucket(this, id, { ...options, serverAccessLogsBucket: accessLogs, serverAccessLogsPrefix: `${id}/` });
  }
}

/**
 * A custom web application signs users in with Okta; its backend exchanges their Okta tokens
 * for Identity Center tokens and queries Redshift Serverless as the user.
 */
export class CustomAppRedshiftStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Backend of the analytics web application',
    });
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.customApplication({
        issuerUrl: 'https://example.okta.com/oauth2/default',
        audiences: ['0oa1analyticsweb'],
        backend,
        applicationName: 'analytics-web',
      }),
      queryServices: [QueryService.redshiftServerless({ namespace: this.serverlessNamespace('analytics') })],
      authorization: DataAuthorization.redshiftRoles(),
    });
    this.useCase.allowGroup(this.groupId('Identity store id of the group allowed to use the application'));
  }
}

/**
 * QuickSight dashboards on Redshift Serverless: QuickSight passes each reader's identity to
 * Redshift, which authorizes with roles named after their groups (`AWSIDC:<group>`).
 */
export class QuickSightRedshiftStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.quickSight(),
      queryServices: [QueryService.redshiftServerless({ namespace: this.serverlessNamespace('sales') })],
      authorization: DataAuthorization.redshiftRoles(),
    });
    new QuickSightDataSource(this, 'SalesDataSource', {
      dataSourceName: 'Sales (Redshift, as the signed-in user)',
      dataSourceId: 'sales-redshift',
      connection: QuickSightDataSourceConnection.redshiftEndpoint('sales.111122223333.us-east-1.redshift-serverless.amazonaws.com', 'dev', 5439),
    });
  }
}

/**
 * A custom application queries an Athena lakehouse as its users: Lake Formation authorizes their
 * queries on the data lake, S3 Access Grants serves them their query results.
 */
export class CustomAppAthenaLakehouseStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const analysts = this.groupId('Identity store id of the analysts group');
    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Backend of the lakehouse web application',
    });
    const dataLake = this.bucket('DataLake');
    new LakeFormationS3Location(this, 'SalesData', { bucket: dataLake, prefix: 'sales/' });

    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.customApplication({
        issuerUrl: 'https://login.example.com/realms/analytics',
        audiences: ['lakehouse-web'],
        backend,
        applicationName: 'lakehouse-web',
      }),
      queryServices: [QueryService.athena({ resultsBucket: this.bucket('QueryResults'), workGroupName: 'analysts' })],
      authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
      // Each deployment checks the deployed chain, link by link, and fails on a missing one.
      verify: true,
    });
    // Assigns the group to the application and the workgroup, and grants it its query results.
    this.useCase.allowGroup(analysts);
    new CfnOutput(this, 'TrustChainReport', { value: this.useCase.verificationReport!, description: 'What the verification of the deployed trust chain found' });
  }
}

/**
 * Redshift Query Editor v2 on Redshift Serverless, with Lake Formation authorizing the users'
 * queries on data lake tables (Redshift Spectrum and lakehouse tables).
 */
export class QueryEditorLakeFormationStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.redshiftQueryEditor(),
      queryServices: [QueryService.redshiftServerless({ namespace: this.serverlessNamespace('finance'), identityNamespace: 'finance' })],
      authorization: DataAuthorization.lakeFormation(),
    });
    this.useCase.allowGroup(this.groupId('Identity store id of the finance analysts group'));
  }
}

/**
 * Data scientists sign in to EMR Studio with Identity Center and run Spark notebooks on an EMR
 * on EC2 cluster as themselves; Lake Formation authorizes their access to the catalog's tables.
 */
export class EmrStudioLakeFormationStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const instance = this.instance();
    // The analytics VPC, with two private subnets tagged for-use-with-amazon-emr-managed-policies=true.
    const subnetIds = new CfnParameter(this, 'SubnetIds', {
      type: 'List<AWS::EC2::Subnet::Id>', description: 'Two private subnets of the VPC, tagged for-use-with-amazon-emr-managed-policies=true',
    }).valueAsList;
    const vpc = ec2.Vpc.fromVpcAttributes(this, 'Vpc', {
      vpcId: new CfnParameter(this, 'VpcId', { type: 'AWS::EC2::VPC::Id', description: 'The analytics VPC' }).valueAsString,
      availabilityZones: ['first', 'second'],
      privateSubnetIds: [Fn.select(0, subnetIds), Fn.select(1, subnetIds)],
    });
    const studio = new EmrStudio(this, 'Studio', { instance, vpc, studioName: 'data-science', workspaceBucket: this.bucket('Workspaces') });
    studio.assignGroup('Data Scientists');

    // A zip of privateKey.pem and certificateChain.pem for in-transit encryption.
    const certificates = EmrTlsCertificates.fromPemZip(this.bucket('Certificates'), 'emr/certificates.zip');
    const securityConfiguration = new EmrIdentityCenterSecurityConfiguration(this, 'SparkSecurity', {
      instance,
      tlsCertificates: certificates,
      lakeFormation: true,
      localDiskEncryptionKey: new kms.Key(this, 'LocalDisks', { enableKeyRotation: true }),
      releaseLabel: 'emr-7.2.0',
    });
    const cluster = new emr.CfnCluster(this, 'Cluster', {
      name: 'data-science',
      releaseLabel: 'emr-7.2.0',
      applications: [{ name: 'Spark' }, { name: 'Livy' }, { name: 'JupyterEnterpriseGateway' }],
      serviceRole: this.emrServiceRole(certificates).roleName,
      jobFlowRole: securityConfiguration.instanceProfile.instanceProfileName,
      logUri: this.bucket('ClusterLogs').s3UrlForObject('emr/'),
      instances: {
        ec2SubnetId: vpc.privateSubnets[0].subnetId,
        additionalMasterSecurityGroups: [studio.engineSecurityGroup.securityGroupId],
        masterInstanceGroup: { instanceCount: 1, instanceType: 'm5.xlarge' },
        coreInstanceGroup: { instanceCount: 2, instanceType: 'm5.xlarge' },
      },
      // Studio Workspaces attach only to clusters that carry the EMR managed-policy tag.
      tags: [{ key: 'for-use-with-amazon-emr-managed-policies', value: 'true' }],
    });
    securityConfiguration.configureCluster(cluster);
    Validations.of(cluster).acknowledge({
      id: 'AwsSolutions::AwsSolutions-EMR6',
      reason: 'Users authenticate with IAM Identity Center through EMR Studio; Identity Center replaces Kerberos here',
    });

    this.useCase = new TipUseCase(this, 'UseCase', {
      instance,
      clientApplication: ClientApplication.emrStudio(studio),
      queryServices: [QueryService.emrOnEc2(securityConfiguration)],
      authorization: DataAuthorization.lakeFormation(),
    });
    new CfnOutput(this, 'StudioUrl', { value: studio.studioUrl, description: 'Where data scientists open EMR Studio' });
  }

  /**
   * The cluster's EMR service role: the AWS managed policy for EMR clusters, and the certificates
   * ("The Amazon EMR service role should have access to the Amazon S3 location",
   * ManagementGuide/emr-trusted-identity-prerequisites.html).
   */
  private emrServiceRole(certificates: EmrTlsCertificates): iam.Role {
    const role = new iam.Role(this, 'EmrServiceRole', {
      assumedBy: new iam.ServicePrincipal('elasticmapreduce.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonEMRServicePolicy_v2')],
    });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [certificates.bucket.arnForObjects(certificates.key)] }));
    Validations.of(role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2]',
      reason: 'AmazonEMRServicePolicy_v2 is the policy AWS maintains for EMR service roles; it acts only on resources tagged for EMR',
    });
    return role;
  }
}

/**
 * A custom notebook application runs Spark for its users on EMR Serverless: its backend starts
 * interactive sessions on the Livy endpoint with each user's identity-enhanced credentials, and
 * Lake Formation and S3 Access Grants authorize what the sessions read.
 */
export class CustomAppEmrServerlessStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const instance = this.instance();
    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Backend of the notebook application',
    });
    const spark = new EmrServerlessIdentityCenterApplication(this, 'Spark', {
      instance, releaseLabel: 'emr-7.8.0', applicationName: 'notebooks', userBackgroundSessions: true,
    });
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance,
      clientApplication: ClientApplication.customApplication({
        issuerUrl: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
        audiences: ['api://notebooks'],
        backend,
        applicationName: 'notebooks',
      }),
      queryServices: [QueryService.emrServerless(spark)],
      authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
    });
    this.useCase.allowGroup(this.groupId('Identity store id of the group allowed to use the notebooks'));
  }
}

/**
 * A custom application runs AWS Glue 5.0 interactive sessions as its users, and Lake Formation
 * authorizes the tables they read.
 */
export class CustomAppGlueStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Backend of the data preparation application',
    });
    const sessionRole = new iam.Role(this, 'GlueSessionRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: 'Role of the Glue interactive sessions that run as Identity Center users',
    });
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.customApplication({
        issuerUrl: 'https://example.okta.com/oauth2/default',
        audiences: ['0oa1dataprep'],
        backend,
        applicationName: 'data-prep',
      }),
      queryServices: [QueryService.glueInteractiveSessions({ sessionRole })],
      authorization: DataAuthorization.lakeFormation(),
    });
    this.useCase.allowGroup(this.groupId('Identity store id of the data engineers group'));
  }
}

/**
 * Analysts connect DBeaver, Tableau or Power BI to an Athena lakehouse through the Athena JDBC
 * and ODBC drivers, signing in with the company's identity provider in their browser: Lake
 * Formation authorizes their queries, S3 Access Grants serves them their results.
 */
export class SqlClientsAthenaLakehouseStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.sqlClients({
        issuerUrl: 'https://login.example.com/realms/analytics',
        audiences: ['sql-clients'],
        applicationName: 'sql-clients',
      }),
      queryServices: [QueryService.athena({ resultsBucket: this.bucket('QueryResults'), workGroupName: 'sql-analysts' })],
      authorization: DataAuthorization.lakeFormationAndS3AccessGrants(),
    });
    // Assigns the group to the application and the workgroup, and grants it its query results.
    this.useCase.allowGroup(this.groupId('Identity store id of the analysts group'));
  }
}

/**
 * Partners sign in to a Transfer Family web app with Identity Center and exchange files in a
 * shared prefix, which S3 Access Grants grants their group.
 */
export class TransferWebAppStack extends UseCaseStack {
  public readonly useCase: TipUseCase;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.useCase = new TipUseCase(this, 'UseCase', {
      instance: this.instance(),
      clientApplication: ClientApplication.transferWebApp(),
      queryServices: [QueryService.s3({ bucket: this.bucket('SharedFiles'), prefix: 'partners/' })],
      authorization: DataAuthorization.s3AccessGrants(),
    });
    // Assigns the group to the web app and grants it partners/.
    this.useCase.allowGroup(this.groupId('Identity store id of the partners group'));
  }
}

/** Adds every example stack to `app`. */
export function addExampleStacks(app: App): UseCaseStack[] {
  // Access logs are delivered by bucket policy, not the legacy log-delivery ACL.
  app.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
  // The TIP doctor's rules: a broken trust chain fails synthesis.
  Aspects.of(app).add(new TipChecks());
  const env = { account: '111122223333', region: 'us-east-1' };
  return [
    new CustomAppRedshiftStack(app, 'CustomAppRedshift', { env }),
    new QuickSightRedshiftStack(app, 'QuickSightRedshift', { env }),
    new CustomAppAthenaLakehouseStack(app, 'CustomAppAthenaLakehouse', { env }),
    new QueryEditorLakeFormationStack(app, 'QueryEditorLakeFormation', { env }),
    new EmrStudioLakeFormationStack(app, 'EmrStudioLakeFormation', { env }),
    new CustomAppEmrServerlessStack(app, 'CustomAppEmrServerless', { env }),
    new CustomAppGlueStack(app, 'CustomAppGlue', { env }),
    new SqlClientsAthenaLakehouseStack(app, 'SqlClientsAthenaLakehouse', { env }),
    new TransferWebAppStack(app, 'TransferWebApp', { env }),
  ];
}
