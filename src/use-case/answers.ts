import * as iam from 'aws-cdk-lib/aws-iam';
import * as redshiftserverless from 'aws-cdk-lib/aws-redshiftserverless';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ITrustedTokenIssuer } from '../identity-center';
import { validateAudiences } from '../private/validation';
import { RedshiftIdcApplication } from '../redshift';

/** The client applications users interact with (planning question 1). */
export enum ClientApplicationKind {
  /** Amazon QuickSight, AWS managed. */
  QUICKSIGHT = 'QuickSight',
  /** Amazon Redshift Query Editor v2, AWS managed. */
  REDSHIFT_QUERY_EDITOR = 'Redshift Query Editor v2',
  /** A third-party or custom-developed application that signs users in with an external IdP. */
  CUSTOM_APPLICATION = 'Custom application',
}

/** The AWS services that query the data (planning question 2). */
export enum QueryServiceKind {
  /** Amazon Redshift, provisioned or Serverless. */
  REDSHIFT = 'Redshift',
  /** Amazon Athena. */
  ATHENA = 'Athena',
}

/** The services that authorize access to the data (planning question 3). */
export enum DataAuthorizationKind {
  /** Redshift roles named after Identity Center groups. */
  REDSHIFT_ROLES = 'Redshift roles',
  /** AWS Lake Formation permissions. */
  LAKE_FORMATION = 'Lake Formation',
  /** Amazon S3 Access Grants. */
  S3_ACCESS_GRANTS = 'S3 Access Grants',
  /** Lake Formation for the data, S3 Access Grants for query results (what Athena needs). */
  LAKE_FORMATION_AND_S3_ACCESS_GRANTS = 'Lake Formation + S3 Access Grants',
}

/**
 * One combination of answers to the three planning questions that AWS supports.
 */
export interface SupportedCombination {
  /** The client application. */
  readonly clientApplication: ClientApplicationKind;
  /** The query service. */
  readonly queryService: QueryServiceKind;
  /** The authorization. */
  readonly authorization: DataAuthorizationKind;
  /** What else AWS requires, in words. */
  readonly conditions: string;
}

/**
 * A custom or third-party application: how it signs users in and who exchanges their tokens.
 */
export interface CustomApplicationOptions {
  /**
   * The trusted token issuer of the application's identity provider.
   * @default - one is created from `issuerUrl`
   */
  readonly trustedTokenIssuer?: ITrustedTokenIssuer;

  /**
   * The issuer URL of the identity provider, when no `trustedTokenIssuer` is given.
   * @default - `trustedTokenIssuer` must be given
   */
  readonly issuerUrl?: string;

  /** The audiences (client ids at the identity provider) of the application's tokens, 1 to 10. */
  readonly audiences: string[];

  /** The IAM principal of the application's backend, which exchanges users' tokens. */
  readonly backend: iam.IPrincipal;

  /**
   * The name of the Identity Center application.
   * @default - a name generated from the construct path
   */
  readonly applicationName?: string;
}

/**
 * Options for Redshift Query Editor v2 as the client.
 */
export interface RedshiftQueryEditorClientOptions {
  /**
   * The name Identity Center shows for the query editor.
   * @default 'RedshiftQueryEditorV2'
   */
  readonly idcDisplayName?: string;
}

/**
 * The client application users interact with.
 */
export class ClientApplication {
  /** Amazon QuickSight (its account must be subscribed with IAM Identity Center). */
  public static quickSight(): ClientApplication {
    return new ClientApplication(ClientApplicationKind.QUICKSIGHT);
  }

  /** Amazon Redshift Query Editor v2. */
  public static redshiftQueryEditor(options: RedshiftQueryEditorClientOptions = {}): ClientApplication {
    return new ClientApplication(ClientApplicationKind.REDSHIFT_QUERY_EDITOR, undefined, options);
  }

