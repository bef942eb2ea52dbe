import * as path from 'path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledgeNag, acknowledgeWildcards } from './nag';

// The sso-admin write actions the application configuration needs, all on application ARNs.
const APPLICATION_CONFIGURATION_ACTIONS = [
  'sso:PutApplicationGrant',
  'sso:DeleteApplicationGrant',
  'sso:PutApplicationAuthenticationMethod',
  'sso:DeleteApplicationAuthenticationMethod',
  'sso:PutApplicationAccessScope',
  'sso:DeleteApplicationAccessScope',
  'sso:PutApplicationAssignmentConfiguration',
  'sso:PutApplicationSessionConfiguration',
];

/**
 * The one custom resource provider of a stack: one Lambda handler for every custom resource
 * type of this library.
 */
export class TipProvider extends Construct {
  /** Returns the stack's provider, creating it on first use. */
  public static of(scope: Construct): TipProvider {
    const stack = Stack.of(scope);
    const id = 'TrustedIdentityPropagationProvider';
    return (stack.node.tryFindChild(id) as TipProvider | undefined) ?? new TipProvider(stack, id);
  }

  /** The service token for custom resources. */
  public readonly serviceToken: string;

  private readonly handler: lambda.Function;

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    // The handler logs to a group with a retention, not to a never-expiring default group.
    const logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.DESTROY });
    this.handler = new lambda.Function(this, 'Handler', {
      description: 'cdk-trusted-identity-propagation: configures Identity Center applications and service integrations',
      // The newest Node.js runtime aws-cdk-lib offers; the bundle targets it (see .projenrc.ts).
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(path.join(__dirname, '..', '..', 'assets', 'private', 'handler', 'index.lambda')),
      timeout: Duration.minutes(5),
      // CloudFormation invokes asynchronously; a retried event would run its SDK calls twice.
      retryAttempts: 0,
      logGroup,
    });
    // CloudFormation invokes the handler directly and it answers itself: one function and one
    // invocation per resource event (the CDK provider framework would add a second of each).
    this.serviceToken = this.handler.functionArn;

    acknowledgeNag(this, ['AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]'],
      'The handler writes its logs to CloudWatch Logs with the AWS managed basic execution policy');
  }

  /** The principal the handler runs as, for grants such as reading a secret. */
  public get grantPrincipal(): iam.IPrincipal {
    return this.handler.grantPrincipal;
  }

  /**
   * Adds a statement to the handler's policy. Identical statements merge, so constructs add
   * what they need without making the policy grow with the number of resources.
   *
   * @param wildcardReason why any wildcard in the statement cannot be narrower (acknowledged
   * for cdk-nag)
   */
  public addToPolicy(statement: iam.PolicyStatement, wildcardReason?: string): void {
    this.handler.addToRolePolicy(statement);
    if (wildcardReason) acknowledgeWildcards(this.handler.role!, statement, wildcardReason);
  }

  /**
   * Lets the handler configure the applications of an Identity Center instance. Identical
   * statements merge, so the policy grows with instances, never with applications.
   */
  public allowApplicationConfiguration(instanceId: string): void {
    this.addToPolicy(new iam.PolicyStatement({
      actions: APPLICATION_CONFIGURATION_ACTIONS,
      // Application ARNs name the account that created them, which may not be this stack's
      // (delegated administration); the instance id is what we know for sure.
      resources: [Stack.of(this).formatArn({
        service: 'sso',
        region: '',
        account: '*',
        resource: 'application',
        resourceName: `${instanceId}/*`,
      })],
    }), 'Applications are created by this stack: their ids are not known when the policy is written, only their instance');
  }
}
