import { DeleteIdentityPropagationConfigCommand, QuickSightClient, UpdateIdentityPropagationConfigCommand } from '@aws-sdk/client-quicksight';
import { requiredString } from './properties';
import { lazyClient, sdkCall, sdkDelete } from './sdk-call';
import type { CustomResourceEvent, CustomResourceResponse } from './types';

const quicksight = lazyClient(QuickSightClient);

/**
 * Identity propagation from QuickSight to one service. `UpdateIdentityPropagationConfig`
 * replaces the whole configuration, so create and update are the same idempotent call.
 */
export async function onQuickSightIdentityPropagationEvent(event: CustomResourceEvent): Promise<CustomResourceResponse> {
  const props = event.ResourceProperties;
  const AwsAccountId = requiredString(props, 'AwsAccountId');
  const Service = requiredString(props, 'Service') as any;
  const physicalResourceId = `${AwsAccountId}/${Service}`;
  const resource = `QuickSight account ${AwsAccountId}`;
  switch (event.RequestType) {
    case 'Create':
    case 'Update':
      await sdkCall({ operation: 'UpdateIdentityPropagationConfig', subject: `service ${Service}`, resource }, () =>
        quicksight().send(new UpdateIdentityPropagationConfigCommand({ AwsAccountId, Service, AuthorizedTargets: props.AuthorizedTargets })));
      // A new service means a new physical id: CloudFormation then deletes the old service's configuration.
      return { PhysicalResourceId: physicalResourceId };
    case 'Delete':
      await sdkDelete({ operation: 'DeleteIdentityPropagationConfig', subject: `service ${Service}`, resource }, () =>
        quicksight().send(new DeleteIdentityPropagationConfigCommand({ AwsAccountId, Service })));
      return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };
  }
}
