/** The custom resource that configures an `AWS::SSO::Application` beyond what CloudFormation can. */
export const APPLICATION_CONFIGURATION = 'Custom::IdentityCenterApplicationConfiguration';

export interface ApplicationConfigurationProperties {
  readonly ApplicationArn: string;
  /** `PutApplicationGrant` requests, at most one per grant type. */
  readonly Grants?: ReadonlyArray<{ readonly GrantType: string; readonly Grant: Record<string, unknown> }>;
  /** `PutApplicationAuthenticationMethod` requests. */
  readonly AuthenticationMethods?: ReadonlyArray<{
    readonly AuthenticationMethodType: string;
    readonly AuthenticationMethod: Record<string, unknown>;
  }>;
  /** `PutApplicationAccessScope` requests. */
  readonly AccessScopes?: ReadonlyArray<{ readonly Scope: string; readonly AuthorizedTargets?: string[] }>;
  readonly AssignmentRequired: boolean;
  readonly UserBackgroundSessions: boolean;
}
