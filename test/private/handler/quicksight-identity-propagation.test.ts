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

test('update deletes and puts again when the targets change, and makes no call when they do not', async () => {
  const { AuthorizedTargets: _, ...everyApplication } = PROPS;
  await handle(cfnEvent(TYPE, 'Update', everyApplication, { old: everyApplication, physicalResourceId: '111122223333/REDSHIFT' }));
  expect(callsOf(quicksight)).toEqual([]);

  const response = await handle(cfnEvent(TYPE, 'Update', everyApplication, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }));

  expect(response.PhysicalResourceId).toBe('111122223333/REDSHIFT');
  expect(callsOf(quicksight)).toEqual([
    ['DeleteIdentityPropagationConfig', { AwsAccountId: '111122223333', Service: 'REDSHIFT' }],
    ['UpdateIdentityPropagationConfig', { AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: undefined }],
  ]);
});

test('another service is turned on, then the old one off, under the same physical id, so a rollback runs the same steps back', async () => {
  const athena = { ...PROPS, Service: 'ATHENA' };
  const forward = await handle(cfnEvent(TYPE, 'Update', athena, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }));
  const rollback = await handle(cfnEvent(TYPE, 'Update', PROPS, { old: athena, physicalResourceId: '111122223333/REDSHIFT' }));

  expect([forward.PhysicalResourceId, rollback.PhysicalResourceId]).toEqual(['111122223333/REDSHIFT', '111122223333/REDSHIFT']);
  // Only the service being turned on is checked for a configuration someone else made.
  expect(callsOf(quicksight).map(([op, input]) => [op, input.Service])).toEqual([
    ['ListIdentityPropagationConfigs', undefined],
    ['UpdateIdentityPropagationConfig', 'ATHENA'],
    ['DeleteIdentityPropagationConfig', 'REDSHIFT'],
    ['ListIdentityPropagationConfigs', undefined],
    ['UpdateIdentityPropagationConfig', 'REDSHIFT'],
    ['DeleteIdentityPropagationConfig', 'ATHENA'],
  ]);
});

test('the rollback of a refused move to another service finds nothing to do', async () => {
  quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [TARGET] }, { Service: 'ATHENA' }] });
  const athena = { ...PROPS, Service: 'ATHENA' };
  await expect(handle(cfnEvent(TYPE, 'Update', athena, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' })))
    .rejects.toThrow('already propagates identities to ATHENA');

  const rollback = await handle(cfnEvent(TYPE, 'Update', PROPS, { old: athena, physicalResourceId: '111122223333/REDSHIFT' }));

  expect(rollback.PhysicalResourceId).toBe('111122223333/REDSHIFT');
  expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(0);
  expect(quicksight.commandCalls(DeleteIdentityPropagationConfigCommand)).toHaveLength(0);
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
    `QuickSight account 111122223333 already propagates identities to REDSHIFT (targets: ${TARGET}); set adoptExisting: true to manage it `
    + 'from this stack (deleting the stack gives it back as it was), or turn it off in QuickSight or remove this construct');
  expect(quicksight.commandCalls(ListIdentityPropagationConfigsCommand)[1].args[0].input.NextToken).toBe('page-2');
  expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(0);
});

describe('adoption', () => {
  const OURS = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0000000000000001';

  test('records the targets it found, sets its own, and puts the found ones back on delete', async () => {
    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [TARGET] }] });
    quicksight.on(UpdateIdentityPropagationConfigCommand).resolves({});
    quicksight.on(DeleteIdentityPropagationConfigCommand).resolves({});
    const props = { AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [OURS], AdoptExisting: 'true' };

    const created = await handle(cfnEvent(TYPE, 'Create', props));
    expect(created.PhysicalResourceId).toMatch(/^adopted:111122223333\/REDSHIFT:[A-Za-z0-9_-]+$/);
    expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand).map(c => c.args[0].input.AuthorizedTargets)).toEqual([[OURS]]);

    quicksight.resetHistory();
    await handle(cfnEvent(TYPE, 'Delete', props, { physicalResourceId: created.PhysicalResourceId }));
    expect(quicksight.commandCalls(DeleteIdentityPropagationConfigCommand)).toHaveLength(1);
    expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand).map(c => c.args[0].input.AuthorizedTargets)).toEqual([[TARGET]]);
  });

  test('propagation to every application is given back as every application', async () => {
    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT' }] });
    const props = { AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [OURS], AdoptExisting: 'true' };
    const created = await handle(cfnEvent(TYPE, 'Create', props));

    quicksight.resetHistory();
    await handle(cfnEvent(TYPE, 'Delete', props, { physicalResourceId: created.PhysicalResourceId }));
    expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand).map(c => c.args[0].input.AuthorizedTargets)).toEqual([undefined]);
  });

  test('a failed adopting create gives back the targets it found', async () => {
    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [TARGET] }] });
    quicksight.on(DeleteIdentityPropagationConfigCommand).resolves({});
    quicksight.on(UpdateIdentityPropagationConfigCommand)
      .rejectsOnce(Object.assign(new Error('boom'), { name: 'AccessDeniedException' }))
      .resolves({});
    const props = { AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [OURS], AdoptExisting: 'true' };

    await expect(handle(cfnEvent(TYPE, 'Create', props))).rejects.toThrow(/boom/);
    expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand).map(c => c.args[0].input.AuthorizedTargets)).toEqual([[OURS], [TARGET]]);
  });

  test('an adopted propagation someone turned off since stays off', async () => {
    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [] });
    const props = { AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [OURS], AdoptExisting: 'true' };
    await handle(cfnEvent(TYPE, 'Delete', props, { physicalResourceId: 'adopted:111122223333/REDSHIFT:qwAA' }));
    expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(0);
  });

  test('an adopted propagation does not move to another service', async () => {
    const props = { AwsAccountId: '111122223333', Service: 'REDSHIFT', AdoptExisting: 'true' };
    await expect(handle(cfnEvent(TYPE, 'Update', { ...props, Service: 'ATHENA' }, { old: props, physicalResourceId: 'adopted:111122223333/REDSHIFT:qwAA' })))
      .rejects.toThrow("QuickSight's identity propagation to REDSHIFT was adopted, so this construct cannot move to ATHENA");
    expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(0);
    expect(quicksight.commandCalls(DeleteIdentityPropagationConfigCommand)).toHaveLength(0);
  });
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

describe('messages and the physical id', () => {
  test('a configuration already on for every application says so', async () => {
    quicksight.on(ListIdentityPropagationConfigsCommand).resolves({ Services: [{ Service: 'REDSHIFT' }] });

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow('already propagates identities to REDSHIFT (targets: every application)');
  });

  test('a failed list or delete names the call', async () => {
    quicksight.on(ListIdentityPropagationConfigsCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/^ListIdentityPropagationConfigs \(service REDSHIFT\) on QuickSight account 111122223333 failed/);

    quicksight.on(DeleteIdentityPropagationConfigCommand).rejects(new AccessDeniedException({ message: 'denied', $metadata: {} }));
    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' })))
      .rejects.toThrow(/^DeleteIdentityPropagationConfig \(service REDSHIFT\) on QuickSight account 111122223333 failed/);
  });

  test('a delete answers with the physical id CloudFormation sent', async () => {
    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'created-before' }))).resolves.toEqual({ PhysicalResourceId: 'created-before' });
  });
});
