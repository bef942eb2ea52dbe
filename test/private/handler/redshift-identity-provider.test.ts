import * as redshiftData from '@aws-sdk/client-redshift-data';
import {
  DescribeStatementCommand,
  ExecuteStatementCommand,
  DescribeStatementResponse,
  GetStatementResultCommand,
  RedshiftDataClient,
  ValidationException,
} from '@aws-sdk/client-redshift-data';
import { mockClient } from 'aws-sdk-client-mock';
import { callsOf, cfnEvent, handle } from './events';
import { statementPolicy } from '../../../src/private/handler/redshift-identity-provider';
import { retryPolicy } from '../../../src/private/handler/sdk-call';
import { requestSchemaProblems } from '../../util/sdk-schema';

const data = mockClient(RedshiftDataClient);
const TYPE = 'Custom::RedshiftIdentityProvider';
const APP = 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-aaaabbbbccccdddd';
const OTHER_APP = APP.replace('aaaabbbbccccdddd', 'eeeeffff00001111');
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
const SELECT = 'SELECT instanceid, params FROM svv_identity_providers WHERE lower(name) = lower(:name)';
const CREATE = `CREATE IDENTITY PROVIDER "corp-idc" TYPE AWSIDC NAMESPACE 'AWSIDC' APPLICATION_ARN '${APP}' IAM_ROLE '${ROLE}'`;
const DROP = 'DROP IDENTITY PROVIDER "corp-idc" CASCADE';

/** The params text of an AWSIDC provider bound to `applicationArn` (assumed shape: see the handler). */
function paramsOf(applicationArn: string): string {
  return JSON.stringify({ application_arn: applicationArn, iam_role: ROLE });
}

/** Makes the read find a provider with `params` (and an instanceid naming no application), or none. */
function existing(params: string | undefined, instanceid = 'b7c3e4a1-0000-4d2b-9f1e-7a6b5c4d3e2f'): void {
  data.on(GetStatementResultCommand).resolves({ Records: params === undefined ? [] : [[{ stringValue: instanceid }, { stringValue: params }]] });
}

/**
 * What DescribeStatement reports, in turn, for the SELECT (`select-1`) and for every other
 * statement (`stmt-1`); the last report of each repeats. ExecuteStatement first throws the
 * errors in `executeErrors`, one call each.
 */
const reports: { select: DescribeStatementResponse[]; other: DescribeStatementResponse[] } = { select: [], other: [] };
let executeErrors: Error[] = [];

function report(queue: DescribeStatementResponse[]): DescribeStatementResponse {
  return queue.length > 1 ? queue.shift()! : queue[0];
}

function sqlRun(): string[] {
  return callsOf(data).filter(([op]) => op === 'ExecuteStatement').map(([, input]) => input.Sql);
}

beforeAll(() => {
  retryPolicy.baseDelayMs = 1;
  statementPolicy.pollIntervalMs = 1;
});
beforeEach(() => {
  jest.spyOn(console, 'log').mockImplementation(() => undefined);
  data.reset();
  reports.select = [{ Id: 'x', Status: 'FINISHED', HasResultSet: true }];
  reports.other = [{ Id: 'x', Status: 'FINISHED', HasResultSet: false }];
  executeErrors = [];
  data.on(ExecuteStatementCommand).callsFake(async (input: { Sql: string }) => {
    const error = executeErrors.shift();
    if (error) throw error;
    return { Id: input.Sql === SELECT ? 'select-1' : 'stmt-1' };
  });
  data.on(DescribeStatementCommand).callsFake(async (input: { Id: string }) => report(input.Id === 'select-1' ? reports.select : reports.other));
  existing(undefined);
});
afterEach(() => {
  for (const [operation, input] of callsOf(data)) expect(requestSchemaProblems(redshiftData, operation, input)).toEqual([]);
  jest.restoreAllMocks();
});

