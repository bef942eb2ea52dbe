import {
  CreateLakeFormationIdentityCenterConfigurationCommand,
  DeleteLakeFormationIdentityCenterConfigurationCommand,
  DescribeLakeFormationIdentityCenterConfigurationCommand,
  LakeFormationClient,
  UpdateLakeFormationIdentityCenterConfigurationCommand,
} from '@aws-sdk/client-lakeformation';
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
}

const lakeFormation = lazyClient(LakeFormationClient);

export async function onLakeFormationIdentityCenterEvent(
  event: ResourceEvent<typeof LAKE_FORMATION_IDENTITY_CENTER>,
): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      // A failed create is never deleted by CloudFormation (see index.lambda.ts): undo it here.
      return createThenReport(async () => {
        await requireNoConfiguration(desired.catalogId);
        await create(desired);
      }, () => respond(desired.catalogId, desired), () => remove(desired));
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      if (previous.catalogId !== desired.catalogId || previous.instanceArn !== desired.instanceArn) {
        // Lake Formation cannot move a configuration to another catalog or instance, and a
        // catalog holds one configuration, so it is recreated in place, under the same physical
        // id: a rollback then runs the same steps back.
        if (previous.catalogId !== desired.catalogId) await requireNoConfiguration(desired.catalogId);
        await remove(previous);
        await create(desired);
      } else {
        await call('UpdateLakeFormationIdentityCenterConfiguration', desired, () =>
          lakeFormation().send(new UpdateLakeFormationIdentityCenterConfigurationCommand({
            CatalogId: desired.catalogId,
            ...settings(desired, previous),
          })));
      }
      return respond(event.PhysicalResourceId ?? desired.catalogId, desired);
    }
    case 'Delete':
      await remove(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? desired.catalogId };
  }
}

/**
 * Refuses a catalog that has a configuration this resource did not create: deleting this
 * resource would then delete it (for example when the construct moves and CloudFormation
 * replaces it).
 */
async function requireNoConfiguration(catalogId: string): Promise<void> {
  const existing = await describe(catalogId);
  if (existing) {
    throw new Error(`catalog ${catalogId} already has a Lake Formation Identity Center configuration `
      + `(instance ${existing.InstanceArn}); delete it (Lake Formation console, IAM Identity Center integration) `
      + 'or remove this construct, then deploy again');
  }
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
  };
}
