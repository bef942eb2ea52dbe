import { TagManager, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ClientApplicationKind, DataAuthorizationKind, QueryServiceKind } from './kinds';
import { AccessScope, IIdentityCenterApplication, IIdentityCenterInstance, ITrustedTokenIssuer, JwtBearerIssuer } from '../identity-center';
import { catalogReadStatement } from '../private/catalog-read';
import { ReasonedStatement } from '../private/nag';
import { invalid } from '../private/validation';

/**
 * What binding an answer to a `TipUseCase` means: the contract between the use case, which
 * composes answers, and the service folders, which implement them. The use case knows no
 * service; each service knows only this contract and the services it builds on.
 */

/** A typed name for a part of the chain that one answer makes and others use (Lake Formation's configuration, say). */
export class PartKey<T> {
  /** Only here so that keys of different part types are different types. */
  declare private readonly part?: T;

  constructor(
    /** What the part is, for error messages. */
    public readonly description: string,
  ) {}
}

/** The use case as its answers see it while they bind. */
export class BindContext {
  private readonly parts = new Map<PartKey<unknown>, unknown>();

  constructor(
    /** The use case: the scope of everything the answers make. */
    public readonly scope: Construct,
    /** The Identity Center instance. */
    public readonly instance: IIdentityCenterInstance,
    /** The query services of the use case. */
    public readonly queryServices: readonly QueryServiceKind[],
    /** The authorization of the use case. */
    public readonly authorization: DataAuthorizationKind,
  ) {}

  /** Offers `part` to the answers that bind later. */
  public provide<T>(key: PartKey<T>, part: T): void {
    this.parts.set(key, part);
  }

  /** The part under `key`, which an earlier answer provided; throws naming `consumer` if none did. */
  public require<T>(key: PartKey<T>, consumer: string): T {
    if (!this.parts.has(key)) {
      invalid(this.scope, `${consumer} needs ${key.description}, which the authorization does not provide`);
    }
    return this.parts.get(key) as T;
  }
}

/** Gives Identity Center users and groups what they need to use one part of the chain. */
export interface UserAccess {
  allowUser(userId: string): void;
  allowGroup(groupId: string): void;
}

/** What a custom application needs to reach a service as its users. */
export interface ServiceAccess {
  /**
   * The access scope the application requests for its users' tokens, for services that have
   * one; others act with the scopes of the services they reach.
   */
  readonly accessScope?: AccessScope;
  /** The service's Identity Center application, when the scope can be limited to it. */
  readonly authorizedTarget?: IIdentityCenterApplication;
  /** What the role the application assumes as the user must be allowed. */
  readonly roleStatements: ReasonedStatement[];
}

/** What SQL and BI client drivers connect to, in a query service that they reach. */
export interface DriverTarget {
  /** The workgroup the Athena drivers name (`WorkGroupArn`), whose tags tell them the application. */
  readonly workGroup?: {
    readonly name: string;
    readonly arn: string;
    readonly outputLocation: string;
    readonly tags: TagManager;
    /** What a client's database tree reads, besides what queries need. */
    readonly browse: ReasonedStatement[];
  };
  /** Lets the identity provider's tokens in directly, as the Redshift drivers present them. */
  acceptTokensFrom?(issuer: JwtBearerIssuer): void;
}

/** A node of the trust-chain diagram. */
export interface DiagramNode {
  /** The Mermaid node id. */
  readonly id: string;
  /** The node, in Mermaid syntax (id, shape and text). */
  readonly node: string;
}

/** What an authorization answer made. */
export interface AuthorizationBinding {
  /** What custom applications need to be authorized by it. */
  readonly access: ServiceAccess[];
}

/** What a query service answer made. */
export interface QueryServiceBinding {
  readonly kind: QueryServiceKind;
  /**
   * Whether the service reads the data itself, with a role of its own acting as the user (Spark
   * on EMR, Glue), so clients need only reach the service, not the data.
   */
  readonly readsDataItself?: boolean;
  /**
   * The Identity Center application the service manages: the target of clients' scopes and
   * propagation, where the service reports it.
   */
  readonly identityCenterApplication?: IIdentityCenterApplication;
  /** What clients need to query it as their users, where they reach it themselves. */
  readonly access?: ServiceAccess;
  /** What SQL and BI client drivers connect to, where they can. */
  readonly drivers?: DriverTarget;
  readonly diagramNode: DiagramNode;
  readonly userAccess?: UserAccess;
}

