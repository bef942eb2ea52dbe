import { createHash } from 'crypto';
import * as path from 'path';
import { CfnResource, CustomResource, Duration, Lazy, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FAMILY_OF_TYPE, HandlerFamily, ResourcePropertiesByType, ResourceType } from './contracts';
import { acknowledgeNag, acknowledgeWildcards, ReasonedStatement } from './nag';

/** What makes each handler family's function: its construct id, description and bundle. */
const FAMILIES: { readonly [F in HandlerFamily]: { readonly id: string; readonly description: string; readonly bundle: string } } = {
  configuration: {
    id: 'TrustedIdentityPropagationProvider',
    description: 'cdk-trusted-identity-propagation: configures Identity Center applications and service integrations',
    bundle: 'index.lambda',
  },
  verification: {
    id: 'TrustedIdentityPropagationVerifier',
    description: 'cdk-trusted-identity-propagation: verifies deployed trust chains with read-only calls',
    bundle: 'verification.lambda',
  },
};

/** Settings of a stack's handler functions (the public `TipHandlers.configure`). */
export interface HandlerSettings {
  readonly logGroupEncryptionKey?: kms.IKey;
  readonly reservedConcurrentExecutions?: number;
}

const SETTINGS = new WeakMap<Stack, HandlerSettings>();

/** Applies `settings` to the stack's handler functions, those made already and those made later. */
export function configureHandlers(stack: Stack, settings: HandlerSettings): void {
  SETTINGS.set(stack, { ...SETTINGS.get(stack), ...settings });
  for (const family of Object.keys(FAMILIES) as HandlerFamily[]) {
    (stack.node.tryFindChild(FAMILIES[family].id) as TipProvider | undefined)?.applySettings();
  }
}

/**
 * A stack's custom resource provider for one handler family (src/private/contracts): one Lambda
 * handler for every custom resource type of the family, created on first use. Configuration
 * changes the account; verification only reads, with a role that holds read actions only.
 *
 * Permissions. CloudFormation applies policy changes in the update phase and deletes removed
 * custom resources in the cleanup phase, afterwards, so a permission must outlive every
 * resource that needs it. The handler role's permissions are therefore a set of policies that
 * are only ever created or deleted, never changed: each policy is named by a hash of its
 * statements, and each custom resource depends on the policies it needs. A resource whose
 * permissions change gets a new policy (created before its update); the old policy stays until
 * CloudFormation has deleted the last resource that depended on it, rollbacks included.
 * Resources with the same statements (every application of one instance) share one policy,
 * so the handler's policy bytes do not grow with the number of applications.
 */
export class TipProvider extends Construct {
  /** Returns the stack's provider of `family`, creating it on first use. */
  public static of(scope: Construct, family: HandlerFamily = 'configuration'): TipProvider {
    const stack = Stack.of(scope);
    const { id } = FAMILIES[family];
    return (stack.node.tryFindChild(id) as TipProvider | undefined) ?? new TipProvider(stack, family);
  }

  private readonly serviceToken: string;

  private readonly handler: lambda.Function;
  private readonly logGroup: logs.LogGroup;
  private readonly permissions: Construct;
  private keyGranted = false;

