import {
  DeleteIdentityPropagationConfigCommand,
  ListIdentityPropagationConfigsCommand,
  QuickSightClient,
  UpdateIdentityPropagationConfigCommand,
} from '@aws-sdk/client-quicksight';
import { requiredString } from './properties';
import { lazyClient, sdkCall, sdkDelete } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import type { QUICKSIGHT_IDENTITY_PROPAGATION, QuickSightIdentityPropagationProperties } from '../contracts/quicksight-identity-propagation';
import type { Wire } from '../contracts/wire';

const quicksight = lazyClient(QuickSightClient);

interface Propagation {
  readonly awsAccountId: string;
  readonly service: string;
  /** The applications QuickSight may propagate to; undefined: every application of the service. */
  readonly authorizedTargets?: string[];
}

/**
 * Identity propagation from QuickSight to one service. Every change is made in place under the
 * physical id of the create, so a rollback (CloudFormation sends the old properties back) runs
 * the same steps back.
 */
export async function onQuickSightIdentityPropagationEvent(
  event: ResourceEvent<typeof QUICKSIGHT_IDENTITY_PROPAGATION>,
): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      await requireNoConfiguration(desired);
      await put(desired);
      return { PhysicalResourceId: `${desired.awsAccountId}/${desired.service}` };
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      if (previous.service !== desired.service) {
        // Another service: turn it on (refusing one that is already on), then the old one off.
        await requireNoConfiguration(desired);
        await put(desired);
        await remove(previous);
      } else if (JSON.stringify(previous.authorizedTargets) !== JSON.stringify(desired.authorizedTargets)) {
        // UpdateIdentityPropagationConfig "adds or updates" targets; AWS does not document that
        // it removes targets it is not sent, or that a call without targets clears them. So the
        // configuration is deleted and put again with exactly the new targets.
        await remove(previous);
        await put(desired);
      }
      return { PhysicalResourceId: event.PhysicalResourceId ?? `${desired.awsAccountId}/${desired.service}` };
    }
    case 'Delete':
      await remove(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? `${desired.awsAccountId}/${desired.service}` };
  }
}

function put(propagation: Propagation): Promise<unknown> {
  const { awsAccountId: AwsAccountId, service, authorizedTargets: AuthorizedTargets } = propagation;
  return sdkCall({ operation: 'UpdateIdentityPropagationConfig', subject: `service ${service}`, resource: `QuickSight account ${AwsAccountId}` }, () =>
    quicksight().send(new UpdateIdentityPropagationConfigCommand({ AwsAccountId, Service: service as any, AuthorizedTargets })));
}

function remove(propagation: Propagation): Promise<void> {
  const { awsAccountId: AwsAccountId, service } = propagation;
  return sdkDelete({ operation: 'DeleteIdentityPropagationConfig', subject: `service ${service}`, resource: `QuickSight account ${AwsAccountId}` }, () =>
    quicksight().send(new DeleteIdentityPropagationConfigCommand({ AwsAccountId, Service: service as any })));
}

/**
 * Refuses to take over identity propagation that this resource did not turn on: deleting the
 * resource would turn it off (for example when the construct moves and CloudFormation replaces it).
 */
async function requireNoConfiguration({ awsAccountId: AwsAccountId, service }: Propagation): Promise<void> {
  const resource = `QuickSight account ${AwsAccountId}`;
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

function parse(properties: Partial<Wire<QuickSightIdentityPropagationProperties>>): Propagation {
  return {
    awsAccountId: requiredString(properties, 'AwsAccountId'),
    service: requiredString(properties, 'Service'),
    authorizedTargets: properties.AuthorizedTargets,
  };
}
