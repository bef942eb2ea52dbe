import {
  DeleteIdentityPropagationConfigCommand,
  ListIdentityPropagationConfigsCommand,
  QuickSightClient,
  UpdateIdentityPropagationConfigCommand,
} from '@aws-sdk/client-quicksight';
import { adoptedId, adoptedKey, adoptThenReport, foundIn, isAdopted } from './adoption';
import { parseBoolean, requiredString } from './properties';
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
  readonly adoptExisting: boolean;
}

/** What an adopting create found: the service's targets (null: every application of the service). */
type Found = string[] | null;

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
    case 'Create': {
      const existing = await configuration(desired);
      if (existing && desired.adoptExisting) {
        const found: Found = existing.AuthorizedTargets?.length ? existing.AuthorizedTargets : null;
        const physicalResourceId = adoptedId(`${desired.awsAccountId}/${desired.service}`, found,
          `QuickSight's identity propagation to ${desired.service}`);
        const asFound = { ...desired, authorizedTargets: found ?? undefined };
        // Converged to ours, or given back if that fails.
        return adoptThenReport(() => converge(asFound, desired), async () => ({ PhysicalResourceId: physicalResourceId }),
          () => converge(desired, asFound));
      }
      if (existing) refuse(desired, existing.AuthorizedTargets);
      await put(desired);
      return { PhysicalResourceId: `${desired.awsAccountId}/${desired.service}` };
    }
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      const physicalResourceId = event.PhysicalResourceId ?? `${desired.awsAccountId}/${desired.service}`;
      const moved = previous.service !== desired.service;
      // Back on the service this resource stands for, which is still on: the rollback of a move
      // that was refused, so it changed nothing.
      const ownService = isAdopted(physicalResourceId) ? adoptedKey(physicalResourceId) : physicalResourceId;
      const existing = moved ? await configuration(desired) : undefined;
      if (existing && ownService === `${desired.awsAccountId}/${desired.service}`) return { PhysicalResourceId: physicalResourceId };
      if (moved && isAdopted(physicalResourceId)) {
        throw new Error(`QuickSight's identity propagation to ${previous.service} was adopted, so this construct cannot move to `
          + `${desired.service}: remove it (that gives the propagation back as it was found), deploy, then add a new one`);
      }
      if (moved) {
        // Another service: turn it on (refusing one that is already on: it is adopted only by a create), then the old one off.
        if (existing) refuse(desired, existing.AuthorizedTargets);
        await put(desired);
        await remove(previous);
      } else {
        await converge(previous, desired);
      }
      return { PhysicalResourceId: physicalResourceId };
    }
    case 'Delete': {
      const physicalResourceId = event.PhysicalResourceId ?? `${desired.awsAccountId}/${desired.service}`;
      if (isAdopted(physicalResourceId)) {
        // Given back as found: the recorded targets, or every application of the service; unless
        // someone has turned it off since, which is left as it is.
        if (await configuration(desired)) {
          const found = foundIn<Found>(physicalResourceId);
          await converge(desired, { ...desired, authorizedTargets: found ?? undefined });
        }
      } else {
        await remove(desired);
      }
      return { PhysicalResourceId: physicalResourceId };
    }
  }
}

/**
 * Changes the targets of a service that is on from `current` to `desired`.
 * UpdateIdentityPropagationConfig "adds or updates" targets; AWS does not document that it removes
 * targets it is not sent, or that a call without targets clears them. So the configuration is
 * deleted and put again with exactly the new targets.
 */
async function converge(current: Propagation, desired: Propagation): Promise<void> {
  if (JSON.stringify(current.authorizedTargets) === JSON.stringify(desired.authorizedTargets)) return;
  await remove(current);
  await put(desired);
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

/** The propagation QuickSight has for the service, if it is on. */
async function configuration({ awsAccountId: AwsAccountId, service }: Propagation) {
  const resource = `QuickSight account ${AwsAccountId}`;
  let NextToken: string | undefined;
  do {
    const page = await sdkCall({ operation: 'ListIdentityPropagationConfigs', subject: `service ${service}`, resource }, () =>
      quicksight().send(new ListIdentityPropagationConfigsCommand({ AwsAccountId, NextToken })));
    const existing = page.Services?.find(s => s.Service === service);
    if (existing) return existing;
    NextToken = page.NextToken;
  } while (NextToken);
  return undefined;
}

/**
 * Refuses to take over identity propagation that this resource did not turn on, unless told to
 * adopt it: deleting the resource would turn it off (for example when the construct moves and
 * CloudFormation replaces it).
 */
function refuse({ awsAccountId, service }: Propagation, targets: string[] | undefined): never {
  throw new Error(`QuickSight account ${awsAccountId} already propagates identities to ${service} `
    + `(targets: ${targets?.join(', ') || 'every application'}); set adoptExisting: true to manage it from this stack `
    + '(deleting the stack gives it back as it was), or turn it off in QuickSight or remove this construct, then deploy again');
}

function parse(properties: Partial<Wire<QuickSightIdentityPropagationProperties>>): Propagation {
  return {
    awsAccountId: requiredString(properties, 'AwsAccountId'),
    service: requiredString(properties, 'Service'),
    authorizedTargets: properties.AuthorizedTargets,
    adoptExisting: parseBoolean('AdoptExisting', properties.AdoptExisting, false),
  };
}
