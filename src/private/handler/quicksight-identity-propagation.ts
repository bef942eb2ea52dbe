import {
  DeleteIdentityPropagationConfigCommand,
  ListIdentityPropagationConfigsCommand,
  QuickSightClient,
  UpdateIdentityPropagationConfigCommand,
} from '@aws-sdk/client-quicksight';
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
      if (event.RequestType === 'Create' || event.OldResourceProperties?.Service !== Service) {
        await requireNoConfiguration(AwsAccountId, Service, resource);
      }
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

/**
 * Refuses to take over identity propagation that this resource did not turn on: deleting the
 * resource would turn it off (for example when the construct moves and CloudFormation replaces it).
 */
async function requireNoConfiguration(AwsAccountId: string, service: string, resource: string): Promise<void> {
  let NextToken: string | undefined;
  do {
    const page = await sdkCall({ operation: 'ListIdentityPropagationConfigs', subject: `service ${service}`, resource }, () =>
      quicksight().send(new ListIdentityPropagationConfigsCommand({ AwsAccountId, NextToken })));
    const existing = page.Services?.find(s => s.Service === service);
    if (existing) {
      throw new Error(`QuickSight account ${AwsAccountId} already propagates identities to ${service} `
        + `(targets: ${existing.AuthorizedTargets?.join(', ') || 'every application'}); turn it off in QuickSight or remove this construct, then deploy again`);
    }
    NextToken = page.NextToken;
  } while (NextToken);
}
