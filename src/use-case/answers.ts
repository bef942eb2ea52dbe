import { CustomApplicationClient } from './custom-application';
import { CustomApplicationOptions } from './custom-application-options';
import { SqlClientsClient } from './sql-clients';
import { SqlClientsOptions } from './sql-clients-options';
import { AthenaQueryServiceOptions } from '../athena';
import { AthenaQueryService } from '../athena/use-case-answer';
import { EmrIdentityCenterSecurityConfiguration, EmrServerlessIdentityCenterApplication, EmrStudio } from '../emr';
import { EmrOnEc2QueryService, EmrServerlessQueryService, EmrStudioClient } from '../emr/use-case-answer';
import { GlueInteractiveSessionsQueryServiceOptions } from '../glue';
import { GlueInteractiveSessionsQueryService } from '../glue/use-case-answer';
import { ILakeFormationIdentityCenterConfiguration } from '../lake-formation';
import { LakeFormationAuthorization } from '../lake-formation/use-case-answer';
import { invalid, spelled } from '../private/validation';
import { QuickSightClient } from '../quicksight/use-case-answer';
import {
  RedshiftClusterQueryServiceOptions,
  IRedshiftIdcApplication,
  RedshiftQueryEditorClientOptions,
  RedshiftServerlessQueryServiceOptions,
} from '../redshift';
import { RedshiftQueryEditorClient, RedshiftQueryService, RedshiftRolesAuthorization } from '../redshift/use-case-answer';
import { IS3AccessGrantsIdentityCenter, S3QueryServiceOptions } from '../s3-access-grants';
import { S3AccessGrantsAuthorization, S3QueryService } from '../s3-access-grants/use-case-answer';
import { TransferWebAppClientOptions } from '../transfer';
import { TransferWebAppClient } from '../transfer/use-case-answer';
import { AuthorizationBinder, ClientApplicationBinder, QueryServiceBinder, usesLakeFormation, usesS3AccessGrants } from '../trust-chain/binding';
import { ClientApplicationKind, DataAuthorizationKind, QueryServiceKind } from '../trust-chain/kinds';

/*
 * The answers to the three planning questions. Each factory names an answer whose
 * implementation lives in its service folder (`<service>/use-case-answer.ts`) and binds itself
 * to the use case; this file only lists them.
 */

/** Options for QuickSight as the client application of a `TipUseCase`. */
export interface QuickSightClientOptions {
  /**
   * Whether to take over identity propagation that the QuickSight account already has for a
   * query service, and give it back as found on delete (see `QuickSightIdentityPropagation.adoptExisting`).
   * @default false - propagation that is already on is refused
   */
  readonly adoptExisting?: boolean;
}

/**
 * What an account already has for the authorization, so the use case does not create it.
 * Without it, the use case creates every piece and refuses what it finds in the way.
 */
export interface ExistingDataAuthorization {
  /**
   * A Lake Formation configuration made elsewhere, for example imported from a platform stack
   * with `LakeFormationIdentityCenterConfiguration.fromLakeFormationIdentityCenterConfigurationAttributes`.
   * @default - the use case creates one
   */
  readonly lakeFormation?: ILakeFormationIdentityCenterConfiguration;

  /**
   * Whether the configuration the use case creates adopts the one the catalog already has for
   * the instance, giving it back as found on delete (see `LakeFormationIdentityCenterConfiguration.adoptExisting`).
   * @default false
   */
  readonly adoptLakeFormation?: boolean;

  /**
   * An S3 Access Grants instance connected to Identity Center elsewhere, for example imported with
   * `S3AccessGrantsIdentityCenter.fromAccessGrantsInstanceArn`.
   * @default - the use case connects one
   */
  readonly s3AccessGrants?: IS3AccessGrantsIdentityCenter;

  /**
   * Whether the use case connects the account's existing S3 Access Grants instance instead of
   * creating one (see `S3AccessGrantsIdentityCenter.useExistingInstance`).
   * @default false
   */
  readonly useExistingS3AccessGrantsInstance?: boolean;
}

/**
 * The client application users interact with.
 */
export class ClientApplication {
  /** Amazon QuickSight (its account must be subscribed with IAM Identity Center). */
  public static quickSight(options: QuickSightClientOptions = {}): ClientApplication {
    return new ClientApplication(new QuickSightClient(options.adoptExisting));
  }