  private constructor(scope: Construct, private readonly family: HandlerFamily) {
    super(scope, FAMILIES[family].id);
    const { description, bundle } = FAMILIES[family];
    // The handler logs to a group with a retention, not to a never-expiring default group.
    const logGroup = this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    this.handler = new lambda.Function(this, 'Handler', {
      description,
      // The newest Node.js runtime aws-cdk-lib offers; the bundle targets it (see .projenrc.ts).
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'private', 'handler', bundle)),
      timeout: Duration.minutes(5),
      // CloudFormation invokes asynchronously; a retried event would run its SDK calls twice.
      retryAttempts: 0,
      logGroup,
    });
    // CloudFormation invokes the handler directly and it answers itself: one function and one
    // invocation per resource event (the CDK provider framework would add a second of each).
    this.serviceToken = this.handler.functionArn;
    this.permissions = new Construct(this, 'Permissions');

    acknowledgeNag(this, ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
      'The handler writes its logs to CloudWatch Logs with the AWS managed basic execution policy');
    // aws-cdk-lib makes every Function depend on its role explicitly, besides reading the role's
    // ARN; cfn-lint's W3005 reports that on the handler, which is the library's, not the user's.
    (this.handler.node.defaultChild as CfnResource).addMetadata('cfn-lint', { config: { ignore_checks: ['W3005'] } });
    this.applySettings();
  }

  /**
   * Applies the stack's handler settings, and acknowledges for checkov (`checkov:skip` metadata)
   * exactly the findings that the settings leave, with the reason each does not apply.
   */
  public applySettings(): void {
    const settings = SETTINGS.get(Stack.of(this)) ?? {};
    const fn = this.handler.node.defaultChild as lambda.CfnFunction;
    const logGroup = this.logGroup.node.defaultChild as logs.CfnLogGroup;
    fn.reservedConcurrentExecutions = settings.reservedConcurrentExecutions;
    logGroup.kmsKeyId = settings.logGroupEncryptionKey?.keyArn;
    if (settings.logGroupEncryptionKey && !this.keyGranted) {
      // CloudWatch Logs encrypts with the key only if its key policy lets the Logs service use it
      // (AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html).
      settings.logGroupEncryptionKey.grantEncryptDecrypt(new iam.ServicePrincipal(`logs.${Stack.of(this).region}.amazonaws.com`));
      this.keyGranted = true;
    }
    skipCheckov(fn, [
      ['CKV_AWS_116', 'CloudFormation invokes the handler, which answers CloudFormation itself and reports every failure there; an event it cannot handle fails the stack operation, so a dead-letter queue would hold nothing to redrive'],
      ['CKV_AWS_117', 'The handler calls only AWS service APIs; in a VPC it would need an interface endpoint or NAT for each of them, and it holds no data to protect at the network level'],
      ...settings.reservedConcurrentExecutions === undefined
        ? [['CKV_AWS_115', 'Only CloudFormation invokes the handler, once per resource event of this stack; set TipHandlers.configure reservedConcurrentExecutions to cap it'] as [string, string]]
        : [],
    ]);
    skipCheckov(logGroup, settings.logGroupEncryptionKey ? [] : [
      ['CKV_AWS_158', 'CloudWatch Logs encrypts the handler\'s log group with its service key; the logs hold no resource properties; set TipHandlers.configure logGroupEncryptionKey for a KMS key of yours'],
    ]);
  }


  /** The name of the handler's role. */
  public get roleName(): string {
    return this.handler.role!.roleName;
  }

  /** A custom resource of `type`, served by this provider, with properties of the type's contract. */
  public customResource<T extends ResourceType>(scope: Construct, id: string, type: T, properties: ResourcePropertiesByType[T]): CustomResource {
    if (FAMILY_OF_TYPE[type] !== this.family) throw new Error(`${type} is served by the ${FAMILY_OF_TYPE[type]} family, not by ${this.family}`);
    return new CustomResource(scope, id, { serviceToken: this.serviceToken, resourceType: type, properties: { ...properties } });
  }

  /**
   * Lets the handler make the calls `resource` needs, from its create to its delete: adds a
   * policy with exactly `statements` to the handler role (or reuses the identical one) and
   * makes `resource` depend on it, so CloudFormation creates the policy before the resource and
   * deletes it after the resource.
   *
   * @param label names the policy's construct, followed by a hash of its statements
   */
  public permit(resource: CustomResource, label: string, statements: ReasonedStatement[]): void {
    const json = Stack.of(this).resolve(statements.map(({ statement }) => statement.toStatementJson()));
    const id = `${label}${createHash('sha256').update(JSON.stringify(json)).digest('hex').slice(0, 8)}`;
    let policy = this.permissions.node.tryFindChild(id) as iam.Policy | undefined;
    if (!policy) {
      policy = new iam.Policy(this.permissions, id, { roles: [this.handler.role!], statements: statements.map(({ statement }) => statement) });
      for (const { statement, wildcardReason } of statements) {
        if (wildcardReason) acknowledgeWildcards(policy, statement, wildcardReason);
      }
    }
    resource.node.addDependency(policy);
  }
}

/**
 * Lets the handler make the calls `resource` needs, where the calls are known only when the
 * template is written: a policy of the handler role, in `resource`'s scope, whose statements
 * `produce` gives then (as IAM JSON), and which `resource` depends on. The policy goes with the
 * resource, and CloudFormation deletes it after the resource.
 */
export function permitAtSynthesis(provider: TipProvider, resource: CustomResource, produce: () => object[], wildcardReason: string): void {
  const scope = resource.node.scope as Construct;
  const policy = new iam.CfnPolicy(scope, 'Permissions', {
    policyName: Names.uniqueResourceName(scope, { maxLength: 128, separator: '-' }),
    roles: [provider.roleName],
    policyDocument: afterPreparing(() => ({ Version: '2012-10-17', Statement: produce() })),
  });
  // A statement on "*" holds only actions whose service has no resource type for them.
  acknowledgeNag(policy, ['AwsSolutions-IAM5[Resource::*]'], wildcardReason);
  resource.node.addDependency(policy);
}

/**
 * A value produced when the template is written, once CDK has prepared the app: CDK resolves
 * every property while it prepares, to find references between stacks, and a value produced
 * then would miss them (and a cached one would keep missing them).
 */
export function afterPreparing<T>(produce: () => T): T {
  return Lazy.uncachedAny({ produce: context => context.preparing ? undefined : produce() }) as unknown as T;
}

/** Sets the `checkov:skip` metadata of `resource` to `skips` (id, reason), or removes it. */
function skipCheckov(resource: CfnResource, skips: Array<[string, string]>): void {
  const metadata = resource.cfnOptions.metadata ?? {};
  delete metadata.checkov;
  if (skips.length > 0) metadata.checkov = { skip: skips.map(([id, comment]) => ({ id, comment })) };
  resource.cfnOptions.metadata = metadata;
}

/** A custom resource property that is produced when the template is written, typed as what it produces. */
export function lazyProperty<T>(produce: () => T | undefined): T {
  return Lazy.any({ produce }, { omitEmptyArray: true }) as unknown as T;
}
