/** The custom resource that turns on QuickSight identity propagation to one service. */
export const QUICKSIGHT_IDENTITY_PROPAGATION = 'Custom::QuickSightIdentityPropagation';

export interface QuickSightIdentityPropagationProperties {
  readonly AwsAccountId: string;
  readonly Service: string;
  readonly AuthorizedTargets?: string[];
  /** Whether propagation QuickSight already has for the service is taken over, and given back on delete. */
  readonly AdoptExisting: boolean;
}