  /** Amazon Redshift Query Editor v2. */
  public static redshiftQueryEditor(options: RedshiftQueryEditorClientOptions = {}): ClientApplication {
    return new ClientApplication(new RedshiftQueryEditorClient(options));
  }

  /** A third-party or custom-developed application that signs users in with an external IdP. */
  public static customApplication(options: CustomApplicationOptions): ClientApplication {
    return new ClientApplication(new CustomApplicationClient(options));
  }

  /**
   * Third-party SQL and BI clients (DBeaver, Tableau, Power BI, …) that sign users in with your
   * identity provider and connect through the Athena JDBC/ODBC drivers (JWT_TIP, BrowserOidcTip)
   * or the Redshift drivers (IdpTokenAuthPlugin, BrowserIdcAuthPlugin).
   */
  public static sqlClients(options: SqlClientsOptions): ClientApplication {
    return new ClientApplication(new SqlClientsClient(options));
  }

  /**
   * An AWS Transfer Family web app: users sign in with Identity Center and browse, upload and
   * download the S3 locations S3 Access Grants grants them. The use case makes the web app
   * (`TransferWebAppIdentityCenter`, child `TransferWebApp`).
   */
  public static transferWebApp(options: TransferWebAppClientOptions = {}): ClientApplication {
    return new ClientApplication(new TransferWebAppClient(options));
  }

  /**
   * Amazon EMR Studio: users sign in with Identity Center and run notebooks on EMR on EC2, or
   * queries in Athena, as themselves. Assign them on the Studio by name (`assignUser`, `assignGroup`).
   *
   * @param studio the Studio, with trusted identity propagation on (as `EmrStudio` makes it)
   */
  public static emrStudio(studio: EmrStudio): ClientApplication {
    return new ClientApplication(new EmrStudioClient(studio));
  }

  /** Which client this is. */
  public readonly kind: ClientApplicationKind;

  private constructor(
    /** @internal */
    public readonly _binder: ClientApplicationBinder,
  ) {
    this.kind = _binder.kind;
  }
}

/**
 * An AWS service that queries the data.
 */
export class QueryService {
  /** Redshift Serverless: the use case creates a Redshift IdC application and sets it on the namespace. */
  public static redshiftServerless(options: RedshiftServerlessQueryServiceOptions): QueryService {
    return new QueryService(new RedshiftQueryService({ serverless: options }));
  }

  /** A provisioned Redshift cluster: the use case creates a Redshift IdC application and the cluster's identity provider. */
  public static redshiftCluster(options: RedshiftClusterQueryServiceOptions): QueryService {
    return new QueryService(new RedshiftQueryService({ cluster: options }));
  }

  /**
   * Redshift through a Redshift IdC application you created and attached yourself, in this app or
   * imported.
   */
  public static redshiftApplication(application: IRedshiftIdcApplication): QueryService {
    return new QueryService(new RedshiftQueryService({ application }));
  }

  /** Athena: the use case creates an Identity Center enabled workgroup. */
  public static athena(options: AthenaQueryServiceOptions): QueryService {
    return new QueryService(new AthenaQueryService(options));
  }

  /**
   * Apache Spark on EMR on EC2 clusters (6.15.0 and later) that use the security configuration;
   * its Lake Formation and S3 Access Grants settings must match the use case's authorization.
   *
   * @param securityConfiguration the configuration the clusters use (`configureCluster`)
   */
  public static emrOnEc2(securityConfiguration: EmrIdentityCenterSecurityConfiguration): QueryService {
    return new QueryService(new EmrOnEc2QueryService(securityConfiguration));
  }

  /**
   * Apache Spark interactive sessions on EMR Serverless (7.8.0 and later), through the
   * application's Livy endpoint; the use case allows the sessions' runtime role what the
   * authorization needs for the user's data.
   *
   * @param application the Identity Center enabled application
   */
  public static emrServerless(application: EmrServerlessIdentityCenterApplication): QueryService {
    return new QueryService(new EmrServerlessQueryService(application));
  }

  /**
   * AWS Glue 5.0 interactive sessions, started with the user's identity-enhanced credentials:
   * the use case connects Glue to Identity Center and equips the sessions' role.
   */
  public static glueInteractiveSessions(options: GlueInteractiveSessionsQueryServiceOptions): QueryService {
    return new QueryService(new GlueInteractiveSessionsQueryService(options));
  }

