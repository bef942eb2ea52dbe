/**
 * The custom resource types of this library: the contract between the constructs, which
 * declare them, and the handler, which dispatches on them. Neither side imports the other.
 */
export const APPLICATION_CONFIGURATION_RESOURCE_TYPE = 'Custom::IdentityCenterApplicationConfiguration';
export const REDSHIFT_IDENTITY_PROVIDER_RESOURCE_TYPE = 'Custom::RedshiftIdentityProvider';
export const QUICKSIGHT_IDENTITY_PROPAGATION_RESOURCE_TYPE = 'Custom::QuickSightIdentityPropagation';
export const LAKE_FORMATION_IDENTITY_CENTER_RESOURCE_TYPE = 'Custom::LakeFormationIdentityCenterConfiguration';
export const ATHENA_WORKGROUP_RESOURCE_TYPE = 'Custom::AthenaIdentityCenterWorkGroup';
