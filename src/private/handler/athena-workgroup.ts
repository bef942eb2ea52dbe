import {
  AthenaClient,
  CreateWorkGroupCommand,
  DeleteWorkGroupCommand,
  GetWorkGroupCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateWorkGroupCommand,
} from '@aws-sdk/client-athena';
import { parseBoolean, requiredString } from './properties';
import { createThenReport, lazyClient, sdkCall, SdkCallError } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import { ATHENA_WORKGROUP_ATTRIBUTES, type ATHENA_WORKGROUP, type AthenaWorkGroupProperties } from '../contracts/athena-workgroup';
import type { Wire } from '../contracts/wire';

interface WorkGroup {
  readonly name: string;
  readonly arn: string;
  readonly instanceArn: string;
  readonly outputLocation: string;
  readonly createUserLevelPrefix: boolean;
  readonly engineVersion: string;
  readonly executionRoleArn: string;
  /** The workgroup's own tags, by key. */
  readonly tags: Record<string, string>;
}

/**
 * The resource that owns a workgroup, written as tags when the handler creates it: a create
 * that meets a workgroup of this name takes it only when the tags name this stack and this
 * resource. That is a rollback to a workgroup this resource made (CloudFormation deletes the
 * old workgroup of a rename only in the cleanup phase, after a successful update); anything
 * else was not made here and is refused.
 */
interface Owner {
  readonly stackId: string;
  readonly logicalResourceId: string;
}

export const OWNER_TAGS = {
  stackId: 'cdk-trusted-identity-propagation:stack-id',
  logicalResourceId: 'cdk-trusted-identity-propagation:logical-id',
};

const athena = lazyClient(AthenaClient);

export async function onAthenaWorkGroupEvent(event: ResourceEvent<typeof ATHENA_WORKGROUP>): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  const owner = { stackId: event.StackId, logicalResourceId: event.LogicalResourceId };
  switch (event.RequestType) {
    case 'Create':
      // A failed create is never deleted by CloudFormation (see index.lambda.ts): undo it here.
      return createThenReport(() => create(desired, owner), () => respond(desired), () => remove(desired));
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      if (previous.name !== desired.name) {
        // A new workgroup; CloudFormation deletes the old one because the physical id changes.
        return createThenReport(() => create(desired, owner), () => respond(desired), () => remove(desired));
      } else if (previous.instanceArn !== desired.instanceArn) {
        throw new Error(`Athena cannot change the Identity Center instance of workgroup ${desired.name}: `
          + 'give the workgroup a new workGroupName (or leave it to the default, which follows the instance) to create a new one');
      }
      await update(desired);
      if (JSON.stringify(previous.tags) !== JSON.stringify(desired.tags)) await syncTags(desired, previous.tags);
      return respond(desired);
    }
    case 'Delete':
      await remove(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? desired.name };
  }
}

async function create(desired: WorkGroup, owner: Owner): Promise<void> {
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
      Tags: [
        ...Object.entries(desired.tags).map(([Key, Value]) => ({ Key, Value })),
        { Key: OWNER_TAGS.stackId, Value: owner.stackId },
        { Key: OWNER_TAGS.logicalResourceId, Value: owner.logicalResourceId },
      ],
    })));
  } catch (error) {
    if (!isAlreadyCreated(error)) throw error;
    // Never take over a workgroup this resource did not create: deleting this resource would
    // delete it with its saved queries.
    const tags = await tagsOf(desired);
    if (tags.get(OWNER_TAGS.stackId) !== owner.stackId || tags.get(OWNER_TAGS.logicalResourceId) !== owner.logicalResourceId) {
      // Identity Center is set only by CreateWorkGroup: UpdateWorkGroup's WorkGroupConfigurationUpdates
      // has no IdentityCenterConfiguration member (Athena API Reference).
      throw new Error(`workgroup ${desired.name} already exists and was not created by ${owner.logicalResourceId} of this stack; `
        + 'Athena turns Identity Center on only when it creates a workgroup, so an existing one cannot be used or adopted: '
        + 'choose a new workGroupName (or leave it to the default), or delete the workgroup and deploy again');
    }
    const { WorkGroup: existing } = await get(desired);
    const instanceArn = existing?.Configuration?.IdentityCenterConfiguration?.IdentityCenterInstanceArn;
    if (instanceArn !== desired.instanceArn) {
      throw new Error(`workgroup ${desired.name} was created for Identity Center instance ${instanceArn ?? '(none)'}, `
        + 'which Athena cannot change; choose another workGroupName');
    }
    await update(desired);
    // What this resource set before is not known here: set the desired tags, remove none.
    await syncTags(desired, {}, tags);
  }
}

