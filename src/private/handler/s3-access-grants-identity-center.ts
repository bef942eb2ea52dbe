import {
  AssociateAccessGrantsIdentityCenterCommand,
  DissociateAccessGrantsIdentityCenterCommand,
  GetAccessGrantsInstanceCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { requiredString } from './properties';
import { createThenReport, lazyClient, sdkCall, SdkCallError } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import {
  S3_ACCESS_GRANTS_IDENTITY_CENTER_ATTRIBUTES,
  type S3_ACCESS_GRANTS_IDENTITY_CENTER,
  type S3AccessGrantsIdentityCenterProperties,
} from '../contracts/s3-access-grants-identity-center';
import type { Wire } from '../contracts/wire';

interface Association {
  readonly accountId: string;
  readonly instanceArn: string;
}

/**
 * The physical id says who made the association: `associated:<account>` this resource did, and
 * undoes it on delete; `found:<account>` it was there before, and is left as it is. It does not
 * name the Identity Center instance, so moving our association to another instance keeps it:
 * a rollback then moves it back, whether CloudFormation sends the old properties back or not.
 */
const MADE = 'associated:';
const FOUND = 'found:';

const s3control = lazyClient(S3ControlClient);

/**
 * Connects the account's existing S3 Access Grants instance (one per account and region) to an
 * Identity Center instance, taking over nothing it did not make.
 */
export async function onS3AccessGrantsIdentityCenterEvent(
  event: ResourceEvent<typeof S3_ACCESS_GRANTS_IDENTITY_CENTER>,
): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  switch (event.RequestType) {
    case 'Create': {
      const current = await associatedInstance(desired);
      if (current === desired.instanceArn) return respond(`${FOUND}${desired.accountId}`, desired);
      if (current) refuse(desired, current);
      // A failed create is never deleted by CloudFormation (see index.lambda.ts): undo it here.
      return createThenReport(() => associate(desired), () => respond(`${MADE}${desired.accountId}`, desired), () => dissociate(desired));
    }
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      const physicalResourceId = event.PhysicalResourceId ?? `${FOUND}${desired.accountId}`;
      const current = await associatedInstance(desired);
      // Already as desired: nothing changed, or a rollback of an update that was refused.
      if (current === desired.instanceArn) return respond(physicalResourceId, desired);
      const ours = physicalResourceId.startsWith(MADE);
      // Our own association to the previous instance is ours to move; anyone else's is not.
      if (current && !(ours && current === previous.instanceArn)) refuse(desired, current);
      if (current) await dissociate(previous);
      await associate(desired);
      // Made here now: a found association that had gone was replaced by ours.
      return respond(ours ? physicalResourceId : `${MADE}${desired.accountId}`, desired);
    }
    case 'Delete': {
      const physicalResourceId = event.PhysicalResourceId ?? `${FOUND}${desired.accountId}`;
      // Only our association, and only while it is still the one the resource stands for.
      // An instance that is gone has no association to undo.
      if (physicalResourceId.startsWith(MADE) && (await findInstance(desired))?.IdentityCenterInstanceArn === desired.instanceArn) {
        await dissociate(desired);
      }
      return { PhysicalResourceId: physicalResourceId };
    }
  }
}

function refuse(desired: Association, current: string): never {
  throw new Error(`the S3 Access Grants instance of account ${desired.accountId} is associated with another Identity Center instance, `
    + `${current}; S3 Access Grants holds one association, and this stack does not move one it did not make. `
    + 'Dissociate it (S3 console, Access Grants, or DissociateAccessGrantsIdentityCenter) or use that instance, then deploy again');
}

/** The Identity Center instance the account's Access Grants instance is associated with, if any. */
async function associatedInstance(association: Association): Promise<string | undefined> {
  return (await requireInstance(association)).IdentityCenterInstanceArn || undefined;
}

/** The account's Access Grants instance; there must be one to use. */
async function requireInstance(association: Association) {
  const instance = await findInstance(association);
  if (!instance) {
    throw new Error(`account ${association.accountId} has no S3 Access Grants instance in this region, so useExistingInstance has nothing `
      + 'to use: create one (S3 console, Access Grants) or set useExistingInstance: false to let this stack create it');
  }
  return instance;
}

/** The account's Access Grants instance, or undefined when it has none. */
async function findInstance({ accountId, instanceArn }: Association) {
  try {
    return await sdkCall({ operation: 'GetAccessGrantsInstance', subject: `Identity Center instance ${instanceArn}`, resource: `account ${accountId}` },
      () => s3control().send(new GetAccessGrantsInstanceCommand({ AccountId: accountId })));
  } catch (error) {
    if (error instanceof SdkCallError && (error.cause as { name?: string })?.name === NO_INSTANCE) return undefined;
    throw error;
  }
}

// "AccessGrantsInstanceNotExistsError: Access Grants Instance does not exist" (Amazon S3 API
// Reference, error responses, list of S3 Access Grants error codes).
const NO_INSTANCE = 'AccessGrantsInstanceNotExistsError';

async function associate({ accountId, instanceArn }: Association): Promise<void> {
  await sdkCall({ operation: 'AssociateAccessGrantsIdentityCenter', subject: `Identity Center instance ${instanceArn}`, resource: `account ${accountId}` },
    () => s3control().send(new AssociateAccessGrantsIdentityCenterCommand({ AccountId: accountId, IdentityCenterArn: instanceArn })));
}

async function dissociate({ accountId, instanceArn }: Association): Promise<void> {
  await sdkCall({ operation: 'DissociateAccessGrantsIdentityCenter', subject: `Identity Center instance ${instanceArn}`, resource: `account ${accountId}` },
    () => s3control().send(new DissociateAccessGrantsIdentityCenterCommand({ AccountId: accountId })));
}

async function respond(physicalResourceId: string, desired: Association): Promise<CustomResourceResponse> {
  const instance = await requireInstance(desired);
  return {
    PhysicalResourceId: physicalResourceId,
    Data: { [S3_ACCESS_GRANTS_IDENTITY_CENTER_ATTRIBUTES.accessGrantsInstanceArn]: instance.AccessGrantsInstanceArn },
  };
}

function parse(properties: Partial<Wire<S3AccessGrantsIdentityCenterProperties>>): Association {
  return {
    accountId: requiredString(properties, 'AccountId'),
    instanceArn: requiredString(properties, 'IdentityCenterInstanceArn'),
  };
}