  /** A third-party or custom-developed application that signs users in with an external IdP. */
  public static customApplication(options: CustomApplicationOptions): ClientApplication {
    if ((options.trustedTokenIssuer === undefined) === (options.issuerUrl === undefined)) {
      throw new Error('ClientApplication.customApplication needs exactly one of trustedTokenIssuer and issuerUrl '
        + `(got ${options.trustedTokenIssuer ? 'both' : 'neither'})`);
    }
    validateAudiences('ClientApplication.customApplication audiences', options.audiences);
    return new ClientApplication(ClientApplicationKind.CUSTOM_APPLICATION, options);
  }

  private constructor(
    /** Which client this is. */
    public readonly kind: ClientApplicationKind,
    /** @internal */
    public readonly _custom?: CustomApplicationOptions,
    /** @internal */
    public readonly _queryEditor?: RedshiftQueryEditorClientOptions,
  ) {}
}

/** Options for a Redshift Serverless namespace as the query service. */
export interface RedshiftServerlessOptions {
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

/** Options for a provisioned Redshift cluster as the query service. */
export interface RedshiftClusterOptions {
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

/** Options for Athena as the query service. */
export interface AthenaOptions {
  /** The bucket for query results. */
  readonly resultsBucket: s3.IBucket;

  /**
   * The prefix for query results.
   * @default 'athena-results/'
   */
  readonly resultsPrefix?: string;

  /**
   * The workgroup name.
   * @default - generated, following the Identity Center instance
   */
  readonly workGroupName?: string;
}

/**
 * An AWS service that queries the data.
 */
export class QueryService {
  /** Redshift Serverless: the use case creates a Redshift IdC application and sets it on the namespace. */
  public static redshiftServerless(options: RedshiftServerlessOptions): QueryService {
    return new QueryService(QueryServiceKind.REDSHIFT, { serverless: options });
  }

  /** A provisioned Redshift cluster: the use case creates a Redshift IdC application and the cluster's identity provider. */
  public static redshiftCluster(options: RedshiftClusterOptions): QueryService {
    return new QueryService(QueryServiceKind.REDSHIFT, { cluster: options });
  }

  /** Redshift through a Redshift IdC application you created and attached yourself. */
  public static redshiftApplication(application: RedshiftIdcApplication): QueryService {
    return new QueryService(QueryServiceKind.REDSHIFT, { application });
  }

  /** Athena: the use case creates an Identity Center enabled workgroup. */
  public static athena(options: AthenaOptions): QueryService {
    return new QueryService(QueryServiceKind.ATHENA, { athena: options });
  }

  private constructor(
    /** Which service this is. */
    public readonly kind: QueryServiceKind,
    /** @internal */
    public readonly _options: QueryServiceOptions,
  ) {}
}

/** @internal */
export interface QueryServiceOptions {
  readonly serverless?: RedshiftServerlessOptions;
  readonly cluster?: RedshiftClusterOptions;
  readonly application?: RedshiftIdcApplication;
  readonly athena?: AthenaOptions;
}

/**
 * The service that authorizes access to the data.
 */
export class DataAuthorization {
  /** Redshift roles: Identity Center groups become roles `<namespace>:<group>` that you grant in SQL. */
  public static redshiftRoles(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.REDSHIFT_ROLES);
  }

  /** Lake Formation permissions on the Data Catalog, granted to Identity Center users and groups. */
  public static lakeFormation(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.LAKE_FORMATION);
  }

  /** S3 Access Grants to Identity Center users and groups. */
  public static s3AccessGrants(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.S3_ACCESS_GRANTS);
  }

  /** Lake Formation for the data and S3 Access Grants for query results: what Athena needs. */
  public static lakeFormationAndS3AccessGrants(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS);
  }

  private constructor(
    /** Which authorization this is. */
    public readonly kind: DataAuthorizationKind,
  ) {}

  /** Whether Lake Formation takes part. */
  public get usesLakeFormation(): boolean {
    return this.kind === DataAuthorizationKind.LAKE_FORMATION || this.kind === DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS;
  }

  /** Whether S3 Access Grants takes part. */
  public get usesS3AccessGrants(): boolean {
    return this.kind === DataAuthorizationKind.S3_ACCESS_GRANTS || this.kind === DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS;
  }
}
