import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { ClientApplication, DataAuthorization, QueryService } from './answers';
import { requireSupported, SUPPORT_MATRIX } from './support-matrix';
import { TipVerification } from '../doctor/tip-verification';
import { IIdentityCenterApplication, IIdentityCenterInstance, ITrustedTokenIssuer } from '../identity-center';
import { invalid, spelled } from '../private/validation';
import { AuthorizationBinding, BindContext, ClientApplicationBinding, QueryServiceBinding, UserAccess } from '../trust-chain/binding';
import { SupportedCombination } from '../trust-chain/kinds';

/**
 * Properties of a `TipUseCase`: the three planning questions of trusted identity propagation.
 */
export interface TipUseCaseProps {
  /** The Identity Center instance. */
  readonly instance: IIdentityCenterInstance;

  /** Which client application users interact with. */
  readonly clientApplication: ClientApplication;

  /** Which AWS services query the data, each at most once. */
  readonly queryServices: QueryService[];

  /** Which service authorizes access to the data. */
  readonly authorization: DataAuthorization;

  /**
   * Whether each deployment checks the deployed chain, link by link, with read-only calls
   * (a `TipVerification` of this use case, which runs after all of it).
   *
   * @default false
   */
  readonly verify?: boolean;

  /**
   * With `verify`, whether a missing link fails the deployment. When false, the deployment goes
   * on and `verificationReport` says what is missing.
   *
   * @default true
   */
  readonly failOnMissingLink?: boolean;
}

/**
 * A trusted identity propagation use case, from the answers to its three planning questions:
 * which client application users interact with, which AWS services query the data, and which
 * service authorizes access. It creates a working, least-privilege setup of every piece the
 * answers need, or fails at synth time saying what AWS does not support or what is missing.
 *
 * `allowGroup` and `allowUser` let Identity Center groups and users use it; `toMermaid()`
 * draws the resulting trust chain.
 */
export class TipUseCase extends Construct {
  /** The combinations of answers AWS supports, which this construct builds. */
  public static supportedCombinations(): SupportedCombination[] {
    return SUPPORT_MATRIX.map(row => ({ ...row }));
  }

  /** The Identity Center instance. */
  public readonly instance: IIdentityCenterInstance;

  /**
   * The Identity Center application users sign in to: a custom application's own, or the one
   * AWS manages for the client.
   * @default - none: the client has no application of its own in Identity Center (QuickSight)
   */
  public readonly application?: IIdentityCenterApplication;

  /** The trusted token issuer of a custom application's identity provider. */
  public readonly trustedTokenIssuer?: ITrustedTokenIssuer;

  /**
   * The role a custom application's backend, or the Athena drivers of SQL clients (their access
   * role), assume with a user's identity context to query the services, allowed what the chosen
   * services need.
   */
  public readonly queryRole?: iam.IRole;

  /**
   * What the verification of the deployed chain found (`verify`), for a `CfnOutput`.
   * @default - none: the use case is not verified
   */
  public readonly verificationReport?: string;

  private readonly client: ClientApplicationBinding;
  private readonly queries: QueryServiceBinding[];
  private readonly authorization: AuthorizationBinding;
  private readonly authorizationKind: string;

  constructor(scope: Construct, id: string, props: TipUseCaseProps) {
    super(scope, id);
    const context = new BindContext(this, props.instance, props.queryServices.map(query => query.kind), props.authorization.kind);

    // Every answer is checked before anything is created.
    if (props.failOnMissingLink !== undefined && !props.verify) invalid(this, `${spelled('failOnMissingLink')} applies only with verify: true (in Python: verify=True)`);
    if (props.queryServices.length === 0) invalid(this, 'queryServices must name at least one query service');
    for (const kind of new Set(context.queryServices)) {
      if (context.queryServices.filter(k => k === kind).length > 1) {
        invalid(this, `queryServices lists ${kind} more than once; use one TipUseCase per ${kind}`);
      }
    }
    for (const query of props.queryServices) requireSupported(this, props.clientApplication.kind, query.kind, props.authorization.kind);
    for (const query of props.queryServices) query._binder.check?.(context);

    // Then each answer binds, in the order the chain is built: authorization, query services, client.
    const authorizations = props.authorization._binders.map(binder => binder.bind(context));
    this.authorization = { access: authorizations.flatMap(binding => binding.access) };
    this.authorizationKind = props.authorization.kind;
    this.queries = props.queryServices.map(query => query._binder.bind(context, this.authorization));
    this.client = props.clientApplication._binder.bind(context, this.queries, this.authorization);

    this.instance = props.instance;
    this.application = this.client.application;
    this.trustedTokenIssuer = this.client.trustedTokenIssuer;
    this.queryRole = this.client.queryRole;

    if (props.verify) {
      this.verificationReport = new TipVerification(this, 'Verification', { chain: this, failOnMissingLink: props.failOnMissingLink }).report;
    }
  }

  /**
   * Lets an Identity Center user use this use case: assigns them to every application of the
   * chain that requires assignment, and grants them what the query services need for them
   * (for Athena, their query results through S3 Access Grants).
   *
   * @param userId the user's id in the identity store
   */
  public allowUser(userId: string): void {
    for (const access of this.userAccess()) access.allowUser(userId);
  }

  /**
   * Lets the members of an Identity Center group use this use case: assigns the group to every
   * application of the chain that requires assignment, and grants it what the query services
   * need for its members (for Athena, their query results through S3 Access Grants).
   *
   * @param groupId the group's id in the identity store
   */
  public allowGroup(groupId: string): void {
    for (const access of this.userAccess()) access.allowGroup(groupId);
  }

  /** The trust chain, identity provider to authorization, as a Mermaid flowchart. */
  public toMermaid(): string {
    const lines = ['flowchart LR', ...this.client.diagram.lines];
    const authorization = `auth{{"${this.authorizationKind}"}}`;
    for (const query of this.queries) {
      lines.push(
        `  ${this.client.diagram.from} -->|"${this.client.edgeLabel(query)}"| ${query.diagramNode.node}`,
        `  ${query.diagramNode.id} -->|"authorized by"| ${authorization}`,
      );
    }
    return `${lines.join('\n')}\n`;
  }

  private userAccess(): UserAccess[] {
    return [this.client.userAccess, ...this.queries.map(query => query.userAccess)].filter((access): access is UserAccess => access !== undefined);
  }
}
