import * as http from 'http';
import * as net from 'net';
import { AddressInfo } from 'net';
import {
  DeleteIdentityPropagationConfigCommand,
  ListIdentityPropagationConfigsCommand,
  QuickSightClient,
  UpdateIdentityPropagationConfigCommand,
} from '@aws-sdk/client-quicksight';
import { mockClient } from 'aws-sdk-client-mock';
import { cfnEvent } from './events';
import { APPLICATION_CONFIGURATION } from '../../../src/private/contracts/application-configuration';
import { ATHENA_WORKGROUP } from '../../../src/private/contracts/athena-workgroup';
import { EMR_SERVERLESS_IDENTITY_CENTER } from '../../../src/private/contracts/emr-serverless-identity-center';
import { LAKE_FORMATION_IDENTITY_CENTER } from '../../../src/private/contracts/lake-formation-identity-center';
import { QUICKSIGHT_IDENTITY_PROPAGATION } from '../../../src/private/contracts/quicksight-identity-propagation';
import { REDSHIFT_IDENTITY_PROVIDER } from '../../../src/private/contracts/redshift-identity-provider';
import { S3_ACCESS_GRANTS_IDENTITY_CENTER } from '../../../src/private/contracts/s3-access-grants-identity-center';
import { dispatch, handler } from '../../../src/private/handler/index.lambda';
import { eventSignal } from '../../../src/private/handler/sdk-call';

/** A loopback endpoint standing in for CloudFormation's pre-signed response URL. */
interface Received { method?: string; url?: string; contentType?: string; body: any }
let server: http.Server;
let received: Received[];
let responseUrl: string;
/** How many of the next PUTs the endpoint answers with HTTP 500. */
let failNext = 0;