/** What a client application answer made. */
export interface ClientApplicationBinding {
  /** The Identity Center application users sign in to, when Identity Center has one for the client. */
  readonly application?: IIdentityCenterApplication;
  /** The trusted token issuer of the client's identity provider. */
  readonly trustedTokenIssuer?: ITrustedTokenIssuer;
  /** The role the client's backend assumes with a user's identity context. */
  readonly queryRole?: iam.IRole;
  /** The client's part of the diagram, ending in `from`, where the edges to the query services start. */
  readonly diagram: { readonly lines: string[]; readonly from: string };
  readonly userAccess?: UserAccess;
  /** The label of the edge from the client to `query`. */
  edgeLabel(query: QueryServiceBinding): string;
}

/** How an authorization answer binds. */
export interface AuthorizationBinder {
  bind(context: BindContext): AuthorizationBinding;
}

/** How a query service answer binds, after the authorization. */
export interface QueryServiceBinder {
  readonly kind: QueryServiceKind;
  /** Throws, before anything is made, when the answer cannot work with the others. */
  check?(context: BindContext): void;
  /** Makes the service's part; `authorization` says what a role acting as a user needs for the data. */
  bind(context: BindContext, authorization: AuthorizationBinding): QueryServiceBinding;
}

/** How a client application answer binds, after the query services. */
export interface ClientApplicationBinder {
  readonly kind: ClientApplicationKind;
  bind(context: BindContext, queryServices: QueryServiceBinding[], authorization: AuthorizationBinding): ClientApplicationBinding;
}

/** Text for a diagram label: literal values as they are, deploy-time values as such. */
export function diagramText(value: string): string {
  return Token.isUnresolved(value) ? '(set at deploy time)' : value.replace(/"/g, "'");
}

/** The diagram of an AWS managed client, which users sign in to with Identity Center. */
export function managedClientDiagram(kind: ClientApplicationKind): ClientApplicationBinding['diagram'] {
  return { lines: [`  client(["${kind}"])`, '  idc[/"IAM Identity Center sign-in"/] --> client'], from: 'client' };
}

/** The services an authorization consists of. */
const AUTHORIZATION_SERVICES: Record<DataAuthorizationKind, readonly AuthorizationService[]> = {
  [DataAuthorizationKind.REDSHIFT_ROLES]: ['redshift'],
  [DataAuthorizationKind.LAKE_FORMATION]: ['lakeformation'],
  [DataAuthorizationKind.S3_ACCESS_GRANTS]: ['s3accessgrants'],
  [DataAuthorizationKind.LAKE_FORMATION_AND_S3_ACCESS_GRANTS]: ['lakeformation', 's3accessgrants'],
};

/** A service that authorizes data access. */
export type AuthorizationService = 'redshift' | 'lakeformation' | 's3accessgrants';

/** The services `authorization` consists of. */
export function authorizationServices(authorization: DataAuthorizationKind): readonly AuthorizationService[] {
  return AUTHORIZATION_SERVICES[authorization];
}

/** Whether Lake Formation takes part in `authorization`. */
export function usesLakeFormation(authorization: DataAuthorizationKind): boolean {
  return authorizationServices(authorization).includes('lakeformation');
}

/** Whether S3 Access Grants takes part in `authorization`. */
export function usesS3AccessGrants(authorization: DataAuthorizationKind): boolean {
  return authorizationServices(authorization).includes('s3accessgrants');
}

/**
 * What a role of an engine that reads the data as the user (Spark on EMR, Glue) needs: the
 * authorization's data access, and with Lake Formation the catalog's table definitions.
 */
export function engineDataAccess(context: BindContext, authorization: AuthorizationBinding): ReasonedStatement[] {
  return [
    ...authorization.access.flatMap(access => access.roleStatements),
    ...usesLakeFormation(context.authorization) ? [catalogReadStatement(context.scope)] : [],
  ];
}
