/** The custom resource that checks, with read-only calls, that each link of a deployed trust chain is in place. */
export const TIP_VERIFICATION = 'Custom::TipVerification';

/** One link of a trust chain, as the verification checks it. */
export type VerificationLink =
  | { readonly Link: 'IdentityCenterInstance'; readonly InstanceArn: string }
  | {
    readonly Link: 'Application';
    readonly ApplicationArn: string;
    readonly GrantTypes: string[];
    readonly AuthenticationMethodTypes: string[];
    readonly Scopes: string[];
    readonly AssignmentRequired: boolean;
  }
  | {
    readonly Link: 'TrustedTokenIssuer';
    readonly TrustedTokenIssuerArn: string;
    readonly IssuerUrl: string;
    readonly ClaimAttributePath: string;
    readonly IdentityStoreAttributePath: string;
  }
  | { readonly Link: 'AthenaWorkGroup'; readonly WorkGroupName: string; readonly InstanceArn: string }
  | { readonly Link: 'LakeFormation'; readonly CatalogId: string; readonly InstanceArn: string; readonly RedshiftConnect: boolean }
  | {
    readonly Link: 'RedshiftApplication';
    readonly RedshiftIdcApplicationArn: string;
    readonly InstanceArn: string;
    readonly LakeFormationQuery: boolean;
    readonly RedshiftConnect: boolean;
  }
  | { readonly Link: 'S3AccessGrants'; readonly AccountId: string; readonly InstanceArn: string }
  | { readonly Link: 'QuickSightAccount'; readonly AwsAccountId: string; readonly InstanceArn: string }
  | { readonly Link: 'QuickSightPropagation'; readonly AwsAccountId: string; readonly Service: string; readonly AuthorizedTargets: string[] };

export interface TipVerificationProperties {
  readonly Links: VerificationLink[];
  /** Whether a missing link fails the deployment; otherwise it is only reported. */
  readonly FailOnMissingLink: boolean;
  /** A hash of the chain's resources as the template describes them: any change to the chain runs the checks again. */
  readonly ChainHash: string;
}

/** What the resource reports: `Fn::GetAtt` names. */
export const TIP_VERIFICATION_ATTRIBUTES = { report: 'Report' } as const;
