import { AsyncLocalStorage } from 'async_hooks';

/**
 * One way to call AWS from the handler: bounded retries with exponential backoff and full
 * jitter for throttling, conflicts and server errors, and failures rewritten into a message
 * that names the call and the resource, which CloudFormation shows to the user.
 *
 * The SDK clients are created with `maxAttempts: 1` so this is the only retry mechanism.
 */

const RETRYABLE = new Set([
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'ConflictException',
  'ConcurrentModificationException',
  'InternalServerException',
  'InternalServiceException',
  'InternalFailureException',
  'OperationTimeoutException',
  'ServiceUnavailableException',
]);

const NOT_FOUND = new Set(['ResourceNotFoundException', 'EntityNotFoundException']);

/**
 * A function returning one client of `Client` per Lambda container, created on first use with
 * `maxAttempts: 1` (retries are sdkCall's job).
 */
export function lazyClient<T>(Client: new (config: { maxAttempts: number }) => T): () => T {
  let client: T | undefined;
  return () => client ??= new Client({ maxAttempts: 1 });
}

/**
 * The abort signal of the event a call works for, set by the handler around its work: once
 * aborted (the handler has reported a timeout to CloudFormation), that event starts no new
 * call, even if the container has moved on to another event.
 */
export const eventSignal = new AsyncLocalStorage<AbortSignal>();

export const retryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
};

export interface SdkCallDescription {
  /** The API operation, for example `PutApplicationGrant`. */
  readonly operation: string;
  /** What the call is about, for example `grant urn:ietf:params:oauth:grant-type:jwt-bearer`. */
  readonly subject: string;
  /** The resource the call acts on, for example an application ARN. */
  readonly resource: string;
}

export function isNotFound(error: unknown): boolean {
  return NOT_FOUND.has(errorName(error));
}

/** Runs `call`, retrying retryable errors, and rethrows anything else as an actionable error. */
export async function sdkCall<T>(description: SdkCallDescription, call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (eventSignal.getStore()?.aborted) {
      throw new Error(`${description.operation} (${description.subject}) on ${description.resource} was not started: the handler ran out of time`);
    }
    try {
      return await call();
    } catch (error) {
      if (isRetryable(error) && attempt < retryPolicy.maxAttempts) {
        const ceiling = Math.min(retryPolicy.maxDelayMs, retryPolicy.baseDelayMs * 2 ** (attempt - 1));
        await sleep(Math.random() * ceiling);
        continue;
      }
      throw new SdkCallError(description, error, attempt);
    }
  }
}

/**
 * Runs `create` for a resource under a new physical id, then `report`; if `report` fails, undoes
 * the create (best effort) before failing: CloudFormation keeps the old physical id after a
 * failed update, so it would never delete what was created.
 */
export async function createThenReport<T>(create: () => Promise<void>, report: () => Promise<T>, undo: () => Promise<void>): Promise<T> {
  await create();
  try {
    return await report();
  } catch (error) {
    await undo().catch(cleanup => console.log(JSON.stringify({ CleanupFailed: String(cleanup) })));
    throw error;
  }
}

/** Like sdkCall, for deletes: a resource that is already gone counts as deleted. */
export async function sdkDelete(description: SdkCallDescription, call: () => Promise<unknown>): Promise<void> {
  try {
    await sdkCall(description, call);
  } catch (error) {
    if (!(error instanceof SdkCallError && isNotFound(error.cause))) throw error;
  }
}

/** An SDK call that failed for good. */
export class SdkCallError extends Error {
  public readonly cause: unknown;

  constructor(description: SdkCallDescription, cause: unknown, attempts: number) {
    const name = errorName(cause);
    const detail = cause instanceof Error ? cause.message : String(cause);
    const retried = attempts > 1 ? ` after ${attempts} attempts` : '';
    super(`${description.operation} (${description.subject}) on ${description.resource} failed${retried}: `
      + `${name}: ${detail}${hint(name, description.operation)}`);
    this.name = 'SdkCallError';
    this.cause = cause;
  }
}

function hint(name: string, operation: string): string {
  switch (name) {
    case 'AccessDeniedException':
      return ` (the handler role may not call ${operation} on this resource: check its policy and any service control policy or permissions boundary)`;
    case 'ValidationException':
      return ' (AWS rejected a value the construct passed; correct the construct property named above and deploy again)';
    case 'ResourceNotFoundException':
    case 'EntityNotFoundException':
      return ' (the resource does not exist in this account and region, or the Identity Center instance is in another region)';
    default:
      return isRetryable({ name }) ? ' (AWS kept refusing the call; deploy again later)' : '';
  }
}

function isRetryable(error: unknown): boolean {
  if (RETRYABLE.has(errorName(error))) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

function errorName(error: unknown): string {
  return (error as { name?: string })?.name ?? 'Error';
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