beforeAll(async () => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => { body += chunk; });
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, contentType: req.headers['content-type'], body: JSON.parse(body) });
      res.statusCode = failNext-- > 0 ? 500 : 200;
      res.end();
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  responseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cloudformation-response?X-Amz-Signature=abc`;
});
afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

const quicksight = mockClient(QuickSightClient);
const PROPS = { AwsAccountId: '111122223333', Service: 'REDSHIFT' };
const context = (remainingMs = 300_000) => ({ getRemainingTimeInMillis: () => remainingMs });

beforeEach(() => {
  received = [];
  failNext = 0;
  quicksight.reset();
  quicksight.resolves({});
});

function event(...args: Parameters<typeof cfnEvent>) {
  return { ...cfnEvent(...args), ResponseURL: responseUrl };
}

test('answers CloudFormation with a PUT to the pre-signed URL', async () => {
  await handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context());

  expect(received).toEqual([{
    method: 'PUT',
    url: '/cloudformation-response?X-Amz-Signature=abc',
    contentType: '',
    body: {
      Status: 'SUCCESS',
      PhysicalResourceId: '111122223333/REDSHIFT',
      StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/TestStack/guid',
      RequestId: 'request',
      LogicalResourceId: 'Resource',
    },
  }]);
});

test('reports a failed create with its reason and a physical id that marks it as never created', async () => {
  quicksight.on(UpdateIdentityPropagationConfigCommand).rejects(Object.assign(new Error('account not subscribed'), { name: 'AccessDeniedException' }));

  await handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context());

  expect(received[0].body).toMatchObject({
    Status: 'FAILED',
    PhysicalResourceId: 'failed-create:request',
    Reason: expect.stringMatching(/^UpdateIdentityPropagationConfig \(service REDSHIFT\) on QuickSight account 111122223333 failed: AccessDeniedException: account not subscribed/),
  });
});

test('the rollback delete of a failed create touches nothing', async () => {
  await handler(event('Custom::LakeFormationIdentityCenterConfiguration', 'Delete', { CatalogId: '111122223333', InstanceArn: 'x' },
    { physicalResourceId: 'failed-create:request' }), context());

  expect(received[0].body).toMatchObject({ Status: 'SUCCESS', PhysicalResourceId: 'failed-create:request' });
});

test('reports failure before Lambda would time out, so the stack does not wait an hour', async () => {
  quicksight.on(DeleteIdentityPropagationConfigCommand).callsFake(() => new Promise(() => undefined));

  await handler(event('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }), context(10_050));

  expect(received[0].body).toMatchObject({
    Status: 'FAILED',
    PhysicalResourceId: '111122223333/REDSHIFT',
    Reason: 'Custom::QuickSightIdentityPropagation Resource did not finish before the handler\'s timeout; see its CloudWatch logs',
  });
});

test('after reporting a timeout, starts no further call', async () => {
  // The first call outlives the handler's budget; the second must never be made.
  quicksight.on(ListIdentityPropagationConfigsCommand).callsFake(() => new Promise(resolve => setTimeout(() => resolve({}), 150)));

  await handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context(10_050));
  await new Promise(resolve => setTimeout(resolve, 250));

  expect(received[0].body.Status).toBe('FAILED');
  expect(quicksight.commandCalls(ListIdentityPropagationConfigsCommand)).toHaveLength(1);
  expect(quicksight.commandCalls(UpdateIdentityPropagationConfigCommand)).toHaveLength(0);
});

test('reports an unknown resource type as a failure', async () => {
  await handler(event('Custom::Other', 'Create', {}), context());

  expect(received[0].body).toMatchObject({
    Status: 'FAILED',
    Reason: `Unknown custom resource type Custom::Other; this handler serves ${[
      APPLICATION_CONFIGURATION,
      ATHENA_WORKGROUP,
      EMR_SERVERLESS_IDENTITY_CENTER,
      LAKE_FORMATION_IDENTITY_CENTER,
      QUICKSIGHT_IDENTITY_PROPAGATION,
      REDSHIFT_IDENTITY_PROVIDER,
      S3_ACCESS_GRANTS_IDENTITY_CENTER,
    ].join(', ')}`,
  });
});

test('cuts a long reason to what CloudFormation accepts, counting bytes', async () => {
  quicksight.on(UpdateIdentityPropagationConfigCommand).rejects(Object.assign(new Error('é'.repeat(5000)), { name: 'ValidationException' }));

  await handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context());

  expect(Buffer.byteLength(JSON.stringify(received[0].body))).toBeLessThan(4096);
  expect(received[0].body.Reason.endsWith('…')).toBe(true);
});

test('retries the answer when CloudFormation\'s endpoint fails, and never throws out of the handler', async () => {
  failNext = 1;
  await handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context());
  expect(received.map(r => r.body.Status)).toEqual(['SUCCESS', 'SUCCESS']);

  received = [];
  failNext = 3;
  await expect(handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context())).resolves.toBeUndefined();
  expect(received).toHaveLength(3);
});

test('a connection error on the answer is retried, then logged as ResponseNotSent; the handler does not throw', async () => {
  // An endpoint that drops every connection: each PUT fails with a connection error, not an HTTP status.
  let connections = 0;
  const dropping = net.createServer(socket => { connections++; socket.destroy(); });
  await new Promise<void>(resolve => dropping.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(dropping.address() as AddressInfo).port}/response`;

  try {
    await expect(handler({ ...event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), ResponseURL: url }, context())).resolves.toBeUndefined();
  } finally {
    await new Promise<void>(resolve => dropping.close(() => resolve()));
  }

  expect(connections).toBe(3);
  expect(console.log).toHaveBeenLastCalledWith(JSON.stringify({ ResponseNotSent: 'Error: socket hang up' }));
});

test('logs the event\'s type and ids, never its properties', async () => {
  await handler(event('Custom::QuickSightIdentityPropagation', 'Update', PROPS, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }), context());

  expect(console.log).toHaveBeenCalledTimes(1);
  expect(JSON.parse((console.log as jest.Mock).mock.calls[0][0])).toEqual({
    RequestType: 'Update',
    ResourceType: 'Custom::QuickSightIdentityPropagation',
    LogicalResourceId: 'Resource',
    PhysicalResourceId: '111122223333/REDSHIFT',
  });
});

test('logs the reason of a failure it reports', async () => {
  await handler(event('Custom::Other', 'Create', {}), context());

  expect(console.log).toHaveBeenCalledTimes(2);
  expect(JSON.parse((console.log as jest.Mock).mock.calls[1][0])).toEqual({ Status: 'FAILED', Reason: received[0].body.Reason });
});

