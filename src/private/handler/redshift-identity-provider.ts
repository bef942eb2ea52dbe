import { DescribeStatementCommand, DescribeStatementCommandOutput, ExecuteStatementCommand, GetStatementResultCommand, RedshiftDataClient, SqlParameter } from '@aws-sdk/client-redshift-data';
import { requiredString } from './properties';
import { lazyClient, sdkCall, SdkCallError } from './sdk-call';
import type { CustomResourceResponse, ResourceEvent } from './types';
import type { REDSHIFT_IDENTITY_PROVIDER, RedshiftIdentityProviderProperties } from '../contracts/redshift-identity-provider';
import type { Wire } from '../contracts/wire';

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

/*
 * Statements, by event (each runs through `run`: ExecuteStatement, then DescribeStatement until it ends):
 * - Create and Update: READ; then CREATE if there is no provider, ALTER if it is bound to our
 *   application, DROP CASCADE and CREATE if it is bound to the application it had before the
 *   update (ALTER cannot change it), else fail (foreign).
 * - Delete: READ; DROP CASCADE only if it is bound to our application.
 */
export async function onRedshiftIdentityProviderEvent(event: ResourceEvent<typeof REDSHIFT_IDENTITY_PROVIDER>): Promise<CustomResourceResponse> {
  const desired = parse(event.ResourceProperties);
  const physicalResourceId = physicalId(desired);
  switch (event.RequestType) {
    case 'Create':
      await converge(desired);
      return { PhysicalResourceId: physicalResourceId };
    case 'Update': {
      const previous = parse(event.OldResourceProperties ?? {});
      if (!sameProvider(previous, desired)) {
        // Another cluster, database or name is a new provider (CloudFormation then deletes the
        // old one).
        await converge(desired);
        return { PhysicalResourceId: physicalResourceId };
      }
      await converge(desired, previous.applicationArn);
      // The same provider keeps its physical id, even when only the case of its name changed:
      // a new id would make CloudFormation delete the old one, which is this one.
      return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };
    }
    case 'Delete':
      await remove(desired);
      return { PhysicalResourceId: event.PhysicalResourceId ?? physicalResourceId };
  }
}

/**
 * Creates the provider, or converges one that is already ours (a retry, or a rollback to a
 * provider CloudFormation never dropped) with ALTER. ALTER cannot change APPLICATION_ARN, so a
 * provider still bound to `replacedApplicationArn` (the application before an update) is dropped
 * and created again. Never adopts a provider bound to any other application: adopting it would
 * report success for a provider that serves someone else, and a later Delete would drop it.
 */
async function converge(desired: IdentityProvider, replacedApplicationArn?: string): Promise<void> {
  const params = await readParams(desired);
  if (params === undefined) {
    await createNew(desired);
  } else if (boundTo(params, desired.applicationArn)) {
    await alter(desired);
  } else if (replacedApplicationArn && boundTo(params, replacedApplicationArn)) {
    await drop(desired);
    await createNew(desired);
  } else {
    throw foreign(desired);
  }
}

/** Drops the provider if it is ours; one that is gone, or not ours, is left as it is. */
async function remove(provider: IdentityProvider): Promise<void> {
  let params: string[] | undefined;
  try {
    params = await readParams(provider);
  } catch (error) {
    if (clusterGone(error)) return;
    throw error;
  }
  if (params === undefined) return;
  if (!boundTo(params, provider.applicationArn)) {
    console.log(JSON.stringify({
      LeftAlone: `identity provider ${identifier(provider.name)} on ${where(provider)} is bound to another application than `
        + `${provider.applicationArn}: it is not ours, so it was not dropped`,
    }));
    return;
  }
  try {
    await drop(provider);
  } catch (error) {
    // Gone between the read and the drop: deleting it again is success.
    if (!(providerGone(error) || clusterGone(error))) throw error;
  }
}

async function createNew(provider: IdentityProvider): Promise<void> {
  try {
    const subject = `CREATE IDENTITY PROVIDER ${identifier(provider.name)}`;
    await run(provider, subject, `${subject} TYPE AWSIDC`
      + ` NAMESPACE ${literal(provider.namespace)} APPLICATION_ARN ${literal(provider.applicationArn)} IAM_ROLE ${literal(provider.iamRoleArn)}`);
  } catch (error) {
    // Created by someone else since the read: not ours, whatever it is bound to.
    if (error instanceof StatementError && /already exists/i.test(error.redshiftError)) throw foreign(provider);
    throw error;
  }
}

