import { onApplicationConfigurationEvent } from './application-configuration';
import { onAthenaWorkGroupEvent } from './athena-workgroup';
import { CfnResponse, sendResponse } from './cfn-response';
import { onLakeFormationIdentityCenterEvent } from './lake-formation-identity-center';
import { onQuickSightIdentityPropagationEvent } from './quicksight-identity-propagation';
import { onRedshiftIdentityProviderEvent } from './redshift-identity-provider';
import { onS3AccessGrantsIdentityCenterEvent } from './s3-access-grants-identity-center';
import { eventSignal } from './sdk-call';
import type { CustomResourceEvent, CustomResourceResponse, ResourceEvent } from './types';
import { ResourceType } from '../contracts';
import { APPLICATION_CONFIGURATION } from '../contracts/application-configuration';
import { ATHENA_WORKGROUP } from '../contracts/athena-workgroup';
import { LAKE_FORMATION_IDENTITY_CENTER } from '../contracts/lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../contracts/quicksight-identity-propagation';
import { REDSHIFT_IDENTITY_PROVIDER } from '../contracts/redshift-identity-provider';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER } from '../contracts/s3-access-grants-identity-center';

// Keyed by the union of resource types: a type without a handler is a compile error.
const handlers: { readonly [T in ResourceType]: (event: ResourceEvent<T>) => Promise<CustomResourceResponse> } = {
  [APPLICATION_CONFIGURATION]: onApplicationConfigurationEvent,
  [ATHENA_WORKGROUP]: onAthenaWorkGroupEvent,
  [LAKE_FORMATION_IDENTITY_CENTER]: onLakeFormationIdentityCenterEvent,
  [QUICKSIGHT_IDENTITY_PROPAGATION]: onQuickSightIdentityPropagationEvent,
  [REDSHIFT_IDENTITY_PROVIDER]: onRedshiftIdentityProviderEvent,
  [S3_ACCESS_GRANTS_IDENTITY_CENTER]: onS3AccessGrantsIdentityCenterEvent,
};

function isResourceType(type: string): type is ResourceType {
  return Object.prototype.hasOwnProperty.call(handlers, type);
}

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
    const type = event.ResourceType;
    if (!isResourceType(type)) {
      throw new Error(`Unknown custom resource type ${type}; this handler serves ${Object.keys(handlers).join(', ')}`);
    }
    // The properties are checked by the type's own parser, which reads the contract's keys.
    const handle = handlers[type] as (event: ResourceEvent<ResourceType>) => Promise<CustomResourceResponse>;
    const result = await handle(event as ResourceEvent<ResourceType>);
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
