import { onApplicationConfigurationEvent } from './application-configuration';
import { onAthenaWorkGroupEvent } from './athena-workgroup';
import { onEmrServerlessIdentityCenterEvent } from './emr-serverless-identity-center';
import { onLakeFormationIdentityCenterEvent } from './lake-formation-identity-center';
import { onQuickSightIdentityPropagationEvent } from './quicksight-identity-propagation';
import { onRedshiftIdentityProviderEvent } from './redshift-identity-provider';
import { onS3AccessGrantsIdentityCenterEvent } from './s3-access-grants-identity-center';
import { serve } from './serve';
import { APPLICATION_CONFIGURATION } from '../contracts/application-configuration';
import { ATHENA_WORKGROUP } from '../contracts/athena-workgroup';
import { EMR_SERVERLESS_IDENTITY_CENTER } from '../contracts/emr-serverless-identity-center';
import { LAKE_FORMATION_IDENTITY_CENTER } from '../contracts/lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../contracts/quicksight-identity-propagation';
import { REDSHIFT_IDENTITY_PROVIDER } from '../contracts/redshift-identity-provider';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER } from '../contracts/s3-access-grants-identity-center';

/**
 * The configuration family's handler: every custom resource type that changes the account.
 * Keyed by the family's types, so a type without a handler is a compile error.
 */
export const { dispatch, handler } = serve<'configuration'>({
  [APPLICATION_CONFIGURATION]: onApplicationConfigurationEvent,
  [ATHENA_WORKGROUP]: onAthenaWorkGroupEvent,
  [EMR_SERVERLESS_IDENTITY_CENTER]: onEmrServerlessIdentityCenterEvent,
  [LAKE_FORMATION_IDENTITY_CENTER]: onLakeFormationIdentityCenterEvent,
  [QUICKSIGHT_IDENTITY_PROPAGATION]: onQuickSightIdentityPropagationEvent,
  [REDSHIFT_IDENTITY_PROVIDER]: onRedshiftIdentityProviderEvent,
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: onS3AccessGrantsIdentityCenterEvent,
});
