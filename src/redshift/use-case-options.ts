import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';

/** Options for a Redshift Serverless namespace as the query service of a `TipUseCase`. */
export interface RedshiftServerlessQueryServiceOptions {
  /** The namespace; the use case sets its Redshift IdC application. */
  readonly namespace: redshiftserverless.CfnNamespace;

  /**
   * The name Identity Center shows for the Redshift application.
   * @default 'Redshift'
   */
  readonly idcDisplayName?: string;

  /**
   * The namespace Identity Center groups get in Redshift (`<namespace>:<group>` roles).
   * @default 'AWSIDC'
   */
  readonly identityNamespace?: string;
}

/** Options for a provisioned Redshift cluster as the query service of a `TipUseCase`. */
export interface RedshiftClusterQueryServiceOptions {
  /** The cluster identifier, in this stack's account and region. */
  readonly clusterIdentifier: string;

  /** A secret with the credentials of a superuser of the cluster. */
  readonly adminSecret: secretsmanager.ISecret;

  /**
   * The database to connect to.
   * @default 'dev'
   */
  readonly database?: string;

  /**
   * The name Identity Center shows for the Redshift application.
   * @default 'Redshift'
   */
  readonly idcDisplayName?: string;

  /**
   * The namespace Identity Center groups get in Redshift (`<namespace>:<group>` roles).
   * @default 'AWSIDC'
   */
  readonly identityNamespace?: string;
}

/** Options for Redshift Query Editor v2 as the client application of a `TipUseCase`. */
export interface RedshiftQueryEditorClientOptions {
  /**
   * The name Identity Center shows for the query editor.
   * @default 'RedshiftQueryEditorV2'
   */
  readonly idcDisplayName?: string;
}