  /**
   * Amazon S3 itself: a bucket or prefix users reach through S3 Access Grants. The use case
   * registers it as a location of its S3 Access Grants instance; `allowUser` and `allowGroup`
   * grant it.
   */
  public static s3(options: S3QueryServiceOptions): QueryService {
    return new QueryService(new S3QueryService(options));
  }

  /** Which service this is. */
  public readonly kind: QueryServiceKind;

  private constructor(
    /** @internal */
    public readonly _binder: QueryServiceBinder,
  ) {
    this.kind = _binder.kind;
  }
}

/**
 * The service that authorizes access to the data.
 */
export class DataAuthorization {
  /** Redshift roles: Identity Center groups become roles `<namespace>:<group>` that you grant in SQL. */
  public static redshiftRoles(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.REDSHIFT_ROLES, [new RedshiftRolesAuthorization()]);
  }

  /**
   * Lake Formation permissions on the Data Catalog, granted to Identity Center users and groups.
   *
   * @param existing what the account already has (default: the use case creates it)
   */
  public static lakeFormation(existing: ExistingDataAuthorization = {}): DataAuthorization {
    refuseUnused('DataAuthorization.lakeFormation', existing, ['s3AccessGrants', 'useExistingS3AccessGrantsInstance']);
    return new DataAuthorization(DataAuthorizationKind.LAKE_FORMATION, [lakeFormationOf(existing)]);
  }

  /**
   * S3 Access Grants to Identity Center users and groups.
   *
   * @param existing what the account already has (default: the use case creates it)
   */
  public static s3AccessGrants(existing: ExistingDataAuthorization = {}): DataAuthorization {
    refuseUnused('DataAuthorization.s3AccessGrants', existing, ['lakeFormation', 'adoptLakeFormation']);
    return new DataAuthorization(DataAuthorizationKind.S3_ACCESS_GRANTS, [s3AccessGrantsOf(existing)]);
  }

  /**
   * Lake Formation for the data and S3 Access Grants for query results: what Athena needs.
   *
   * @param existing what the account already has (default: the use case creates it)
   */
  public static lakeFormationAndS3AccessGrants(existing: ExistingDataAuthorization = {}): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS, [lakeFormationOf(existing), s3AccessGrantsOf(existing)]);
  }

  private constructor(
    /** Which authorization this is. */
    public readonly kind: DataAuthorizationKind,
    /** @internal */
    public readonly _binders: AuthorizationBinder[],
  ) {}

  /** Whether Lake Formation takes part. */
  public get usesLakeFormation(): boolean {
    return usesLakeFormation(this.kind);
  }

  /** Whether S3 Access Grants takes part. */
  public get usesS3AccessGrants(): boolean {
    return usesS3AccessGrants(this.kind);
  }
}

function lakeFormationOf(existing: ExistingDataAuthorization): LakeFormationAuthorization {
  if (existing.lakeFormation && existing.adoptLakeFormation) {
    invalid('DataAuthorization', `pass ${spelled('lakeFormation')} to use one made elsewhere, or ${spelled('adoptLakeFormation')} `
      + 'to create one that adopts, not both');
  }
  return new LakeFormationAuthorization(existing.lakeFormation, existing.adoptLakeFormation);
}

function s3AccessGrantsOf(existing: ExistingDataAuthorization): S3AccessGrantsAuthorization {
  if (existing.s3AccessGrants && existing.useExistingS3AccessGrantsInstance) {
    invalid('DataAuthorization', `pass ${spelled('s3AccessGrants')} to use one connected elsewhere, or ${spelled('useExistingS3AccessGrantsInstance')} `
      + 'to connect the account\'s instance here, not both');
  }
  return new S3AccessGrantsAuthorization(existing.s3AccessGrants, existing.useExistingS3AccessGrantsInstance);
}

/** Refuses options that the chosen authorization would ignore. */
function refuseUnused(factory: string, existing: ExistingDataAuthorization, unused: Array<keyof ExistingDataAuthorization>): void {
  const given = unused.filter(option => existing[option] !== undefined);
  if (given.length > 0) invalid(factory, `${given.join(' and ')} ${given.length > 1 ? 'do' : 'does'} not apply: this authorization has no such piece`);
}
