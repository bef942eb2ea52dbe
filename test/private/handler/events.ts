import { FAMILY_OF_TYPE } from '../../../src/private/contracts';
import { dispatch as configure } from '../../../src/private/handler/index.lambda';
import type { CustomResourceEvent, CustomResourceResponse } from '../../../src/private/handler/types';
import { dispatch as verify } from '../../../src/private/handler/verification.lambda';

/**
 * A CloudFormation custom resource event, as CloudFormation invokes the handler with it.
 * Properties must be given as CloudFormation delivers them: every scalar a string.
 */
export function cfnEvent(
  ResourceType: string,
  RequestType: 'Create' | 'Update' | 'Delete',
  properties: Record<string, any>,
  options: { old?: Record<string, any>; physicalResourceId?: string } = {},
): CustomResourceEvent {
  return {
    RequestType,
    ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:provider',
    ResponseURL: 'https://cloudformation-custom-resource-response.example.com/',
    StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/TestStack/guid',
    RequestId: 'request',
    LogicalResourceId: 'Resource',
    ResourceType,
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:us-east-1:111122223333:function:provider', ...properties },
    ...(options.physicalResourceId ? { PhysicalResourceId: options.physicalResourceId } : {}),
    ...(options.old ? { OldResourceProperties: options.old } : {}),
  } as CustomResourceEvent;
}

/** The calls a mocked client received, in order, as [operation, input]. */
export function callsOf(mock: { calls(): Array<{ args: any[] }> }): Array<[string, any]> {
  return mock.calls().map(call => {
    const command = call.args[0];
    return [command.constructor.name.replace(/Command$/, ''), command.input];
  });
}

/**
 * Handles an event the way the Lambda handler does, returning what it would report as success
 * and throwing what it would report as failure (the reason CloudFormation shows).
 */
export async function handle(event: CustomResourceEvent): Promise<CustomResourceResponse> {
  const dispatch = FAMILY_OF_TYPE[event.ResourceType as keyof typeof FAMILY_OF_TYPE] === 'verification' ? verify : configure;
  const response = await dispatch(event);
  if (response.Status === 'FAILED') throw new Error(response.Reason);
  const { PhysicalResourceId, Data } = response;
  return Data ? { PhysicalResourceId, Data } : { PhysicalResourceId };
}
