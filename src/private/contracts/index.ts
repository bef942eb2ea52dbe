/**
 * The contract between the constructs, which declare this library's custom resources, and the
 * handler, which serves them: one module per resource type with its type name and properties.
 * Both sides import these modules and nothing else of each other, so a renamed or missing key
 * fails to compile on both sides.
 */
import { APPLICATION_CONFIGURATION, ApplicationConfigurationProperties } from './application-configuration';
import { ATHENA_WORKGROUP, AthenaWorkGroupProperties } from './athena-workgroup';
import { EMR_SERVERLESS_IDENTITY_CENTER, EmrServerlessIdentityCenterProperties } from './emr-serverless-identity-center';
import { LAKE_FORMATION_IDENTITY_CENTER, LakeFormationIdentityCenterProperties } from './lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION, QuickSightIdentityPropagationProperties } from './quicksight-identity-propagation';
import { REDSHIFT_IDENTITY_PROVIDER, RedshiftIdentityProviderProperties } from './redshift-identity-provider';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER, S3AccessGrantsIdentityCenterProperties } from './s3-access-grants-identity-center';
import { TIP_VERIFICATION, TipVerificationProperties } from './tip-verification';

/** The properties of each custom resource type, by type name. */
export interface ResourcePropertiesByType {
  [APPLICATION_CONFIGURATION]: ApplicationConfigurationProperties;
  [ATHENA_WORKGROUP]: AthenaWorkGroupProperties;
  [EMR_SERVERLESS_IDENTITY_CENTER]: EmrServerlessIdentityCenterProperties;
  [LAKE_FORMATION_IDENTITY_CENTER]: LakeFormationIdentityCenterProperties;
  [QUICKSIGHT_IDENTITY_PROPAGATION]: QuickSightIdentityPropagationProperties;
  [REDSHIFT_IDENTITY_PROVIDER]: RedshiftIdentityProviderProperties;
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: S3AccessGrantsIdentityCenterProperties;
  [TIP_VERIFICATION]: TipVerificationProperties;
}

/** Every custom resource type of this library. */
export type ResourceType = keyof ResourcePropertiesByType;

/**
 * The handler families: each has its own Lambda function, bundle and role. Configuration
 * changes the account; verification only reads, and its role holds read actions only.
 */
export type HandlerFamily = 'configuration' | 'verification';

/** The family that serves each resource type. */
interface FamilyByType {
  [APPLICATION_CONFIGURATION]: 'configuration';
  [ATHENA_WORKGROUP]: 'configuration';
  [EMR_SERVERLESS_IDENTITY_CENTER]: 'configuration';
  [LAKE_FORMATION_IDENTITY_CENTER]: 'configuration';
  [QUICKSIGHT_IDENTITY_PROPAGATION]: 'configuration';
  [REDSHIFT_IDENTITY_PROVIDER]: 'configuration';
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: 'configuration';
  [TIP_VERIFICATION]: 'verification';
}

// Keyed by the union, so a type left out of this list (or of FamilyByType) is a compile error.
export const FAMILY_OF_TYPE: { readonly [T in ResourceType]: FamilyByType[T] } = {
  [APPLICATION_CONFIGURATION]: 'configuration',
  [ATHENA_WORKGROUP]: 'configuration',
  [EMR_SERVERLESS_IDENTITY_CENTER]: 'configuration',
  [LAKE_FORMATION_IDENTITY_CENTER]: 'configuration',
  [QUICKSIGHT_IDENTITY_PROPAGATION]: 'configuration',
  [REDSHIFT_IDENTITY_PROVIDER]: 'configuration',
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: 'configuration',
  [TIP_VERIFICATION]: 'verification',
};

export const RESOURCE_TYPES = Object.keys(FAMILY_OF_TYPE) as ResourceType[];

/** The resource types one family serves. */
export type TypesOf<F extends HandlerFamily> = { [T in ResourceType]: FamilyByType[T] extends F ? T : never }[ResourceType];
