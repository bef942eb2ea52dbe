import * as s3controlSdk from '@aws-sdk/client-s3-control';
import {
  AssociateAccessGrantsIdentityCenterCommand,
  DissociateAccessGrantsIdentityCenterCommand,
  GetAccessGrantsInstanceCommand,
  S3ControlClient,
} from '@aws-sdk/client-s3-control';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { INSTANCE_ARN, OTHER_INSTANCE_ARN } from '../../util/fixtures';
import { requestSchemaProblems } from '../../util/sdk-schema';

const s3control = mockClient(S3ControlClient);
const TYPE = 'Custom::S3AccessGrantsIdentityCenter';
const PROPS = { AccountId: '111122223333', IdentityCenterInstanceArn: INSTANCE_ARN };
const INSTANCE = 'arn:aws:s3:us-east-1:111122223333:access-grants/default';
const instance = (associatedWith?: string) => ({ AccessGrantsInstanceArn: INSTANCE, AccessGrantsInstanceId: 'default', IdentityCenterInstanceArn: associatedWith });
const noInstance = () => Object.assign(new Error('Access Grants Instance does not exist'), { name: 'AccessGrantsInstanceNotExistsError', $metadata: {} });

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  s3control.reset();
  s3control.resolves({});
});
afterEach(() => {
  for (const [operation, input] of callsOf(s3control)) expect(requestSchemaProblems(s3controlSdk, operation, input)).toEqual([]);
});

describe('create', () => {
  test('associates an instance that has no Identity Center association, and says it made it', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolvesOnce(instance()).resolves(instance(INSTANCE_ARN));

    const response = await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(response).toEqual({ PhysicalResourceId: 'associated:111122223333', Data: { AccessGrantsInstanceArn: INSTANCE } });
    expect(callsOf(s3control)).toEqual([
      ['GetAccessGrantsInstance', { AccountId: '111122223333' }],
      ['AssociateAccessGrantsIdentityCenter', { AccountId: '111122223333', IdentityCenterArn: INSTANCE_ARN }],
      ['GetAccessGrantsInstance', { AccountId: '111122223333' }],
    ]);
  });

  test('accepts an instance already associated with its Identity Center instance, unchanged', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolves(instance(INSTANCE_ARN));

    const response = await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(response.PhysicalResourceId).toBe('found:111122223333');
    expect(s3control.commandCalls(AssociateAccessGrantsIdentityCenterCommand)).toHaveLength(0);
  });

  test('refuses an instance associated with another Identity Center instance', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolves(instance(OTHER_INSTANCE_ARN));

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      `the S3 Access Grants instance of account 111122223333 is associated with another Identity Center instance, ${OTHER_INSTANCE_ARN}`);
    expect(s3control.commandCalls(AssociateAccessGrantsIdentityCenterCommand)).toHaveLength(0);
  });

  test('says what to do when the account has no instance', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).rejects(noInstance());

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      'account 111122223333 has no S3 Access Grants instance in this region, so useExistingInstance has nothing to use: '
      + 'create one (S3 console, Access Grants) or set useExistingInstance: false to let this stack create it');
  });
});

describe('delete', () => {
  test('dissociates an association it made, while it is still the one it made', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolves(instance(INSTANCE_ARN));

    await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'associated:111122223333' }));

    expect(callsOf(s3control)).toEqual([
      ['GetAccessGrantsInstance', { AccountId: '111122223333' }],
      ['DissociateAccessGrantsIdentityCenter', { AccountId: '111122223333' }],
    ]);
  });

  test.each([
    ['an association it found', 'found:111122223333', instance(INSTANCE_ARN)],
    ['an association that moved on to another instance since', 'associated:111122223333', instance(OTHER_INSTANCE_ARN)],
  ])('leaves %s', async (_name, physicalResourceId, current) => {
    s3control.on(GetAccessGrantsInstanceCommand).resolves(current);

    await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId }));

    expect(s3control.commandCalls(DissociateAccessGrantsIdentityCenterCommand)).toHaveLength(0);
  });

  test('succeeds when the instance is gone', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).rejects(noInstance());

    const response = await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'associated:111122223333' }));

    expect(response.PhysicalResourceId).toBe('associated:111122223333');
    expect(s3control.commandCalls(DissociateAccessGrantsIdentityCenterCommand)).toHaveLength(0);
  });
});

describe('update to another Identity Center instance', () => {
  test('moves an association it made, keeping the physical id, so a rollback moves it back', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolvesOnce(instance(INSTANCE_ARN)).resolves(instance(OTHER_INSTANCE_ARN));

    const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, IdentityCenterInstanceArn: OTHER_INSTANCE_ARN }, {
      old: PROPS, physicalResourceId: 'associated:111122223333',
    }));

    expect(response.PhysicalResourceId).toBe('associated:111122223333');
    expect(callsOf(s3control).map(([operation]) => operation)).toEqual([
      'GetAccessGrantsInstance', 'DissociateAccessGrantsIdentityCenter', 'AssociateAccessGrantsIdentityCenter', 'GetAccessGrantsInstance',
    ]);
  });

  test('a rollback of a refused move finds nothing to do', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolves(instance(INSTANCE_ARN));

    const response = await handle(cfnEvent(TYPE, 'Update', PROPS, {
      old: { ...PROPS, IdentityCenterInstanceArn: OTHER_INSTANCE_ARN }, physicalResourceId: 'found:111122223333',
    }));

    expect(response.PhysicalResourceId).toBe('found:111122223333');
    expect(callsOf(s3control).map(([operation]) => operation)).toEqual(['GetAccessGrantsInstance', 'GetAccessGrantsInstance']);
  });

  test('does not move an association it found', async () => {
    s3control.on(GetAccessGrantsInstanceCommand).resolves(instance(INSTANCE_ARN));

    await expect(handle(cfnEvent(TYPE, 'Update', { ...PROPS, IdentityCenterInstanceArn: OTHER_INSTANCE_ARN }, {
      old: PROPS, physicalResourceId: 'found:111122223333',
    }))).rejects.toThrow(`is associated with another Identity Center instance, ${INSTANCE_ARN}`);
    expect(s3control.commandCalls(DissociateAccessGrantsIdentityCenterCommand)).toHaveLength(0);
  });
});
