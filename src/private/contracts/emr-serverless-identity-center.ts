/**
 * The custom resource that completes an EMR Serverless application's Identity Center
 * configuration where CloudFormation cannot: it reports the Identity Center application EMR
 * Serverless made, and sets user background sessions.
 */
export const EMR_SERVERLESS_IDENTITY_CENTER = 'Custom::EmrServerlessIdentityCenter';

export interface EmrServerlessIdentityCenterProperties {
  readonly ApplicationId: string;
  readonly UserBackgroundSessionsEnabled: boolean;
  /**
   * A hash of the application's template properties: CloudFormation's own updates of the
   * application send its Identity Center configuration without user background sessions, so
   * the resource applies them again after each one.
   */
  readonly ApplicationHash: string;
}

/** What the resource reports: `Fn::GetAtt` names. */
export const EMR_SERVERLESS_IDENTITY_CENTER_ATTRIBUTES = { identityCenterApplicationArn: 'IdentityCenterApplicationArn' } as const;
