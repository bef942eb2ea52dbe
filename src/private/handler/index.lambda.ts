import { onApplicationConfigurationEvent } from './application-configuration';
import { onAthenaWorkGroupEvent } from './athena-workgroup';
import { CfnResponse, sendResponse } from './cfn-response';
import { onLakeFormationIdentityCenterEvent } from './lake-formation-identity-center';
import { onQuickSightIdentityPropagationEvent } from './quicksight-identity-propagation';
import { onRedshiftIdentityProviderEvent } from './redshift-identity-provider';
import { eventSignal } from './sdk-call';
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
 * The physical id reported for a create that failed. CloudFormation sends a Delete for it when
 * it rolls back; nothing was created under it, so that Delete must not touch anything (a
 * catalog's Lake Formation configuration may well belong to someone else).
 */
const FAILED_CREATE = 'failed-create:';

/** Handles one event and says what to report; never throws. */
export async function dispatch(event: CustomResourceEvent): Promise<CfnResponse> {
  if (event.RequestType === 'Delete' && event.PhysicalResourceId?.startsWith(FAILED_CREATE)) {
    return { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId };
  }
  try {
    const handle = handlers[event.ResourceType];
    if (!handle) {
      throw new Error(`Unknown custom resource type ${event.ResourceType}; this handler serves ${Object.keys(handlers).join(', ')}`);
    }
    const result = await handle(event);
    return { Status: 'SUCCESS', PhysicalResourceId: result.PhysicalResourceId, Data: result.Data };
  } catch (error) {
    return {
      Status: 'FAILED',
      Reason: error instanceof Error ? error.message : String(error),
      PhysicalResourceId: event.PhysicalResourceId ?? `${FAILED_CREATE}${event.RequestId}`,
    };
  }
}

/** The Lambda context members the handler uses. */
interface Context {
  getRemainingTimeInMillis(): number;
}

/**
 * The one Lambda handler of this library's custom resources, dispatching on the resource type
 * and answering CloudFormation itself: one invocation per resource event. It reports a
 * failure before Lambda would time out, so a stack never waits an hour for an answer.
 */
export async function handler(event: CustomResourceEvent, context: Context): Promise<void> {
  // Properties are not logged: they are the user's configuration, not diagnostics.
  console.log(JSON.stringify({
    RequestType: event.RequestType,
    ResourceType: event.ResourceType,
    LogicalResourceId: event.LogicalResourceId,
    PhysicalResourceId: event.PhysicalResourceId,
  }));
  let timer: NodeJS.Timeout | undefined;
  const stop = new AbortController();
  const timeout = new Promise<CfnResponse>(resolve => {
    timer = setTimeout(() => {
      stop.abort();
      resolve({
        Status: 'FAILED',
        Reason: `${event.ResourceType} ${event.LogicalResourceId} did not finish before the handler's timeout; see its CloudWatch logs`,
        PhysicalResourceId: event.PhysicalResourceId ?? `${FAILED_CREATE}${event.RequestId}`,
      });
    }, Math.max(0, context.getRemainingTimeInMillis() - 10_000));
  });
  try {
    const response = await Promise.race([eventSignal.run(stop.signal, () => dispatch(event)), timeout]);
    if (response.Status === 'FAILED') console.log(JSON.stringify({ Status: 'FAILED', Reason: response.Reason }));
    await sendResponse(event, response).catch(error => console.log(JSON.stringify({ ResponseNotSent: String(error) })));
  } finally {
    clearTimeout(timer);
  }
}