async function alter(provider: IdentityProvider): Promise<void> {
  const subject = `ALTER IDENTITY PROVIDER ${identifier(provider.name)}`;
  await run(provider, subject, `${subject} NAMESPACE ${literal(provider.namespace)} IAM_ROLE ${literal(provider.iamRoleArn)}`);
}

/**
 * DROP IDENTITY PROVIDER name [ CASCADE ]: CASCADE "Deletes users and roles attached to the
 * identity provider, when it is deleted"
 * (https://docs.aws.amazon.com/redshift/latest/dg/r_DROP_IDENTITY_PROVIDER.html). Without it the
 * drop fails as soon as Identity Center users or `<namespace>:<group>` roles exist, which they do
 * after any real use; they cannot sign in without the provider anyway. Their grants go with them
 * (the README tells users to script their grants).
 */
async function drop(provider: IdentityProvider): Promise<void> {
  const subject = `DROP IDENTITY PROVIDER ${identifier(provider.name)}`;
  await run(provider, subject, `${subject} CASCADE`);
}

/**
 * The instanceid and params texts of the provider named `provider.name`, or undefined if there
 * is none.
 *
 * SVV_IDENTITY_PROVIDERS (https://docs.aws.amazon.com/redshift/latest/dg/r_SVV_IDENTITY_PROVIDERS.html)
 * has the columns uid, name, type, instanceid, namespc, params and enabled, and is visible only to
 * superusers (the admin secret is one). Assumption: an AWSIDC provider names its application ARN
 * in instanceid or in the params JSON; the page documents both only for Azure. A provider that
 * names our ARN in neither is treated as another application's, so the handler never adopts or
 * drops one by accident. Redshift folds identifiers to lower case unless
 * enable_case_sensitive_identifier is on, so names compare without case.
 */
async function readParams(provider: IdentityProvider): Promise<string[] | undefined> {
  const subject = `SELECT FROM svv_identity_providers (identity provider ${identifier(provider.name)})`;
  const statement = await run(provider, subject, 'SELECT instanceid, params FROM svv_identity_providers WHERE lower(name) = lower(:name)',
    [{ name: 'name', value: provider.name }]);
  // A SELECT always has a result set, empty or not; without one there is nothing to read.
  if (!statement.HasResultSet) {
    throw new Error(`${subject} on ${where(provider)} finished without a result set (statement ${statement.Id})`);
  }
  const result = await sdkCall({ operation: 'GetStatementResult', subject, resource: where(provider) }, () =>
    data().send(new GetStatementResultCommand({ Id: statement.Id })));
  const record = result.Records?.[0];
  if (!record) return undefined;
  return record.map(field => field.stringValue ?? '');
}

/** Whether `texts` name `applicationArn`, as a whole value rather than as part of a longer one. */
function boundTo(texts: string[], applicationArn: string): boolean {
  const escaped = applicationArn.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const whole = new RegExp(`(?<![\\w:/.-])${escaped}(?![\\w:/.-])`);
  return texts.flatMap(stringsOf).some(value => whole.test(value));
}

/** The string values of a JSON text (so escapes such as `\/` are undone), or the text itself. */
function stringsOf(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [text];
  }
  const found: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(parsed);
  return found;
}

function foreign(provider: IdentityProvider): Error {
  return new Error(`Identity provider ${identifier(provider.name)} on ${where(provider)} is bound to another application than `
    + `${provider.applicationArn}: it was not created by this stack, so it is left alone. Choose another identityProviderName, `
    + `or drop that provider (DROP IDENTITY PROVIDER ${identifier(provider.name)}) if nothing uses it, and deploy again.`);
}

