import * as quicksightSdk from '@aws-sdk/client-quicksight';
import {
  AccessDeniedException,
  DeleteIdentityPropagationConfigCommand,
  QuickSightClient,
  ResourceNotFoundException,
  ThrottlingException,
  UpdateIdentityPropagationConfigCommand,
} from '@aws-sdk/client-quicksight';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { requestSchemaProblems } from '../../util/sdk-schema';

const quicksight = mockClient(QuickSightClient);
const TYPE = 'Custom::QuickSightIdentityPropagation';
const TARGET = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
const PROPS = { AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [TARGET] };

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  quicksight.reset();
  quicksight.resolves({});
});
afterEach(() => {
  for (const [operation, input] of callsOf(quicksight)) expect(requestSchemaProblems(quicksightSdk, operation, input)).toEqual([]);
});

test('create turns propagation on for the service and its targets', async () => {
  const response = await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(response.PhysicalResourceId).toBe('111122223333/REDSHIFT');
  expect(callsOf(quicksight)).toEqual([['UpdateIdentityPropagationConfig', PROPS]]);
});

test('create without targets authorizes every application of the service', async () => {
  await handle(cfnEvent(TYPE, 'Create', { AwsAccountId: '111122223333', Service: 'ATHENA' }));

  expect(callsOf(quicksight)).toEqual([['UpdateIdentityPropagationConfig', { AwsAccountId: '111122223333', Service: 'ATHENA', AuthorizedTargets: undefined }]]);
});

test('update replaces the targets; another service gets a new physical id', async () => {
  const sameService = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, AuthorizedTargets: [] }, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }));
  const otherService = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, Service: 'ATHENA' }, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }));

  expect(sameService.PhysicalResourceId).toBe('111122223333/REDSHIFT');
  expect(otherService.PhysicalResourceId).toBe('111122223333/ATHENA');
  expect(callsOf(quicksight).map(([op, input]) => [op, input.Service])).toEqual([
    ['UpdateIdentityPropagationConfig', 'REDSHIFT'],
    ['UpdateIdentityPropagationConfig', 'ATHENA'],
  ]);
});

test('delete turns propagation off, and tolerates it being off already', async () => {
  await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }));
  quicksight.on(DeleteIdentityPropagationConfigCommand).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
  await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }));

  expect(callsOf(quicksight)).toEqual([
    ['DeleteIdentityPropagationConfig', { AwsAccountId: '111122223333', Service: 'REDSHIFT' }],
    ['DeleteIdentityPropagationConfig', { AwsAccountId: '111122223333', Service: 'REDSHIFT' }],
  ]);
});

test('throttling is retried', async () => {
  quicksight.on(UpdateIdentityPropagationConfigCommand)
    .rejectsOnce(new ThrottlingException({ message: 'slow down', $metadata: {} }))
    .resolves({});

  await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(2);
});

test('access denied fails with the call, the account and what to check', async () => {
  quicksight.on(UpdateIdentityPropagationConfigCommand).rejects(new AccessDeniedException({ message: 'not subscribed with IAM Identity Center', $metadata: {} }));

  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
    'UpdateIdentityPropagationConfig (service REDSHIFT) on QuickSight account 111122223333 failed: AccessDeniedException: not subscribed with IAM Identity Center (the handler role may not call UpdateIdentityPropagationConfig');
  expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(1);
});
