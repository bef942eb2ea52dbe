import {
  CreateLakeFormationIdentityCenterConfigurationCommand,
  DeleteLakeFormationIdentityCenterConfigurationCommand,
  DescribeLakeFormationIdentityCenterConfigurationCommand,
  DataLakePrincipal,
  ExternalFilteringConfiguration,
  LakeFormationClient,
  ServiceIntegrationUnion,
  UpdateLakeFormationIdentityCenterConfigurationCommand,
} from '@aws-sdk/client-lakeformation';
import { adoptedId, adoptedKey, adoptThenReport, foundIn, isAdopted } from './adoption';
import { parseBoolean, requiredString } from './properties';
import { createThenReport, isNotFound, lazyClient, sdkCall, SdkCallError, sdkDelete } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import {
  LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES,
  type LAKE_FORMATION_IDENTITY_CENTER,
  type LakeFormationIdentityCenterProperties,
} from '../contracts/lake-formation-identity-center';
import type { Wire } from '../contracts/wire';

interface Configuration {
  readonly catalogId: string;
  readonly instanceArn: string;
  readonly externalFilteringTargets?: string[];
  readonly shareRecipients?: string[];
  readonly redshiftConnect: boolean;
  readonly adoptExisting: boolean;
}

/** What an adopting create found in the catalog, as Describe returned it: what Delete gives back. */
interface Found {
  readonly ExternalFiltering?: ExternalFilteringConfiguration;
  readonly ShareRecipients?: DataLakePrincipal[];
  readonly ServiceIntegrations?: ServiceIntegrationUnion[];
}

const lakeFormation = lazyClient(LakeFormationClient);

export async function onLakeFormationIdentityCenterEvent(
  event: ResourceEvent<typeof LAKE_FORMATION_IDENTITY_CENTER>,
): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create': {
      const existing = await describe(desired.catalogId);
      if (existing && desired.adoptExisting && existing.InstanceArn === desired.instanceArn) {
        // Adopted: converge to ours, giving it back if that fails.
        const found: Found = {
          ExternalFiltering: existing.ExternalFiltering,
          ShareRecipients: existing.ShareRecipients,
          ServiceIntegrations: existing.ServiceIntegrations,
        };
        const physicalResourceId = adoptedId(desired.catalogId, found, `the Lake Formation configuration of catalog ${desired.catalogId}`);
        return adoptThenReport(() => update(desired, asConfiguration(desired, existing)), () => respond(physicalResourceId, desired),
          () => restore(desired, found));
      }
      if (existing) refuse(desired, existing.InstanceArn);
      // A failed create is never deleted by CloudFormation (see index.lambda.ts): undo it here.
      return createThenReport(() => create(desired), () => respond(desired.catalogId, desired), () => remove(desired));
    }
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      const physicalResourceId = event.PhysicalResourceId ?? desired.catalogId;
      const moved = previous.catalogId !== desired.catalogId || previous.instanceArn !== desired.instanceArn;
      // Already where the desired properties say, in the catalog this resource stands for: the
      // rollback of a move that was refused, so it changed nothing.
      const ownCatalog = isAdopted(physicalResourceId) ? adoptedKey(physicalResourceId) : physicalResourceId;
      if (moved && desired.catalogId === ownCatalog && (await describe(desired.catalogId))?.InstanceArn === desired.instanceArn) {
        return respond(physicalResourceId, desired);
      }
      if (moved && isAdopted(physicalResourceId)) {
        throw new Error(`the Lake Formation configuration of catalog ${previous.catalogId} was adopted, so it cannot move to another `
          + 'catalog or instance: remove the construct (that gives the configuration back as it was found), deploy, then add a new one');
      }
      if (moved) {
        // Lake Formation cannot move a configuration to another catalog or instance, and a
        // catalog holds one configuration, so it is recreated in place, under the same physical
        // id: a rollback then runs the same steps back.
        if (previous.catalogId !== desired.catalogId) {
          const existing = await describe(desired.catalogId);
          if (existing && desired.adoptExisting && existing.InstanceArn === desired.instanceArn) {
            throw new Error(`catalog ${desired.catalogId} already has a Lake Formation Identity Center configuration; one is adopted only `
              + 'when its construct is created: remove the construct, deploy, then add it again with adoptExisting: true');
          }
          if (existing) refuse(desired, existing.InstanceArn);
        }
        await remove(previous);
        await create(desired);
      } else {
        await update(desired, previous);
      }
      return respond(physicalResourceId, desired);
    }
    case 'Delete': {
      const physicalResourceId = event.PhysicalResourceId ?? desired.catalogId;
      if (isAdopted(physicalResourceId)) {
        // A configuration someone deleted since has nothing to give back.
        if (await describe(desired.catalogId)) await restore(desired, foundIn<Found>(physicalResourceId));
      } else {
        await remove(desired);
      }
      return { PhysicalResourceId: physicalResourceId };
    }
  }
}

/**
 * Refuses a catalog that has a configuration this resource did not create: deleting this
 * resource would then delete it (for example when the construct moves and CloudFormation
 * replaces it). Only one of the same instance can be adopted, and only when asked to.
 */
function refuse(desired: Configuration, instanceArn: string | undefined): never {
  const ours = instanceArn === desired.instanceArn;
  throw new Error(`catalog ${desired.catalogId} already has a Lake Formation Identity Center configuration (instance ${instanceArn}); `
    + (ours
      ? 'set adoptExisting: true to manage it from this stack (deleting the stack gives it back as it was), or delete it '
      : 'it is for another Identity Center instance, which cannot be adopted: delete it ')
    + '(Lake Formation console, IAM Identity Center integration) or remove this construct, then deploy again');
}

