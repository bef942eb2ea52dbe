import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * The shipped handlers: the esbuild bundle of each family's entry (built by `npx projen bundle`,
 * which `npx projen test` runs first), with the SDK clients it bundles. Each runs in a plain
 * Node.js process, as Lambda runs it (jest's module sandbox lacks the dynamic import the SDK's
 * credential providers use), and sends real HTTP requests to a loopback endpoint standing in
 * for QuickSight.
 */
const bundle = (entry: string) => path.join(__dirname, '..', '..', '..', 'assets', 'private', 'handler', entry, 'index.js');

/** Dispatches `event` with the bundle of `entry` against a loopback QuickSight that answers GETs with `listed`. */
function runBundle(entry: string, event: object, listed: object): unknown {
  const script = `
const http = require('http');
const requests = [];
const server = http.createServer((request, response) => {
  requests.push(request.method + ' ' + request.url);
  response.setHeader('content-type', 'application/json');
  response.end(request.method === 'GET' ? ${JSON.stringify(JSON.stringify(listed))} : '{}');
});
server.listen(0, '127.0.0.1', async () => {
  process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:' + server.address().port;
  const { dispatch } = require(${JSON.stringify(bundle(entry))});
  const response = await dispatch(${JSON.stringify(event)});
  server.close();
  process.stdout.write(JSON.stringify({ response, requests }));
});
`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], {
    env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }));
}

const EVENT = { RequestType: 'Create', RequestId: 'request', StackId: 'stack', LogicalResourceId: 'QuickSight' };

test('the configuration bundle loads in Node.js and its SDK clients send real requests', () => {
  const output = runBundle('index.lambda', {
    ...EVENT,
    ResourceType: 'Custom::QuickSightIdentityPropagation',
    ResourceProperties: { ServiceToken: 'token', AwsAccountId: '111122223333', Service: 'REDSHIFT', AdoptExisting: 'false' },
  }, { Services: [] });

  expect(output).toEqual({
    response: { Status: 'SUCCESS', PhysicalResourceId: '111122223333/REDSHIFT' },
    requests: [
      'GET /accounts/111122223333/identity-propagation-config',
      'POST /accounts/111122223333/identity-propagation-config/REDSHIFT',
    ],
  });
});

test('the verification bundle loads in Node.js and its SDK clients send real requests', () => {
  const output = runBundle('verification.lambda', {
    ...EVENT,
    ResourceType: 'Custom::TipVerification',
    ResourceProperties: {
      ServiceToken: 'token',
      Links: [{ Link: 'QuickSightPropagation', AwsAccountId: '111122223333', Service: 'REDSHIFT', AuthorizedTargets: [] }],
      FailOnMissingLink: 'true',
      ChainHash: 'hash',
    },
  }, { Services: [{ Service: 'REDSHIFT', AuthorizedTargets: [] }] });

  expect(output).toEqual({
    response: {
      Status: 'SUCCESS',
      PhysicalResourceId: 'tip-verification:QuickSight',
      Data: { Report: 'All 1 links of the trust chain are in place: QuickSight identity propagation to REDSHIFT.' },
    },
    requests: ['GET /accounts/111122223333/identity-propagation-config'],
  });
});
