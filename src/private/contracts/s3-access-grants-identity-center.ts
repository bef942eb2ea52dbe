/** The custom resource that connects an existing S3 Access Grants instance to Identity Center. */
export const S3_ACCESS_GRANTS_IDENTITY_CENTER = 'Custom::S3AccessGrantsIdentityCenter';

export interface S3AccessGrantsIdentityCenterProperties {
  readonly AccountId: string;
  /** The Identity Center instance the account's Access Grants instance must be associated with. */
  readonly IdentityCenterInstanceArn: string;
}

/** What the resource reports: `Fn::GetAtt` names. */
export const S3_ACCESS_GRANTS_IDENTITY_CENTER_ATTRIBUTES = { accessGrantsInstanceArn: 'AccessGrantsInstanceArn' } as const;
