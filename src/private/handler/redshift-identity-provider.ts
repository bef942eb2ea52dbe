import { DescribeStatementCommand, ExecuteStatementCommand, RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import { requiredString } from './properties';
import { lazyClient, sdkCall } from './sdk-call';
import type { CustomResourceEvent, CustomResourceResponse } from './types';

/** How the handler waits for a Data API statement; tests shorten the interval. */
export const statementPolicy = {
  pollIntervalMs: 1_000,
  // Below the handler's 5-minute Lambda timeout, so a slow statement fails with a message.
  timeoutMs: 240_000,
};

interface IdentityProvider {
  readonly clusterIdentifier: string;
  readonly database: string;
  readonly secretArn: string;
  readonly name: string;
  readonly namespace: string;
  readonly applicationArn: string;
  readonly iamRoleArn: string;
}

const data = lazyClient(RedshiftDataClient);

export async function onRedshiftIdentityProviderEvent(event: CustomResourceEvent): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  const physicalResourceId = `${desired.clusterIdentifier}/${desired.database}/${desired.name}`;
  switch (event.RequestType) {
    case 'Create':
      await create(desired);
      return { PhysicalResourceId: physicalResourceId };
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      if (physicalId(previous) !== physicalResourceId) {
        // Another cluster, database or name: a new provider; CloudFormation drops the old one.
        await create(desired);
      } else if (previous.applicationArn !== desired.applicationArn) {
        // ALTER cannot change the application, so the provider is recreated in place.
        await drop(desired);
        await create(desired);
      } else {
        await alter(desired);
      }
      return { PhysicalResourceId: physicalResourceId };
    }
    case 'Delete':
      await drop(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };
  }
}

async function create(provider: IdentityProvider): Promise<void> {
  try {
    await run(provider, `CREATE IDENTITY PROVIDER ${identifier(provider.name)}`, ' TYPE AWSIDC'
      + ` NAMESPACE ${literal(provider.namespace)} APPLICATION_ARN ${literal(provider.applicationArn)} IAM_ROLE ${literal(provider.iamRoleArn)}`);
  } catch (error) {
    // A create that already happened (a retry, or a rollback to this provider, which
    // CloudFormation never dropped) converges by altering it to the wanted settings.
    if (!/already exists/i.test(String((error as Error).message))) throw error;
    await alter(provider);
  }
}

async function alter(provider: IdentityProvider): Promise<void> {
  await run(provider, `ALTER IDENTITY PROVIDER ${identifier(provider.name)}`,
    ` NAMESPACE ${literal(provider.namespace)} IAM_ROLE ${literal(provider.iamRoleArn)}`);
}

async function drop(provider: IdentityProvider): Promise<void> {
  try {
    await run(provider, `DROP IDENTITY PROVIDER ${identifier(provider.name)}`, '');
  } catch (error) {
    // Gone already (or its cluster is): deleting it again is success.
    if (!/does not exist|not found|ClusterNotFound/i.test(String((error as Error).message))) throw error;
  }
}

/**
 * Runs one statement, `subject` + `rest`, and waits for it to finish; a failed statement throws
 * with its error. `subject` names the statement in messages.
 */
async function run(provider: IdentityProvider, subject: string, rest: string): Promise<void> {
  const sql = subject + rest;
  const resource = `cluster ${provider.clusterIdentifier} database ${provider.database}`;
  const { Id } = await sdkCall({ operation: 'ExecuteStatement', subject, resource }, () =>
    data().send(new ExecuteStatementCommand({
      ClusterIdentifier: provider.clusterIdentifier,
      Database: provider.database,
      SecretArn: provider.secretArn,
      Sql: sql,
    })));
  const deadline = Date.now() + statementPolicy.timeoutMs;
  for (;;) {
    const statement = await sdkCall({ operation: 'DescribeStatement', subject, resource }, () =>
      data().send(new DescribeStatementCommand({ Id })));
    if (statement.Status === 'FINISHED') return;
    if (statement.Status === 'FAILED' || statement.Status === 'ABORTED') {
      throw new Error(`${subject} on ${resource} ${statement.Status.toLowerCase()}: ${statement.Error ?? 'no error message'}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${subject} on ${resource} did not finish within ${statementPolicy.timeoutMs / 1000} seconds (statement ${Id} is ${statement.Status})`);
    }
    await new Promise(resolve => setTimeout(resolve, statementPolicy.pollIntervalMs));
  }
}

function physicalId(provider: IdentityProvider): string {
  return `${provider.clusterIdentifier}/${provider.database}/${provider.name}`;
}

/** A double-quoted SQL identifier. */
function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A single-quoted SQL string literal. */
function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function parse(properties: Record<string, any>): IdentityProvider {
  return {
    clusterIdentifier: requiredString(properties, 'ClusterIdentifier'),
    database: requiredString(properties, 'Database'),
    secretArn: requiredString(properties, 'SecretArn'),
    name: requiredString(properties, 'IdentityProviderName'),
    namespace: requiredString(properties, 'Namespace'),
    applicationArn: requiredString(properties, 'ApplicationArn'),
    iamRoleArn: requiredString(properties, 'IamRoleArn'),
  };
}