async function update(desired: Configuration, previous: Configuration): Promise<void> {
  await call('UpdateLakeFormationIdentityCenterConfiguration', desired, () =>
    lakeFormation().send(new UpdateLakeFormationIdentityCenterConfigurationCommand({
      CatalogId: desired.catalogId,
      ...settings(desired, previous),
    })));
}

/**
 * Gives an adopted configuration back as it was found: each setting as found, and what this
 * stack added and the catalog did not have turned off again.
 */
async function restore(current: Configuration, found: Found): Promise<void> {
  const ours = settings(current);
  await call('UpdateLakeFormationIdentityCenterConfiguration', current, () =>
    lakeFormation().send(new UpdateLakeFormationIdentityCenterConfigurationCommand({
      CatalogId: current.catalogId,
      ExternalFiltering: found.ExternalFiltering
        ?? (ours.ExternalFiltering ? { Status: 'DISABLED', AuthorizedTargets: ours.ExternalFiltering.AuthorizedTargets } : undefined),
      ShareRecipients: found.ShareRecipients?.length ? found.ShareRecipients : (ours.ShareRecipients ? [] : undefined),
      ServiceIntegrations: found.ServiceIntegrations?.length ? found.ServiceIntegrations
        : (current.redshiftConnect ? [{ Redshift: [{ RedshiftConnect: { Authorization: 'DISABLED' } }] }] : undefined),
    })));
}

/** The settings of an existing configuration, as this resource's properties would say them. */
function asConfiguration(desired: Configuration, existing: Found): Configuration {
  return {
    ...desired,
    externalFilteringTargets: existing.ExternalFiltering?.Status === 'ENABLED' ? existing.ExternalFiltering.AuthorizedTargets : undefined,
    shareRecipients: existing.ShareRecipients?.length ? existing.ShareRecipients.map(r => r.DataLakePrincipalIdentifier!) : undefined,
    redshiftConnect: existing.ServiceIntegrations?.some(i => i.Redshift?.some(r => r.RedshiftConnect?.Authorization === 'ENABLED')) ?? false,
  };
}

async function create(desired: Configuration): Promise<void> {
  await call('CreateLakeFormationIdentityCenterConfiguration', desired, () =>
    lakeFormation().send(new CreateLakeFormationIdentityCenterConfigurationCommand({
      CatalogId: desired.catalogId,
      InstanceArn: desired.instanceArn,
      ...settings(desired),
    })));
}

async function remove(configuration: Configuration): Promise<void> {
  await sdkDelete(description('DeleteLakeFormationIdentityCenterConfiguration', configuration), () =>
    lakeFormation().send(new DeleteLakeFormationIdentityCenterConfigurationCommand({ CatalogId: configuration.catalogId })));
}

async function respond(physicalResourceId: string, desired: Configuration): Promise<CustomResourceResponse> {
  const current = await describe(desired.catalogId);
  if (!current?.ApplicationArn) {
    throw new Error(`Lake Formation reports no Identity Center application for catalog ${desired.catalogId} after configuring it`);
  }
  return { PhysicalResourceId: physicalResourceId, Data: { [LAKE_FORMATION_IDENTITY_CENTER_ATTRIBUTES.applicationArn]: current.ApplicationArn } };
}

async function describe(catalogId: string) {
  try {
    return await sdkCall({ operation: 'DescribeLakeFormationIdentityCenterConfiguration', subject: 'Identity Center configuration', resource: `catalog ${catalogId}` }, () =>
      lakeFormation().send(new DescribeLakeFormationIdentityCenterConfigurationCommand({ CatalogId: catalogId })));
  } catch (error) {
    if (error instanceof SdkCallError && isNotFound(error.cause)) return undefined;
    throw error;
  }
}

/**
 * The settings shared by Create and Update. Against a previous state, settings that were
 * removed are turned off explicitly: Update leaves members it is not sent unchanged.
 */
function settings(desired: Configuration, previous?: Configuration) {
  const filtering = desired.externalFilteringTargets
    ? { Status: 'ENABLED' as const, AuthorizedTargets: desired.externalFilteringTargets }
    : previous?.externalFilteringTargets ? { Status: 'DISABLED' as const, AuthorizedTargets: previous.externalFilteringTargets } : undefined;
  const recipients = desired.shareRecipients ?? (previous?.shareRecipients ? [] : undefined);
  const redshiftConnect = desired.redshiftConnect || previous?.redshiftConnect
    ? [{ Redshift: [{ RedshiftConnect: { Authorization: desired.redshiftConnect ? 'ENABLED' as const : 'DISABLED' as const } }] }]
    : undefined;
  return {
    ExternalFiltering: filtering,
    ShareRecipients: recipients?.map(DataLakePrincipalIdentifier => ({ DataLakePrincipalIdentifier })),
    ServiceIntegrations: redshiftConnect,
  };
}

function description(operation: string, configuration: Configuration) {
  return { operation, subject: `Identity Center instance ${configuration.instanceArn}`, resource: `catalog ${configuration.catalogId}` };
}

function call<T>(operation: string, configuration: Configuration, send: () => Promise<T>): Promise<T> {
  return sdkCall(description(operation, configuration), send);
}

function parse(properties: Partial<Wire<LakeFormationIdentityCenterProperties>>): Configuration {
  return {
    catalogId: requiredString(properties, 'CatalogId'),
    instanceArn: requiredString(properties, 'InstanceArn'),
    externalFilteringTargets: properties.ExternalFilteringTargets,
    shareRecipients: properties.ShareRecipients,
    redshiftConnect: parseBoolean('RedshiftConnect', properties.RedshiftConnect, false),
    adoptExisting: parseBoolean('AdoptExisting', properties.AdoptExisting, false),
  };
}
