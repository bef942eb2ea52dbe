import {
  AthenaClient,
  CreateWorkGroupCommand,
  DeleteWorkGroupCommand,
  GetWorkGroupCommand,
  UpdateWorkGroupCommand,
} from '@aws-sdk/client-athena';
import { parseBoolean, requiredString } from './properties';
import { createThenReport, lazyClient, sdkCall, SdkCallError } from './sdk-call';
import type { CustomResourceEvent, CustomResourceResponse } from './types';

interface WorkGroup {
  readonly name: string;
  readonly instanceArn: string;
  readonly outputLocation: string;
  readonly createUserLevelPrefix: boolean;
  readonly engineVersion: string;
  readonly executionRoleArn: string;
}

const athena = lazyClient(AthenaClient);

export async function onAthenaWorkGroupEvent(event: CustomResourceEvent): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create':
      // A failed create is never deleted by CloudFormation (see index.lambda.ts): undo it here.
      return createThenReport(() => create(desired), () => respond(desired), () => remove(desired));
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      if (previous.name !== desired.name) {
        // A new workgroup; CloudFormation deletes the old one because the physical id changes.
        return createThenReport(() => create(desired), () => respond(desired), () => remove(desired));
      } else if (previous.instanceArn !== desired.instanceArn) {
        throw new Error(`Athena cannot change the Identity Center instance of workgroup ${desired.name}: `
          + 'give the workgroup a new workGroupName (or leave it to the default, which follows the instance) to create a new one');
      } else {
        await call('UpdateWorkGroup', desired, () => athena().send(new UpdateWorkGroupCommand({
          WorkGroup: desired.name,
          ConfigurationUpdates: {
            ResultConfigurationUpdates: { OutputLocation: desired.outputLocation },
            EnforceWorkGroupConfiguration: true,
            EngineVersion: { SelectedEngineVersion: desired.engineVersion },
            ExecutionRole: desired.executionRoleArn,
            QueryResultsS3AccessGrantsConfiguration: accessGrants(desired),
          },
        })));
      }
      return respond(desired);
    }
    case 'Delete':
      await remove(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? desired.name };
  }
}

async function create(desired: WorkGroup): Promise<void> {
  try {
    await call('CreateWorkGroup', desired, () => athena().send(new CreateWorkGroupCommand({
      Name: desired.name,
      Description: 'Identity Center enabled workgroup (cdk-trusted-identity-propagation)',
      Configuration: {
        ResultConfiguration: { OutputLocation: desired.outputLocation },
        EnforceWorkGroupConfiguration: true,
        EngineVersion: { SelectedEngineVersion: desired.engineVersion },
        ExecutionRole: desired.executionRoleArn,
        IdentityCenterConfiguration: { EnableIdentityCenter: true, IdentityCenterInstanceArn: desired.instanceArn },
        QueryResultsS3AccessGrantsConfiguration: accessGrants(desired),
      },
    })));
  } catch (error) {
    // Never take over a workgroup this resource did not create: deleting this resource would
    // delete it with its saved queries.
    if (/already (exists|created)/i.test(String((error as Error).message))) {
      throw new Error(`workgroup ${desired.name} already exists; choose another workGroupName, or delete the workgroup and deploy again`);
    }
    throw error;
  }
}

async function remove(workGroup: WorkGroup): Promise<void> {
  try {
    await call('DeleteWorkGroup', workGroup, () => athena().send(new DeleteWorkGroupCommand({ WorkGroup: workGroup.name, RecursiveDeleteOption: true })));
  } catch (error) {
    if (!isWorkGroupMissing(error)) throw error;
  }
}

async function respond(desired: WorkGroup): Promise<CustomResourceResponse> {
  const { WorkGroup: workGroup } = await get(desired);
  if (!workGroup?.IdentityCenterApplicationArn) {
    throw new Error(`Athena reports no Identity Center application for workgroup ${desired.name}`);
  }
  return { PhysicalResourceId: desired.name, Data: { IdentityCenterApplicationArn: workGroup.IdentityCenterApplicationArn } };
}

function get(desired: WorkGroup) {
  return call('GetWorkGroup', desired, () => athena().send(new GetWorkGroupCommand({ WorkGroup: desired.name })));
}

function accessGrants(desired: WorkGroup) {
  return { EnableS3AccessGrants: true, CreateUserLevelPrefix: desired.createUserLevelPrefix, AuthenticationType: 'DIRECTORY_IDENTITY' as const };
}

/** Athena reports a missing workgroup as an InvalidRequestException. */
function isWorkGroupMissing(error: unknown): boolean {
  return error instanceof SdkCallError && /not found|does not exist/i.test(String((error.cause as Error)?.message));
}

function call<T>(operation: string, workGroup: WorkGroup, send: () => Promise<T>): Promise<T> {
  return sdkCall({ operation, subject: `Identity Center instance ${workGroup.instanceArn}`, resource: `workgroup ${workGroup.name}` }, send);
}

function parse(properties: Record<string, any>): WorkGroup {
  return {
    name: requiredString(properties, 'WorkGroupName'),
    instanceArn: requiredString(properties, 'InstanceArn'),
    outputLocation: requiredString(properties, 'OutputLocation'),
    createUserLevelPrefix: parseBoolean('CreateUserLevelPrefix', properties.CreateUserLevelPrefix, true),
    engineVersion: requiredString(properties, 'EngineVersion'),
    executionRoleArn: requiredString(properties, 'ExecutionRoleArn'),
  };
}
