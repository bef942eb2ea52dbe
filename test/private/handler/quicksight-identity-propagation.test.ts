import * as quicksightSdk from '@aws-sdk/client-quicksight';
import {
  AccessDeniedException,
  DeleteIdentityPropagationConfigCommand,
  ListIdentityPropagationConfigsCommand,
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
  expect(callsOf(quicksight)).toEqual([
    ['ListIdentityPropagationConfigs', { AwsAccountId: '111122223333', NextToken: undefined }],
    ['UpdateIdentityPropagationConfig', PROPS],
  ]);
});

test('create without targets authorizes every application of the service', async () => {
  await handle(cfnEvent(TYPE, 'Create', { AwsAccountId: '111122223333', Service: 'ATHENA' }));

  expect(callsOf(quicksight)[1]).toEqual(['UpdateIdentityPropagationConfig', { AwsAccountId: '111122223333', Service: 'ATHENA', AuthorizedTargets: undefined }]);
});

test('update replaces the targets; another service gets a new physical id', async () => {
  const sameService = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, AuthorizedTargets: [] }, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }));
  const otherService = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, Service: 'ATHENA' }, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }));

  expect(sameService.PhysicalResourceId).toBe('111122223333/REDSHIFT');
  expect(otherService.PhysicalResourceId).toBe('111122223333/ATHENA');
  // Only the new service is checked for a configuration someone else made.
  expect(callsOf(quicksight).map(([op, input]) => [op, input.Service])).toEqual([
    ['UpdateIdentityPropagationConfig', 'REDSHIFT'],
    ['ListIdentityPropagationConfigs', undefined],
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

test('create refuses to take over propagation that is already on, looking through every page', async () => {
  quicksight.on(ListIdentityPropagationConfigsCommand)
    .resolvesOnce({ Services: [{ Service: 'ATHENA', AuthorizedTargets: [] }], NextToken: 'page-2' })
    .resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [TARGET] }] });

  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
    `QuickSight account 111122223333 already propagates identities to REDSHIFT (targets: ${TARGET}); turn it off in QuickSight or remove this construct`);
  expect(quicksight.commandCalls(ListIdentityPropagationConfigsCommand)[1].args[0].input.NextToken).toBe('page-2');
  expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(0);
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
