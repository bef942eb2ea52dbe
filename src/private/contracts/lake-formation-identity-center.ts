/** The custom resource that connects a Data Catalog's Lake Formation to Identity Center. */
export const LAKE_FORMATION_IDENTITY_CENTER = 'Custom::LakeFormationIdentityCenterConfiguration';

export interface LakeFormationIdentityCenterProperties {
  readonly CatalogId: string;
  readonly InstanceArn: string;
  readonly ExternalFilteringTargets?: string[];
  readonly ShareRecipients?: string[];
  readonly RedshiftConnect: boolean;
  /** Whether a configuration of the same instance that the catalog already has is taken over, and given back on delete. */
  readonly AdoptExisting: boolean;
}

/** What the resource reports: `Fn::GetAtt` names. */
export const LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES = { applicationArn: 'ApplicationArn' } as const;