describe('create', () => {
  test('reads the provider by name, then creates it with the admin secret and waits for it', async () => {
    reports.select = [{ Id: 'x', Status: 'STARTED' }, { Id: 'x', Status: 'FINISHED', HasResultSet: true }];
    reports.other = [{ Id: 'x', Status: 'SUBMITTED' }, { Id: 'x', Status: 'STARTED' }, { Id: 'x', Status: 'FINISHED' }];

    const response = await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(response.PhysicalResourceId).toBe(PHYSICAL_ID);
    const target = { ClusterIdentifier: 'analytics', Database: 'dev', SecretArn: SECRET };
    expect(callsOf(data)).toEqual([
      ['ExecuteStatement', { ...target, Sql: SELECT, Parameters: [{ name: 'name', value: 'corp-idc' }] }],
      ['DescribeStatement', { Id: 'select-1' }],
      ['DescribeStatement', { Id: 'select-1' }],
      ['GetStatementResult', { Id: 'select-1' }],
      ['ExecuteStatement', { ...target, Sql: CREATE }],
      ['DescribeStatement', { Id: 'stmt-1' }],
      ['DescribeStatement', { Id: 'stmt-1' }],
      ['DescribeStatement', { Id: 'stmt-1' }],
    ]);
  });

  test('a provider of ours that already exists (a retry, or a rollback to a provider never dropped) is altered, not created', async () => {
    existing(paramsOf(APP));

    await handle(cfnEvent(TYPE, 'Update', PROPS, { old: { ...PROPS, ClusterIdentifier: 'reporting' }, physicalResourceId: 'reporting/dev/corp-idc' }));

    expect(sqlRun()).toEqual([SELECT, `ALTER IDENTITY PROVIDER "corp-idc" NAMESPACE 'AWSIDC' IAM_ROLE '${ROLE}'`]);
  });

  test('recognizes our application in params JSON that escapes its slashes', async () => {
    existing(`{"application_arn":"${APP.replace(/\//g, '\\/')}"}`);

    await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(sqlRun()).toEqual([SELECT, expect.stringMatching(/^ALTER IDENTITY PROVIDER "corp-idc"/)]);
  });

  test('recognizes our application named in the instanceid column', async () => {
    existing(JSON.stringify({ iam_role: ROLE }), APP);

    await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(sqlRun()).toEqual([SELECT, expect.stringMatching(/^ALTER IDENTITY PROVIDER "corp-idc"/)]);
  });

  test('refuses a provider of the same name bound to another application', async () => {
    existing(paramsOf(OTHER_APP));

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      `Identity provider "corp-idc" on cluster analytics database dev is bound to another application than ${APP}: `
      + 'it was not created by this stack, so it is left alone. Choose another identityProviderName, '
      + 'or drop that provider (DROP IDENTITY PROVIDER "corp-idc") if nothing uses it, and deploy again.');
    expect(sqlRun()).toEqual([SELECT]);
  });

  test.each([
    ['params that do not name any application', JSON.stringify({ iam_role: ROLE, instance_arn: 'arn:aws:sso:::instance/ssoins-1111222233334444' })],
    ['no params at all', ''],
    ['an application whose ARN merely starts with ours', paramsOf(`${APP}0`)],
  ])('refuses a provider with %s: it may be someone else\'s', async (_name, params) => {
    existing(params);

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/"corp-idc" on cluster analytics database dev is bound to another application/);
    expect(sqlRun()).toEqual([SELECT]);
  });

  test('refuses, without altering it, a provider created by someone else between the read and the create', async () => {
    reports.other = [{ Id: 'x', Status: 'FAILED', Error: 'ERROR: identity provider "corp-idc" already exists' }];

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/"corp-idc" on cluster analytics database dev is bound to another application/);
    expect(sqlRun()).toEqual([SELECT, CREATE]);
  });

  test('a failed statement fails the resource with Redshift\'s error', async () => {
    reports.other = [{ Id: 'x', Status: 'FAILED', Error: 'ERROR: permission denied to create identity provider' }];

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      'CREATE IDENTITY PROVIDER "corp-idc" on cluster analytics database dev failed: ERROR: permission denied to create identity provider');
  });

  test('a failed read fails the resource with Redshift\'s error', async () => {
    reports.select = [{ Id: 'x', Status: 'FAILED', Error: 'ERROR: permission denied for relation svv_identity_providers' }];

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      'SELECT FROM svv_identity_providers (identity provider "corp-idc") on cluster analytics database dev failed: ERROR: permission denied for relation svv_identity_providers');
    expect(sqlRun()).toEqual([SELECT]);
  });

  test('a read without a result set fails rather than guessing whether the provider exists', async () => {
    reports.select = [{ Id: 'x', Status: 'FINISHED', HasResultSet: false }];

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      'SELECT FROM svv_identity_providers (identity provider "corp-idc") on cluster analytics database dev finished without a result set (statement select-1)');
    expect(data.commandCalls(GetStatementResultCommand)).toHaveLength(0);
    expect(sqlRun()).toEqual([SELECT]);
  });

  test('a statement that never finishes fails within the Lambda timeout', async () => {
    statementPolicy.timeoutMs = 5;
    reports.other = [{ Id: 'x', Status: 'STARTED' }];
    try {
      await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(/CREATE IDENTITY PROVIDER "corp-idc" on cluster analytics database dev did not finish within 0.005 seconds \(statement stmt-1 is STARTED\)/);
    } finally {
      statementPolicy.timeoutMs = 240_000;
    }
  });
});

