import { CustomApplicationClient } from './custom-application';
import { CustomApplicationOptions } from './custom-application-options';
import { AthenaQueryServiceOptions } from '../athena';
import { AthenaQueryService } from '../athena/use-case-answer';
import { LakeFormationAuthorization } from '../lake-formation/use-case-answer';
import { QuickSightClient } from '../quicksight/use-case-answer';
import {
  RedshiftClusterQueryServiceOptions,
  IRedshiftIdcApplication,
  RedshiftQueryEditorClientOptions,
  RedshiftServerlessQueryServiceOptions,
} from '../redshift';
import { RedshiftQueryEditorClient, RedshiftQueryService, RedshiftRolesAuthorization } from '../redshift/use-case-answer';
import { S3AccessGrantsAuthorization } from '../s3-access-grants/use-case-answer';
import { AuthorizationBinder, ClientApplicationBinder, QueryServiceBinder, usesLakeFormation, usesS3AccessGrants } from '../trust-chain/binding';
import { ClientApplicationKind, DataAuthorizationKind, QueryServiceKind } from '../trust-chain/kinds';

/*
 * The answers to the three planning questions. Each factory names an answer whose
 * implementation lives in its service folder (`<service>/use-case-answer.ts`) and binds itself
 * to the use case; this file only lists them.
 */

/**
 * The client application users interact with.
 */
export class ClientApplication {
  /** Amazon QuickSight (its account must be subscribed with IAM Identity Center). */
  public static quickSight(): ClientApplication {
    return new ClientApplication(new QuickSightClient());
  }

  /** Amazon Redshift Query Editor v2. */
  public static redshiftQueryEditor(options: RedshiftQueryEditorClientOptions = {}): ClientApplication {
    return new ClientApplication(new RedshiftQueryEditorClient(options));
  }

  /** A third-party or custom-developed application that signs users in with an external IdP. */
  public static customApplication(options: CustomApplicationOptions): ClientApplication {
    return new ClientApplication(new CustomApplicationClient(options));
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

  /** Lake Formation permissions on the Data Catalog, granted to Identity Center users and groups. */
  public static lakeFormation(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.LAKE_FORMATION, [new LakeFormationAuthorization()]);
  }

  /** S3 Access Grants to Identity Center users and groups. */
  public static s3AccessGrants(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.S3_ACCESS_GRANTS, [new S3AccessGrantsAuthorization()]);
  }

  /** Lake Formation for the data and S3 Access Grants for query results: what Athena needs. */
  public static lakeFormationAndS3AccessGrants(): DataAuthorization {
    return new DataAuthorization(DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS,
      [new LakeFormationAuthorization(), new S3AccessGrantsAuthorization()]);
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
