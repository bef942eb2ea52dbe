import { onApplicationConfigurationEvent } from './application-configuration';
import { onAthenaWorkGroupEvent } from './athena-workgroup';
import { onLakeFormationIdentityCenterEvent } from './lake-formation-identity-center';
import { onQuickSightIdentityPropagationEvent } from './quicksight-identity-propagation';
import { onRedshiftIdentityProviderEvent } from './redshift-identity-provider';
import type { CustomResourceEvent, CustomResourceResponse } from './types';
import {
  APPLICATION_CONFIGURATION_RESOURCE_TYPE,
  ATHENA_WORKGROUP_RESOURCE_TYPE,
  LAKE_FORMATION_IDENTITY_CENTER_RESOURCE_TYPE,
  QUICKSIGHT_IDENTITY_PROPAGATION_RESOURCE_TYPE,
  REDSHIFT_IDENTITY_PROVIDER_RESOURCE_TYPE,
} from '../resource-types';

const handlers: Record<string, (event: CustomResourceEvent) => Promise<CustomResourceResponse>> = {
  [APPLICATION_CONFIGURATION_RESOURCE_TYPE]: onApplicationConfigurationEvent,
  [REDSHIFT_IDENTITY_PROVIDER_RESOURCE_TYPE]: onRedshiftIdentityProviderEvent,
  [QUICKSIGHT_IDENTITY_PROPAGATION_RESOURCE_TYPE]: onQuickSightIdentityPropagationEvent,
  [LAKE_FORMATION_IDENTITY_CENTER_RESOURCE_TYPE]: onLakeFormationIdentityCenterEvent,
  [ATHENA_WORKGROUP_RESOURCE_TYPE]: onAthenaWorkGroupEvent,
};

/**
 * The one Lambda handler of this library's custom resources, dispatching on the resource type.
 * Errors thrown here reach CloudFormation as the reason the resource failed.
 */
export async function handler(event: CustomResourceEvent): Promise<CustomResourceResponse> {
  // Properties are not logged: they are the user's configuration, not diagnostics.
  console.log(JSON.stringify({
    RequestType: event.RequestType,
    ResourceType: event.ResourceType,
    LogicalResourceId: event.LogicalResourceId,
    PhysicalResourceId: event.PhysicalResourceId,
  }));
  const handle = handlers[event.ResourceType];
  if (!handle) {
    throw new Error(`Unknown custom resource type ${event.ResourceType}; this handler serves ${Object.keys(handlers).join(', ')}`);
  }
  return handle(event);
}