/*
 * What counts as "already gone". Narrow on purpose: anything else fails the Delete rather than
 * leaving CloudFormation to think a provider it still has was dropped.
 * - The provider: the Redshift error of DROP IDENTITY PROVIDER for a missing provider is not
 *   documented; the pattern assumes PostgreSQL's form `<object> "<name>" does not exist` (as in
 *   `role "x" does not exist`). The one documented text found, "AWS IdC identity provider does
 *   not exist" (https://docs.aws.amazon.com/redshift/latest/mgmt/identity-center-auth-errors.html),
 *   is a connection error, not a DROP's, and does not match. Only Redshift's own error text is
 *   tested, never the message around it (which names the statement).
 * - The cluster: the Data API's text for a deleted cluster is not documented either. Redshift's
 *   own API reports one as ClusterNotFound, "Cluster <id> not found." (aws-sdk-js and aws-sdk-ruby
 *   integration features, DescribeClusters on fake-cluster); the Data API is assumed to relay it
 *   as a ValidationException. Its "Redshift endpoint doesn't exist in this region." (seen in
 *   https://github.com/aws/aws-cdk/issues/30536) is not matched: it also means a wrong region.
 */
function providerGone(error: unknown): boolean {
  return error instanceof StatementError && /identity provider .* does not exist/i.test(error.redshiftError);
}

function clusterGone(error: unknown): boolean {
  if (!(error instanceof SdkCallError)) return false;
  const cause = error.cause as { name?: string; message?: string } | undefined;
  return cause?.name === 'ValidationException' && /cluster .*not found|ClusterNotFound/i.test(cause.message ?? '');
}

/** A statement that Redshift ran and that failed or was aborted, with Redshift's error. */
class StatementError extends Error {
  constructor(message: string, public readonly redshiftError: string) {
    super(message);
    this.name = 'StatementError';
  }
}

/**
 * Runs one statement, `sql` with the Data API `parameters` it refers to as `:name`, and waits for
 * it to finish, returning how it finished; a failed statement throws with its error. `subject`
 * names the statement in messages.
 */
async function run(provider: IdentityProvider, subject: string, sql: string, parameters?: SqlParameter[]): Promise<DescribeStatementCommandOutput> {
  const resource = where(provider);
  const { Id } = await sdkCall({ operation: 'ExecuteStatement', subject, resource }, () =>
    data().send(new ExecuteStatementCommand({
      ClusterIdentifier: provider.clusterIdentifier,
      Database: provider.database,
      SecretArn: provider.secretArn,
      Sql: sql,
      ...(parameters ? { Parameters: parameters } : {}),
    })));
  const deadline = Date.now() + statementPolicy.timeoutMs;
  for (;;) {
    const statement = await sdkCall({ operation: 'DescribeStatement', subject, resource }, () =>
      data().send(new DescribeStatementCommand({ Id })));
    if (statement.Status === 'FINISHED') return { ...statement, Id };
    if (statement.Status === 'FAILED' || statement.Status === 'ABORTED') {
      const error = statement.Error ?? 'no error message';
      throw new StatementError(`${subject} on ${resource} ${statement.Status.toLowerCase()}: ${error}`, error);
    }
    if (Date.now() > deadline) {
      throw new Error(`${subject} on ${resource} did not finish within ${statementPolicy.timeoutMs / 1000} seconds (statement ${Id} is ${statement.Status})`);
    }
    await new Promise(resolve => setTimeout(resolve, statementPolicy.pollIntervalMs));
  }
}

function where(provider: IdentityProvider): string {
  return `cluster ${provider.clusterIdentifier} database ${provider.database}`;
}

/** Whether both name one provider: Redshift folds identifiers to lower case (dg/r_names.html). */
function sameProvider(a: IdentityProvider, b: IdentityProvider): boolean {
  return a.clusterIdentifier === b.clusterIdentifier && a.database === b.database && a.name.toLowerCase() === b.name.toLowerCase();
}

function physicalId(provider: IdentityProvider): string {
  return `${provider.clusterIdentifier}/${provider.database}/${provider.name}`;
}

/** A double-quoted SQL identifier. */
function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * A single-quoted SQL string literal. Redshift reads a backslash in a string literal as an escape
 * character, so backslashes are doubled as well as single quotes, as Redshift's own QUOTE_LITERAL
 * does ("Appropriately doubles any embedded single quotation marks and backslashes",
 * https://docs.aws.amazon.com/redshift/latest/dg/r_QUOTE_LITERAL.html).
 */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

function parse(properties: Partial<Wire<RedshiftIdentityProviderProperties>>): IdentityProvider {
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
