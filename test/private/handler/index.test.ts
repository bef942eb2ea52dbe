import * as http from 'http';
import { AddressInfo } from 'net';
import { ListIdentityPropagationConfigsCommand, QuickSightClient, UpdateIdentityPropagationConfigCommand } from '@aws-sdk/client-quicksight';
import { mockClient } from 'aws-sdk-client-mock';
import { cfnEvent } from './events';
import { handler } from '../../../src/private/handler/index.lambda';

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
  quicksight.on(UpdateIdentityPropagationConfigCommand).callsFake(() => new Promise(() => undefined));

  await handler(event('Custom::QuickSightIdentityPropagation', 'Update', PROPS, { old: PROPS, physicalResourceId: '111122223333/REDSHIFT' }), context(10_050));

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

  expect(received[0].body).toMatchObject({ Status: 'FAILED', Reason: expect.stringMatching(/^Unknown custom resource type Custom::Other; this handler serves Custom::IdentityCenterApplicationConfiguration, /) });
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
