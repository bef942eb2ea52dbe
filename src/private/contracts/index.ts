/**
 * The contract between the constructs, which declare this library's custom resources, and the
 * handler, which serves them: one module per resource type with its type name and properties.
 * Both sides import these modules and nothing else of each other, so a renamed or missing key
 * fails to compile on both sides.
 */
import { APPLICATION_CONFIGURATION, ApplicationConfigurationProperties } from './application-configuration';
import { ATHENA_WORKGROUP, AthenaWorkGroupProperties } from './athena-workgroup';
import { LAKE_FORMATION_IDENTITY_CENTER, LakeFormationIdentityCenterProperties } from './lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION, QuickSightIdentityPropagationProperties } from './quicksight-identity-propagation';
import { REDSHIFT_IDENTITY_PROVIDER, RedshiftIdentityProviderProperties } from './redshift-identity-provider';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER, S3AccessGrantsIdentityCenterProperties } from './s3-access-grants-identity-center';

/** The properties of each custom resource type, by type name. */
export interface ResourcePropertiesByType {
  [APPLICATION_CONFIGURATION]: ApplicationConfigurationProperties;
  [ATHENA_WORKGROUP]: AthenaWorkGroupProperties;
  [LAKE_FORMATION_IDENTITY_CENTER]: LakeFormationIdentityCenterProperties;
  [QUICKSIGHT_IDENTITY_PROPAGATION]: QuickSightIdentityPropagationProperties;
  [REDSHIFT_IDENTITY_PROVIDER]: RedshiftIdentityProviderProperties;
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: S3AccessGrantsIdentityCenterProperties;
}

/** Every custom resource type of this library. */
export type ResourceType = keyof ResourcePropertiesByType;

// Keyed by the union, so a type left out of this list is a compile error.
const ALL_TYPES: { readonly [T in ResourceType]: true } = {
  [APPLICATION_CONFIGURATION]: true,
  [ATHENA_WORKGROUP]: true,
  [LAKE_FORMATION_IDENTITY_CENTER]: true,
  [QUICKSIGHT_IDENTITY_PROPAGATION]: true,
  [REDSHIFT_IDENTITY_PROVIDER]: true,
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: true,
};

export const RESOURCE_TYPES = Object.keys(ALL_TYPES) as ResourceType[];