describe('dispatch', () => {
  test('a Delete of a resource that was created calls AWS', async () => {
    const response = await dispatch(cfnEvent('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }));

    expect(response).toEqual({ Status: 'SUCCESS', PhysicalResourceId: '111122223333/REDSHIFT' });
    expect(quicksight.calls()).toHaveLength(1);
  });

  test('only a Delete is short-circuited by the failed-create id', async () => {
    const response = await dispatch(cfnEvent('Custom::QuickSightIdentityPropagation', 'Update', PROPS,
      { old: { ...PROPS, Service: 'ATHENA' }, physicalResourceId: 'failed-create:request' }));

    expect(response.Status).toBe('SUCCESS');
    expect(quicksight.calls().length).toBeGreaterThan(0);
  });

  test('the rollback Delete of a failed create calls nothing', async () => {
    const response = await dispatch(cfnEvent('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: 'failed-create:request' }));

    expect(response).toEqual({ Status: 'SUCCESS', PhysicalResourceId: 'failed-create:request' });
    expect(quicksight.calls()).toHaveLength(0);
  });

  test('a failed Delete keeps the event\'s physical id', async () => {
    quicksight.on(DeleteIdentityPropagationConfigCommand).rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }));

    const response = await dispatch(cfnEvent('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }));

    expect(response).toMatchObject({ Status: 'FAILED', PhysicalResourceId: '111122223333/REDSHIFT' });
  });
});

describe('the handler\'s deadline', () => {
  // Timers are fake; the loopback endpoint's I/O is real, so the ticks it needs are not faked.
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  /** Makes `command` never answer, and records the abort signal of the event that called it. */
  function hang(command: any): { signal?: AbortSignal } {
    const seen: { signal?: AbortSignal } = {};
    quicksight.on(command).callsFake(() => {
      seen.signal = eventSignal.getStore();
      return new Promise(() => undefined);
    });
    return seen;
  }

  test('with 300 s remaining, a dispatch that takes 280 s reports SUCCESS', async () => {
    quicksight.on(DeleteIdentityPropagationConfigCommand).callsFake(() => new Promise(resolve => setTimeout(() => resolve({}), 280_000)));

    const done = handler(event('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }), context(300_000));
    await jest.advanceTimersByTimeAsync(280_000);
    await done;

    expect(quicksight.commandCalls(DeleteIdentityPropagationConfigCommand)).toHaveLength(1);
    expect(received.map(r => r.body.Status)).toEqual(['SUCCESS']);
  });

  test('reports FAILED 10 s before Lambda\'s timeout, not earlier, with a reason naming the resource', async () => {
    const call = hang(DeleteIdentityPropagationConfigCommand);

    const done = handler(event('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }), context(300_000));
    await jest.advanceTimersByTimeAsync(289_999);
    expect(call.signal?.aborted).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(call.signal?.aborted).toBe(true);
    await done;

    expect(received.map(r => r.body)).toEqual([expect.objectContaining({
      Status: 'FAILED',
      PhysicalResourceId: '111122223333/REDSHIFT',
      Reason: 'Custom::QuickSightIdentityPropagation Resource did not finish before the handler\'s timeout; see its CloudWatch logs',
    })]);
  });

  test('with less than 10 s remaining, reports FAILED at once', async () => {
    const call = hang(DeleteIdentityPropagationConfigCommand);

    const done = handler(event('Custom::QuickSightIdentityPropagation', 'Delete', PROPS, { physicalResourceId: '111122223333/REDSHIFT' }), context(4_000));
    await jest.advanceTimersByTimeAsync(0);
    expect(call.signal?.aborted).toBe(true);
    await done;

    expect(received[0].body.Status).toBe('FAILED');
  });

  test('a Create that times out reports the failed-create id, so its rollback Delete touches nothing', async () => {
    hang(ListIdentityPropagationConfigsCommand);

    const done = handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context(60_000));
    await jest.advanceTimersByTimeAsync(50_000);
    await done;

    expect(received[0].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: 'failed-create:request' });
  });

  test('an Update that times out keeps the event\'s physical id', async () => {
    hang(ListIdentityPropagationConfigsCommand);

    const done = handler(event('Custom::QuickSightIdentityPropagation', 'Update', PROPS,
      { old: { ...PROPS, Service: 'ATHENA' }, physicalResourceId: '111122223333/REDSHIFT' }), context(60_000));
    await jest.advanceTimersByTimeAsync(50_000);
    await done;

    expect(received[0].body).toMatchObject({ Status: 'FAILED', PhysicalResourceId: '111122223333/REDSHIFT' });
  });

  test('leaves no timer behind once it has answered', async () => {
    const done = handler(event('Custom::QuickSightIdentityPropagation', 'Create', PROPS), context(300_000));
    await done;

    expect(received[0].body.Status).toBe('SUCCESS');
    expect(jest.getTimerCount()).toBe(0);
  });
});