describe('update', () => {
  test('of the namespace or role alters our provider in place', async () => {
    existing(paramsOf(APP));
    const desired = { ...PROPS, Namespace: 'corp', IamRoleArn: 'arn:aws:iam::111122223333:role/other' };

    const response = await handle(cfnEvent(TYPE, 'Update', desired, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(response.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(sqlRun()).toEqual([SELECT, 'ALTER IDENTITY PROVIDER "corp-idc" NAMESPACE \'corp\' IAM_ROLE \'arn:aws:iam::111122223333:role/other\'']);
  });

  test('of the application drops our provider with its users and roles and creates it again under the same name', async () => {
    existing(paramsOf(APP));

    await handle(cfnEvent(TYPE, 'Update', { ...PROPS, ApplicationArn: OTHER_APP }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(sqlRun()).toEqual([
      SELECT,
      DROP,
      `CREATE IDENTITY PROVIDER "corp-idc" TYPE AWSIDC NAMESPACE 'AWSIDC' APPLICATION_ARN '${OTHER_APP}' IAM_ROLE '${ROLE}'`,
    ]);
  });

  test('of the application that already happened (a retry) alters the provider', async () => {
    existing(paramsOf(OTHER_APP));

    await handle(cfnEvent(TYPE, 'Update', { ...PROPS, ApplicationArn: OTHER_APP }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(sqlRun()).toEqual([SELECT, expect.stringMatching(/^ALTER IDENTITY PROVIDER "corp-idc"/)]);
  });

  test('of the application creates the provider if it is gone', async () => {
    await handle(cfnEvent(TYPE, 'Update', { ...PROPS, ApplicationArn: OTHER_APP }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(sqlRun()).toEqual([SELECT, expect.stringMatching(/^CREATE IDENTITY PROVIDER "corp-idc" .* APPLICATION_ARN '.*eeeeffff00001111'/)]);
  });

  test('of the application refuses, without dropping it, a provider bound to a third application', async () => {
    existing(paramsOf(APP.replace('aaaabbbbccccdddd', '2222333344445555')));

    await expect(handle(cfnEvent(TYPE, 'Update', { ...PROPS, ApplicationArn: OTHER_APP }, { old: PROPS, physicalResourceId: PHYSICAL_ID })))
      .rejects.toThrow(`Identity provider "corp-idc" on cluster analytics database dev is bound to another application than ${OTHER_APP}`);
    expect(sqlRun()).toEqual([SELECT]);
  });

  test('to another cluster creates a new provider and a new physical id', async () => {
    const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, ClusterIdentifier: 'reporting' }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(response.PhysicalResourceId).toBe('reporting/dev/corp-idc');
    expect(data.commandCalls(ExecuteStatementCommand).map(call => call.args[0].input)).toEqual([
      expect.objectContaining({ ClusterIdentifier: 'reporting', Sql: SELECT }),
      expect.objectContaining({ ClusterIdentifier: 'reporting', Sql: CREATE }),
    ]);
  });

  test('to another name reads and creates the new name only (CloudFormation then deletes the old one)', async () => {
    const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, IdentityProviderName: 'corp-idc-2' }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(response.PhysicalResourceId).toBe('analytics/dev/corp-idc-2');
    expect(data.commandCalls(ExecuteStatementCommand).map(call => call.args[0].input.Parameters)).toEqual([[{ name: 'name', value: 'corp-idc-2' }], undefined]);
    expect(sqlRun()[1]).toMatch(/^CREATE IDENTITY PROVIDER "corp-idc-2" /);
  });

  test('to the same name in other case keeps the physical id: Redshift folds names, so it is the same provider', async () => {
    existing(paramsOf(APP));

    const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, IdentityProviderName: 'Corp-IdC' }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(response.PhysicalResourceId).toBe(PHYSICAL_ID);
    expect(sqlRun()[1]).toMatch(/^ALTER IDENTITY PROVIDER "Corp-IdC" /);
  });
});

describe('delete', () => {
  test('drops our provider with CASCADE, so its Identity Center users and roles go with it', async () => {
    existing(paramsOf(APP));

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });

    expect(sqlRun()).toEqual([SELECT, DROP]);
  });

  test('leaves a provider of the same name bound to another application alone, and says so', async () => {
    existing(paramsOf(OTHER_APP));

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });

    expect(sqlRun()).toEqual([SELECT]);
    expect(console.log).toHaveBeenCalledWith(JSON.stringify({
      LeftAlone: `identity provider "corp-idc" on cluster analytics database dev is bound to another application than ${APP}: it is not ours, so it was not dropped`,
    }));
  });

  test('succeeds without a drop when the provider is already gone', async () => {
    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });

    expect(sqlRun()).toEqual([SELECT]);
  });

  test('succeeds when the cluster is already gone', async () => {
    executeErrors = [new ValidationException({ message: 'Cluster analytics not found.', $metadata: {} })];

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
  });

  test('succeeds when the provider is dropped by someone else between the read and the drop', async () => {
    existing(paramsOf(APP));
    reports.other = [{ Id: 'x', Status: 'FAILED', Error: 'ERROR: identity provider "corp-idc" does not exist' }];

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).resolves.toEqual({ PhysicalResourceId: PHYSICAL_ID });
    expect(sqlRun()).toEqual([SELECT, DROP]);
  });

  test('fails when the drop fails because something else does not exist', async () => {
    existing(paramsOf(APP));
    reports.other = [{ Id: 'x', Status: 'FAILED', Error: 'ERROR: role "AWSIDC:analysts" does not exist' }];

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).rejects.toThrow(
      'DROP IDENTITY PROVIDER "corp-idc" on cluster analytics database dev failed: ERROR: role "AWSIDC:analysts" does not exist');
  });

  test('fails when the Data API cannot find something other than the cluster', async () => {
    executeErrors = [new ValidationException({ message: `Secret ${SECRET} not found.`, $metadata: {} })];

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).rejects.toThrow(/ValidationException: Secret .* not found/);
  });

  test('fails on any other error', async () => {
    existing(paramsOf(APP));
    reports.other = [{ Id: 'x', Status: 'FAILED', Error: 'ERROR: permission denied to drop identity provider' }];

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).rejects.toThrow(/permission denied to drop identity provider/);
  });
});

