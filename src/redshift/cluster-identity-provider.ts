import { ArnFormat, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { IRedshiftIdcApplication } from './redshift-idc-application';
import { REDSHIFT_IDENTITY_PROVIDER } from '../private/contracts/redshift-identity-provider';
import { ReasonedStatement } from '../private/nag';
import { TipProvider } from '../private/provider';
import { invalid, spelled, validateLength, validatePattern } from '../private/validation';

/**
 * Properties of a `RedshiftClusterIdentityProvider`.
 */
export interface RedshiftClusterIdentityProviderProps {
  /** The Redshift IdC application to connect the cluster to. */
  readonly application: IRedshiftIdcApplication;

  /** The identifier of the provisioned cluster, in this stack's account and region. */
  readonly clusterIdentifier: string;

  /**
   * The secret with the credentials of a superuser of the cluster (`username` and `password`,
   * as Redshift and Secrets Manager rotation store them). Only superusers can create identity
   * providers.
   */
  readonly adminSecret: secretsmanager.ISecret;

  /**
   * The database to connect to.
   * @default 'dev'
   */
  readonly database?: string;

  /**
   * The name of the identity provider in the cluster, 1 to 127 of `[A-Za-z0-9_-]`.
   * @default - a name generated from the construct path
   */
  readonly identityProviderName?: string;
}

const CLUSTER_IDENTIFIER = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const SQL_NAME = /^[A-Za-z0-9_-]+$/;
const DATABASE = /^[A-Za-z_][A-Za-z0-9_$]*$/;

/**
 * Connects a provisioned Amazon Redshift cluster to a Redshift IdC application: runs
 * `CREATE IDENTITY PROVIDER … TYPE AWSIDC` through the Redshift Data API, and
 * `DROP IDENTITY PROVIDER` when removed. (CloudFormation's `AWS::Redshift::Cluster` has no
 * property for it; Serverless namespaces use `RedshiftIdcApplication.attachToServerlessNamespace`.)
 *
 * Identity Center groups then map to Redshift roles named `<namespace>:<group>`:
 * `CREATE ROLE "AWSIDC:analysts"; GRANT SELECT ON ALL TABLES IN SCHEMA sales TO ROLE "AWSIDC:analysts";`
 */
export class RedshiftClusterIdentityProvider extends Construct {
  /** The name of the identity provider in the cluster. */
  public readonly identityProviderName: string;

  constructor(scope: Construct, id: string, props: RedshiftClusterIdentityProviderProps) {
    super(scope, id);
    validateLength(this, 'clusterIdentifier', props.clusterIdentifier, 1, 63);
    validatePattern(this, 'clusterIdentifier', props.clusterIdentifier, CLUSTER_IDENTIFIER,
      'must be lower-case letters and digits in words joined by single hyphens, starting with a letter');
    validateLength(this, 'database', props.database, 1, 127);
    validatePattern(this, 'database', props.database, DATABASE, 'must be a Redshift database name: letters, digits, _ and $, not starting with a digit');
    validateLength(this, 'identityProviderName', props.identityProviderName, 1, 127);
    validatePattern(this, 'identityProviderName', props.identityProviderName, SQL_NAME, 'may contain only letters, digits, _ and -');
    const { identityNamespace, role } = props.application;
    if (!identityNamespace || !role) {
      invalid(this, `application ${props.application.node.path} was imported without identityNamespace and role; `
        + `pass both to ${spelled('RedshiftIdcApplication.fromRedshiftIdcApplicationAttributes()')} to attach it to a cluster`);
    }

    this.identityProviderName = props.identityProviderName ?? Names.uniqueResourceName(this, { maxLength: 127 });

    const provider = TipProvider.of(this);
    const resource = provider.customResource(this, 'Resource', REDSHIFT_IDENTITY_PROVIDER, {
      ClusterIdentifier: props.clusterIdentifier,
      Database: props.database ?? 'dev',
      SecretArn: props.adminSecret.secretArn,
      IdentityProviderName: this.identityProviderName,
      Namespace: identityNamespace,
      ApplicationArn: props.application.identityCenterApplication.applicationArn,
      IamRoleArn: role.roleArn,
    });
    provider.permit(resource, 'RedshiftIdentityProvider', statements(this, props));
  }
}

/** What the handler needs to run SQL on the cluster as the superuser of `adminSecret`. */
function statements(scope: Construct, props: RedshiftClusterIdentityProviderProps): ReasonedStatement[] {
  const stack = Stack.of(scope);
  const secret = props.adminSecret;
  return [{
    statement: new iam.PolicyStatement({
      actions: ['redshift-data:ExecuteStatement'],
      resources: [stack.formatArn({ service: 'redshift', resource: 'cluster', resourceName: props.clusterIdentifier, arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }),
  }, {
    // These have no resource type; the Data API shows callers only their own statements.
    statement: new iam.PolicyStatement({ actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'], resources: ['*'] }),
    wildcardReason: 'redshift-data:DescribeStatement and GetStatementResult have no resource type; the Data API shows callers only their own statements',
  }, {
    // What ISecret.grantRead grants, written here so it lives in this resource's policy. A secret
    // known by its partial ARN matches any of the six characters Secrets Manager appends.
    statement: new iam.PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [secret.secretFullArn ?? `${secret.secretArn}-??????`],
    }),
    wildcardReason: secret.secretFullArn ? undefined : 'The secret is known by its partial ARN; Secrets Manager appends six characters',
  }, ...(secret.encryptionKey ? [{
    statement: new iam.PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [secret.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${stack.region}.amazonaws.com` } },
    }),
  }] : [])];
}
