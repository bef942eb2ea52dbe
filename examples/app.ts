import { App, CfnParameter, Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshift from 'aws-cdk-lib/aws-redshift';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import {
  AccessScope,
  ApplicationGrant,
  AthenaIdentityCenterWorkGroup,
  DataSourceConnection,
  IdentityCenterApplication,
  IdentityCenterInstance,
  LakeFormationIdentityCenterConfiguration,
  LakeFormationS3Location,
  QuickSightDataSource,
  QuickSightIdentityPropagation,
  QuickSightPropagationService,
  RedshiftClusterIdentityProvider,
  RedshiftIdcApplication,
  S3AccessGrantPermission,
  S3AccessGrantsIdentityCenter,
  TrustedTokenIssuer,
} from '../src';

/** The Identity Center instance the examples use; replace it with yours. */
export const EXAMPLE_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6';

/**
 * A custom-developed web application whose users sign in with Okta. Its backend exchanges their
 * Okta tokens for Identity Center tokens (`CreateTokenWithIAM`) and queries data as the user.
 */
export class CustomAppIdentityCenterStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instance = IdentityCenterInstance.fromInstanceArn(this, 'IdentityCenter', EXAMPLE_INSTANCE_ARN);
    const okta = new TrustedTokenIssuer(this, 'Okta', {
      instance,
      issuerUrl: 'https://example.okta.com/oauth2/default',
    });

    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Backend of the analytics web application',
    });

    const app = new IdentityCenterApplication(this, 'AnalyticsApp', {
      instance,
      applicationName: 'analytics-web',
      description: 'Analytics web application (custom, Okta sign-in)',
      grants: [ApplicationGrant.jwtBearer({ issuer: okta, audiences: ['0oa1analyticsweb'] })],
      accessScopes: [
        { scope: AccessScope.REDSHIFT_CONNECT },
        { scope: AccessScope.LAKE_FORMATION_QUERY },
        { scope: AccessScope.S3_ACCESS_GRANTS_READ_WRITE },
      ],
    });
    app.allowTokenExchange(backend);

    const analysts = new CfnParameter(this, 'AnalystsGroupId', {
      description: 'Identity store id of the group allowed to use the application',
      default: 'a1b2c3d4-1111-2222-3333-444455556666',
    });
    app.assignGroup(analysts.valueAsString);
  }
}

/**
 * QuickSight dashboards on Redshift Serverless: QuickSight passes each reader's Identity Center
 * identity to Redshift, which authorizes with roles named after their groups (`AWSIDC:<group>`).
 */
export class QuickSightRedshiftStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instance = IdentityCenterInstance.fromInstanceArn(this, 'IdentityCenter', EXAMPLE_INSTANCE_ARN);
    const redshiftApp = new RedshiftIdcApplication(this, 'RedshiftIdc', {
      instance,
      redshiftIdcApplicationName: 'sales-redshift',
      idcDisplayName: 'Sales-Redshift',
      redshiftConnect: true,
    });

    const namespace = new redshiftserverless.CfnNamespace(this, 'Namespace', {
      namespaceName: 'sales',
      manageAdminPassword: true,
    });
    redshiftApp.attachToServerlessNamespace(namespace);
    const workgroup = new redshiftserverless.CfnWorkgroup(this, 'Workgroup', {
      workgroupName: 'sales',
      namespaceName: namespace.namespaceName,
      publiclyAccessible: false,
    });
    workgroup.node.addDependency(namespace);

    new QuickSightIdentityPropagation(this, 'QuickSightToRedshift', {
      service: QuickSightPropagationService.REDSHIFT,
      authorizedTargets: [redshiftApp.identityCenterApplication],
    });
    new QuickSightDataSource(this, 'SalesDataSource', {
      dataSourceName: 'Sales (Redshift, as the signed-in user)',
      dataSourceId: 'sales-redshift',
      connection: DataSourceConnection.redshiftEndpoint(workgroup.attrWorkgroupEndpointAddress, 'dev', 5439),
    });
  }
}

/**
 * Third-party SQL clients (DBeaver, Tableau) sign users in with Okta and connect to a provisioned
 * Redshift cluster with the Okta token; Redshift trusts Okta through its IdC application.
 */
export class SqlClientsRedshiftClusterStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instance = IdentityCenterInstance.fromInstanceArn(this, 'IdentityCenter', EXAMPLE_INSTANCE_ARN);
    const okta = new TrustedTokenIssuer(this, 'Okta', { instance, issuerUrl: 'https://example.okta.com/oauth2/default' });
    const redshiftApp = new RedshiftIdcApplication(this, 'RedshiftIdc', {
      instance,
      redshiftIdcApplicationName: 'finance-redshift',
      idcDisplayName: 'Finance-Redshift',
      identityNamespace: 'okta',
      authorizedTokenIssuers: [{ issuer: okta, audiences: ['0oa1dbeaver', '0oa1tableau'] }],
    });

    const cluster = new redshift.CfnCluster(this, 'Cluster', {
      clusterIdentifier: 'finance',
      clusterType: 'single-node',
      nodeType: 'ra3.large',
      dbName: 'dev',
      masterUsername: 'admin',
      manageMasterPassword: true,
      encrypted: true,
      publiclyAccessible: false,
    });
    const identityProvider = new RedshiftClusterIdentityProvider(this, 'ClusterIdentityProvider', {
      application: redshiftApp,
      clusterIdentifier: cluster.ref,
      adminSecret: secretsmanager.Secret.fromSecretCompleteArn(this, 'AdminSecret', cluster.attrMasterPasswordSecretArn),
      identityProviderName: 'okta-idc',
    });
    identityProvider.node.addDependency(cluster);
  }
}

/**
 * A custom application queries an Athena lakehouse as its users: Lake Formation authorizes
 * their queries on the data lake, S3 Access Grants serves them their query results.
 */
export class CustomAppAthenaLakehouseStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const instance = IdentityCenterInstance.fromInstanceArn(this, 'IdentityCenter', EXAMPLE_INSTANCE_ARN);
    const analysts = new CfnParameter(this, 'AnalystsGroupId', {
      description: 'Identity store id of the analysts group',
      default: 'a1b2c3d4-1111-2222-3333-444455556666',
    }).valueAsString;

    const dataLake = new s3.Bucket(this, 'DataLake', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    const results = new s3.Bucket(this, 'QueryResults', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });

    const lakeFormation = new LakeFormationIdentityCenterConfiguration(this, 'LakeFormation', { instance });
    new LakeFormationS3Location(this, 'SalesData', { bucket: dataLake, prefix: 'sales/' });

    const accessGrants = new S3AccessGrantsIdentityCenter(this, 'AccessGrants', { instance });
    accessGrants.addLocation('Results', { bucket: results, prefix: 'athena/' })
      .grantToGroup(analysts, S3AccessGrantPermission.READWRITE);

    const workGroup = new AthenaIdentityCenterWorkGroup(this, 'WorkGroup', {
      instance,
      workGroupName: 'analysts',
      resultsBucket: results,
      resultsPrefix: 'athena/',
    });
    workGroup.identityCenterApplication.assignGroup(analysts);

    const okta = new TrustedTokenIssuer(this, 'Okta', { instance, issuerUrl: 'https://example.okta.com/oauth2/default' });
    const backend = new iam.Role(this, 'BackendRole', {
      assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com'),
      description: 'Backend of the lakehouse web application',
    });
    const app = new IdentityCenterApplication(this, 'LakehouseApp', {
      instance,
      applicationName: 'lakehouse-web',
      grants: [ApplicationGrant.jwtBearer({ issuer: okta, audiences: ['0oa1lakehouseweb'] })],
      accessScopes: [
        { scope: AccessScope.ATHENA_WORKGROUP_READ_WRITE, authorizedTargets: [workGroup.identityCenterApplication] },
        { scope: AccessScope.LAKE_FORMATION_QUERY, authorizedTargets: [lakeFormation.identityCenterApplication] },
        { scope: AccessScope.S3_ACCESS_GRANTS_READ_WRITE },
      ],
    });
    app.allowTokenExchange(backend);
    app.assignGroup(analysts);
  }
}

/** Adds every example stack to `app`. */
export function addExampleStacks(app: App): Stack[] {
  const env = { account: '111122223333', region: 'us-east-1' };
  return [
    new CustomAppIdentityCenterStack(app, 'CustomAppIdentityCenter', { env }),
    new QuickSightRedshiftStack(app, 'QuickSightRedshift', { env }),
    new SqlClientsRedshiftClusterStack(app, 'SqlClientsRedshiftCluster', { env }),
    new CustomAppAthenaLakehouseStack(app, 'CustomAppAthenaLakehouse', { env }),
  ];
}
