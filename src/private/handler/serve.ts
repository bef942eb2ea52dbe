import { CfnResponse, sendResponse } from './cfn-response';
import { eventSignal } from './sdk-call';
import type { CustomResourceEvent, CustomResourceResponse, ResourceEvent } from './types';
import { HandlerFamily, ResourceType, TypesOf } from '../contracts';

/** The module that handles each resource type of a family, keyed by the family's types. */
export type FamilyHandlers<F extends HandlerFamily> = { readonly [T in TypesOf<F>]: (event: ResourceEvent<T>) => Promise<CustomResourceResponse> };

/** The Lambda context members the handler uses. */
export interface Context {
  getRemainingTimeInMillis(): number;
}

/**
 * The physical id reported for a create that failed. CloudFormation sends a Delete for it when
 * it rolls back; nothing was created under it, so that Delete must not touch anything (a
 * catalog's Lake Formation configuration may well belong to someone else).
 */
const FAILED_CREATE = 'failed-create:';

/**
 * A family's Lambda handler, dispatching on the resource type and answering CloudFormation
 * itself: one invocation per resource event. `dispatch` handles one event and says what to
 * report, and never throws; `handler` reports it, and reports a failure before Lambda would
 * time out, so a stack never waits an hour for an answer.
 */
export function serve<F extends HandlerFamily>(handlers: FamilyHandlers<F>) {
  const served = Object.keys(handlers);
  const isServed = (type: string): type is TypesOf<F> => served.includes(type);

  async function dispatch(event: CustomResourceEvent): Promise<CfnResponse> {
    if (event.RequestType === 'Delete' && event.PhysicalResourceId?.startsWith(FAILED_CREATE)) {
      return { Status: 'SUCCESS', PhysicalResourceId: event.PhysicalResourceId };
    }
    try {
      const type = event.ResourceType;
      if (!isServed(type)) {
        throw new Error(`Unknown custom resource type ${type}; this handler serves ${served.join(', ')}`);
      }
      // The properties are checked by the type's own parser, which reads the contract's keys.
      const handle = handlers[type] as unknown as (event: ResourceEvent<ResourceType>) => Promise<CustomResourceResponse>;
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

  async function handler(event: CustomResourceEvent, context: Context): Promise<void> {
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

  return { dispatch, handler };
}
