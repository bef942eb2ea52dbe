import * as redshiftData from '@aws-sdk/client-redshift-data';
import { DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient, ValidationException } from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { statementPolicy } from '../../../src/private/handler/redshift-identity-provider';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { requestSchemaProblems } from '../../util/sdk-schema';

const data = mockClient(RedshiftDataClient);
const TYPE = 'Custom::RedshiftIdentityProvider';
const APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
const ROLE = 'arn:aws:iam::111122223333:role/redshift-idc';
const SECRET = 'arn:aws:secretsmanager:us-east-1:111122223333:secret:admin-AbCdEf';
const PROPS = {
  ClusterIdentifier: 'analytics',
  Database: 'dev',
  SecretArn: SECRET,
  IdentityProviderName: 'corp-idc',
  Namespace: 'AWSIDC',
  ApplicationArn: APP,
  IamRoleArn: ROLE,
};
const PHYSICAL_ID = 'analytics/dev/corp-idc';

function sqlRun(): string[] {
  return callsOf(data).filter(([op]) => op === 'ExecuteStatement').map(([, input]) => input.Sql);
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  statementPolicy.pollIntervalMs = 1;
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
});
beforeEach(() => {
  data.reset();
  data.on(ExecuteStatementCommand).resolves({ Id: 'stmt-1' });
  data.on(DescribeStatementCommand).resolves({ Status: 'FINISHED' });
});
afterEach(() => {
  for (const [operation, input] of callsOf(data)) expect(requestSchemaProblems(redshiftData, operation, input)).toEqual([]);
});

test('create runs CREATE IDENTITY PROVIDER with the admin secret and waits for it', async () => {
  data.on(DescribeStatementCommand).resolvesOnce({ Status: 'SUBMITTED' }).resolvesOnce({ Status: 'STARTED' }).resolves({ Status: 'FINISHED' });

  const response = await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(response.PhysicalResourceId).toBe(PHYSICAL_ID);
  expect(callsOf(data)).toEqual([
    ['ExecuteStatement', {
      ClusterIdentifier: 'analytics',
      Database: 'dev',
      SecretArn: SECRET,
      Sql: `CREATE IDENTITY PROVIDER "corp-idc" TYPE AWSIDC NAMESPACE 'AWSIDC' APPLICATION_ARN '${APP}' IAM_ROLE '${ROLE}'`,
    }],
    ['DescribeStatement', { Id: 'stmt-1' }],
    ['DescribeStatement', { Id: 'stmt-1' }],
    ['DescribeStatement', { Id: 'stmt-1' }],
  ]);
});

test('a failed statement fails the resource with Redshift\'s error', async () => {
  data.on(DescribeStatementCommand).resolves({ Status: 'FAILED', Error: 'ERROR: permission denied to create identity provider' });

  await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
    'CREATE IDENTITY PROVIDER "corp-idc" on cluster analytics database dev failed: ERROR: permission denied to create identity provider');
});

test('a statement that never finishes fails within the Lambda timeout', async () => {
  statementPolicy.timeoutMs = 5;
  data.on(DescribeStatementCommand).resolves({ Status: 'STARTED' });
  try {
    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/CREATE IDENTITY PROVIDER "corp-idc" on cluster analytics database dev did not finish within 0.005 seconds \(statement stmt-1 is STARTED\)/);
  } finally {
    statementPolicy.timeoutMs = 240_000;
  }
});

test('update of the namespace or role alters the provider in place', async () => {
  const desired = { ...PROPS, Namespace: 'corp', IamRoleArn: 'arn:aws:iam::111122223333:role/other' };

  const response = await handle(cfnEvent(TYPE, 'Update', desired, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

  expect(response.PhysicalResourceId).toBe(PHYSICAL_ID);
  expect(sqlRun()).toEqual(['ALTER IDENTITY PROVIDER "corp-idc" NAMESPACE \'corp\' IAM_ROLE \'arn:aws:iam::111122223333:role/other\'']);
});

test('update of the application recreates the provider under the same name', async () => {
  const other = APP.replace('aaaabbbbccccdddd', 'eeeeffff00001111');

  await handle(cfnEvent(TYPE, 'Update', { ...PROPS, ApplicationArn: other }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

  expect(sqlRun()).toEqual([
    'DROP IDENTITY PROVIDER "corp-idc"',
    `CREATE IDENTITY PROVIDER "corp-idc" TYPE AWSIDC NAMESPACE 'AWSIDC' APPLICATION_ARN '${other}' IAM_ROLE '${ROLE}'`,
  ]);
});

test('update to another cluster creates a new provider and a new physical id', async () => {
  const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, ClusterIdentifier: 'reporting' }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

  expect(response.PhysicalResourceId).toBe('reporting/dev/corp-idc');
  expect(callsOf(data)[0][1]).toMatchObject({ ClusterIdentifier: 'reporting', Sql: expect.stringMatching(/^CREATE IDENTITY PROVIDER "corp-idc"/) });
});

test('a create that already happened (a retry, or a rollback to a provider never dropped) alters it instead', async () => {
  data.on(DescribeStatementCommand)
    .resolvesOnce({ Status: 'FAILED', Error: 'ERROR: identity provider "corp-idc" already exists' })
    .resolves({ Status: 'FINISHED' });

  await handle(cfnEvent(TYPE, 'Update', PROPS, { old: { ...PROPS, ClusterIdentifier: 'reporting' }, physicalResourceId: 'reporting/dev/corp-idc' }));

  expect(sqlRun()).toEqual([
    `CREATE IDENTITY PROVIDER "corp-idc" TYPE AWSIDC NAMESPACE 'AWSIDC' APPLICATION_ARN '${APP}' IAM_ROLE '${ROLE}'`,
    `ALTER IDENTITY PROVIDER "corp-idc" NAMESPACE 'AWSIDC' IAM_ROLE '${ROLE}'`,
  ]);
});

test('delete drops the provider', async () => {
  await handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }));

  expect(sqlRun()).toEqual(['DROP IDENTITY PROVIDER "corp-idc"']);
});

test('delete succeeds when the provider or the cluster is already gone', async () => {
  data.on(DescribeStatementCommand).resolves({ Status: 'FAILED', Error: 'ERROR: identity provider "corp-idc" does not exist' });
  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });

  data.on(ExecuteStatementCommand).rejects(new ValidationException({ message: 'Cluster analytics not found.', $metadata: {} }));
  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
});

test('delete fails on any other error', async () => {
  data.on(DescribeStatementCommand).resolves({ Status: 'FAILED', Error: 'ERROR: cannot drop identity provider: users depend on it' });

  await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).rejects.toThrow(/users depend on it/);
});

test('throttled Data API calls are retried', async () => {
  data.on(ExecuteStatementCommand)
    .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
    .resolves({ Id: 'stmt-2' });

  await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(data.commandCalls(ExecuteStatementCommand)).toHaveLength(2);
});

test('quotes names and values so they cannot break out of the statement', async () => {
  await handle(cfnEvent(TYPE, 'Create', { ...PROPS, IdentityProviderName: 'a"b', Namespace: "o'brien" }));

  expect(sqlRun()[0]).toBe(`CREATE IDENTITY PROVIDER "a""b" TYPE AWSIDC NAMESPACE 'o''brien' APPLICATION_ARN '${APP}' IAM_ROLE '${ROLE}'`);
});

test('rejects events without the required properties', async () => {
  await expect(handle(cfnEvent(TYPE, 'Create', { ...PROPS, SecretArn: '' }))).rejects.toThrow('SecretArn is missing from the custom resource properties (got "")');
  expect(callsOf(data)).toEqual([]);
});