/**
 * Makes the tags this resource manages the desired ones: removes the ones it set before that
 * are no longer wanted, and sets new and changed ones; tags set outside the template, and the
 * owner tags, stay. No call when they already match.
 */
async function syncTags(desired: WorkGroup, previous: Record<string, string>, current?: Map<string, string | undefined>): Promise<void> {
  current ??= await tagsOf(desired);
  const removed = Object.keys(previous).filter(key => !Object.hasOwn(desired.tags, key) && current.has(key));
  const changed = Object.entries(desired.tags).filter(([key, value]) => current.get(key) !== value);
  if (removed.length > 0) {
    await call('UntagResource', desired, () => athena().send(new UntagResourceCommand({ ResourceARN: desired.arn, TagKeys: removed })));
  }
  if (changed.length > 0) {
    await call('TagResource', desired, () => athena().send(new TagResourceCommand({
      ResourceARN: desired.arn, Tags: changed.map(([Key, Value]) => ({ Key, Value })),
    })));
  }
}

async function update(desired: WorkGroup): Promise<void> {
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

async function tagsOf(workGroup: WorkGroup): Promise<Map<string, string | undefined>> {
  const tags = new Map<string, string | undefined>();
  let NextToken: string | undefined;
  do {
    const page = await call('ListTagsForResource', workGroup, () =>
      athena().send(new ListTagsForResourceCommand({ ResourceARN: workGroup.arn, NextToken })));
    for (const tag of page.Tags ?? []) tags.set(tag.Key!, tag.Value);
    NextToken = page.NextToken;
  } while (NextToken);
  return tags;
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
  return {
    PhysicalResourceId: desired.name,
    Data: { [ATHENA_WORKGROUP_ATTRIBUTES.identityCenterApplicationArn]: workGroup.IdentityCenterApplicationArn },
  };
}

function get(desired: WorkGroup) {
  return call('GetWorkGroup', desired, () => athena().send(new GetWorkGroupCommand({ WorkGroup: desired.name })));
}

function accessGrants(desired: WorkGroup) {
  return { EnableS3AccessGrants: true, CreateUserLevelPrefix: desired.createUserLevelPrefix, AuthenticationType: 'DIRECTORY_IDENTITY' as const };
}

/**
 * Athena reports both a missing and an existing workgroup as an InvalidRequestException; only
 * the message tells them apart ("WorkGroup <name> is not found", "WorkGroup is already created").
 */
function isWorkGroupMissing(error: unknown): boolean {
  return error instanceof SdkCallError && isInvalidRequest(error.cause) && /not found|does not exist/i.test(String((error.cause as Error).message));
}

function isAlreadyCreated(error: unknown): boolean {
  return error instanceof SdkCallError && isInvalidRequest(error.cause) && /already (exists|created)/i.test(String((error.cause as Error).message));
}

function isInvalidRequest(error: unknown): boolean {
  return (error as { name?: string })?.name === 'InvalidRequestException';
}

function call<T>(operation: string, workGroup: WorkGroup, send: () => Promise<T>): Promise<T> {
  return sdkCall({ operation, subject: `Identity Center instance ${workGroup.instanceArn}`, resource: `workgroup ${workGroup.name}` }, send);
}

function parse(properties: Partial<Wire<AthenaWorkGroupProperties>>): WorkGroup {
  return {
    name: requiredString(properties, 'WorkGroupName'),
    arn: requiredString(properties, 'WorkGroupArn'),
    instanceArn: requiredString(properties, 'InstanceArn'),
    outputLocation: requiredString(properties, 'OutputLocation'),
    createUserLevelPrefix: parseBoolean('CreateUserLevelPrefix', properties.CreateUserLevelPrefix, true),
    engineVersion: requiredString(properties, 'EngineVersion'),
    executionRoleArn: requiredString(properties, 'ExecutionRoleArn'),
    tags: ownTags(properties.Tags ?? []),
  };
}

/** The workgroup's tags by key; the owner tags are the handler's alone. */
function ownTags(tags: ReadonlyArray<Partial<Wire<{ Key: string; Value: string }>>>): Record<string, string> {
  const owner = new Set<string>(Object.values(OWNER_TAGS));
  for (const { Key } of tags) {
    if (Key !== undefined && owner.has(Key)) throw new Error(`tag ${Key} is the handler's own, which it sets to recognize its workgroup: remove it from Tags`);
  }
  return Object.fromEntries(tags.map(tag => [tag.Key ?? '', tag.Value ?? '']));
}
