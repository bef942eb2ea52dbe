import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * The shipped handler: the esbuild bundle of index.lambda.ts (built by `npx projen bundle`, which
 * `npx projen test` runs first), with the SDK clients it bundles. It runs in a plain Node.js
 * process, as Lambda runs it (jest's module sandbox lacks the dynamic import the SDK's credential
 * providers use), and sends real HTTP requests to a loopback endpoint standing in for QuickSight.
 */
const BUNDLE = path.join(__dirname, '..', '..', '..', 'assets', 'private', 'handler', 'index.lambda', 'index.js');

const SCRIPT = `
const http = require('http');
const requests = [];
const server = http.createServer((request, response) => {
  requests.push(request.method + ' ' + request.url);
  response.setHeader('content-type', 'application/json');
  response.end(request.method === 'GET' ? '{"Services":[]}' : '{}');
});
server.listen(0, '127.0.0.1', async () => {
  process.env.AWS_ENDPOINT_URL = 'http://127.0.0.1:' + server.address().port;
  const { dispatch } = require(${JSON.stringify(BUNDLE)});
  const response = await dispatch({
    RequestType: 'Create', ResourceType: 'Custom::QuickSightIdentityPropagation', RequestId: 'request', StackId: 'stack', LogicalResourceId: 'QuickSight',
    ResourceProperties: { ServiceToken: 'token', AwsAccountId: '111122223333', Service: 'REDSHIFT', AdoptExisting: 'false' },
  });
  server.close();
  process.stdout.write(JSON.stringify({ response, requests }));
});
`;

test('the bundle loads in Node.js and its SDK clients send real requests', () => {
  const output = execFileSync(process.execPath, ['-e', SCRIPT], {
    env: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_REGION: 'us-east-1' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });

  expect(JSON.parse(output)).toEqual({
    response: { Status: 'SUCCESS', PhysicalResourceId: '111122223333/REDSHIFT' },
    requests: [
      'GET /accounts/111122223333/identity-propagation-config',
      'POST /accounts/111122223333/identity-propagation-config/REDSHIFT',
    ],
  });
});