test('throttled Data API calls are retried', async () => {
  executeErrors = [Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' })];

  await handle(cfnEvent(TYPE, 'Create', PROPS));

  expect(sqlRun()).toEqual([SELECT, SELECT, CREATE]);
});

test('quotes names and values so they cannot break out of the statement', async () => {
  await handle(cfnEvent(TYPE, 'Create', { ...PROPS, IdentityProviderName: 'a"b', Namespace: "o'brien" }));

  expect(data.commandCalls(ExecuteStatementCommand)[0].args[0].input.Parameters).toEqual([{ name: 'name', value: 'a"b' }]);
  expect(sqlRun()[1]).toBe(`CREATE IDENTITY PROVIDER "a""b" TYPE AWSIDC NAMESPACE 'o''brien' APPLICATION_ARN '${APP}' IAM_ROLE '${ROLE}'`);
});

test('doubles backslashes in string literals, which Redshift reads as escapes', async () => {
  await handle(cfnEvent(TYPE, 'Create', { ...PROPS, Namespace: "a\\'b\\c" }));

  expect(sqlRun()[1]).toBe(`CREATE IDENTITY PROVIDER "corp-idc" TYPE AWSIDC NAMESPACE 'a\\\\''b\\\\c' APPLICATION_ARN '${APP}' IAM_ROLE '${ROLE}'`);
});

test('rejects events without the required properties', async () => {
  await expect(handle(cfnEvent(TYPE, 'Create', { ...PROPS, SecretArn: '' }))).rejects.toThrow('SecretArn is missing from the custom resource properties (got "")');
  expect(callsOf(data)).toEqual([]);
});

describe('what the Data API answers', () => {
  test('an aborted statement is final: it fails the resource', async () => {
    reports.other = [{ Id: 'x', Status: 'ABORTED' }];

    await expect(handle(cfnEvent(TYPE, 'Create', PROPS))).rejects.toThrow(
      /^CREATE IDENTITY PROVIDER "corp-idc" on cluster analytics database dev aborted: no error message/);
    expect(data.commandCalls(DescribeStatementCommand).filter(call => call.args[0].input.Id === 'stmt-1')).toHaveLength(1);
  });

  test('a result without records means no provider', async () => {
    data.on(GetStatementResultCommand).resolves({});

    await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(sqlRun()).toEqual([SELECT, CREATE]);
  });

  test('recognizes our application anywhere in nested params JSON', async () => {
    existing(JSON.stringify({ connection: { application: { arn: APP } } }));

    await handle(cfnEvent(TYPE, 'Create', PROPS));

    expect(sqlRun()).toEqual([SELECT, expect.stringMatching(/^ALTER IDENTITY PROVIDER "corp-idc"/)]);
  });

  test('a missing cluster is recognized only from a ValidationException that says so', async () => {
    executeErrors = [Object.assign(new Error('Cluster analytics not found.'), { name: 'ResourceNotFoundException' })];

    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: PHYSICAL_ID }))).rejects.toThrow(/ResourceNotFoundException: Cluster analytics not found/);
  });

  test('an update to another database is a new provider with a new physical id', async () => {
    const response = await handle(cfnEvent(TYPE, 'Update', { ...PROPS, Database: 'sales' }, { old: PROPS, physicalResourceId: PHYSICAL_ID }));

    expect(response.PhysicalResourceId).toBe('analytics/sales/corp-idc');
  });

  test('a delete answers with the physical id CloudFormation sent', async () => {
    await expect(handle(cfnEvent(TYPE, 'Delete', PROPS, { physicalResourceId: 'created-before' }))).resolves.toEqual({ PhysicalResourceId: 'created-before' });
  });
});
