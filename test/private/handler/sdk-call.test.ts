import { QuickSightClient } from '@aws-sdk/client-quicksight';
import {
  createThenReport,
  eventSignal,
  isNotFound,
  lazyClient,
  retryPolicy,
  sdkCall,
  SdkCallError,
  sdkDelete,
} from '../../../src/private/handler/sdk-call';

const DESCRIPTION = { operation: 'PutApplicationGrant', subject: 'grant refresh_token', resource: 'arn:aws:sso::111122223333:application/app' };
const PREFIX = 'PutApplicationGrant (grant refresh_token) on arn:aws:sso::111122223333:application/app failed';

/** An error as the SDK throws it: a name and, for service errors, the HTTP status. */
function awsError(name: string, httpStatusCode?: number, message = 'the service said no'): Error {
  return Object.assign(new Error(message), { name }, httpStatusCode === undefined ? {} : { $metadata: { httpStatusCode } });
}

/** A call that fails with `errors`, one per attempt, then returns 'done'; it records when it was made. */
function failing(...errors: unknown[]) {
  const startedAt: number[] = [];
  const call = jest.fn(async () => {
    startedAt.push(Date.now());
    if (errors.length > 0) throw errors.shift();
    return 'done';
  });
  return { call, startedAt };
}

/** The outcome of `promise` once every timer has run, without an unhandled rejection meanwhile; fails at once if it never settles. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: any }> {
  let outcome: { value?: T; error?: any } | undefined;
  void promise.then(value => { outcome = { value }; }, error => { outcome = { error }; });
  await jest.runAllTimersAsync();
  // No timer is left and nothing waits for I/O: a promise still pending now never settles.
  if (outcome === undefined) throw new Error('still pending once every timer has run');
  return outcome;
}

beforeEach(() => {
  jest.useFakeTimers();
  jest.spyOn(Math, 'random').mockReturnValue(0.5);
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('sdkCall', () => {
  test('returns what the call returns, at once and without retrying', async () => {
    const { call } = failing();

    await expect(sdkCall(DESCRIPTION, call)).resolves.toBe('done');

    expect(call).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('retries throttling with exponential backoff and full jitter', async () => {
    const { call, startedAt } = failing(...Array.from({ length: 5 }, () => awsError('ThrottlingException', 400)));
    const start = Date.now();

    const outcome = await settle(sdkCall(DESCRIPTION, call));

    expect(outcome.value).toBe('done');
    // Math.random() is 0.5, so each delay is half its ceiling min(8000, 500 * 2^(attempt - 1)).
    const delays = startedAt.map((at, i) => at - (i === 0 ? start : startedAt[i - 1]));
    expect(delays).toEqual([0, 250, 500, 1000, 2000, 4000]);
  });

  test('waits a random fraction of the ceiling (full jitter), not the ceiling itself', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0.1);
    const { call, startedAt } = failing(awsError('ThrottlingException'), awsError('ThrottlingException'));
    const start = Date.now();

    await settle(sdkCall(DESCRIPTION, call));

    expect(startedAt.map(at => at - start)).toEqual([0, 50, 150]);
  });

  test('caps the backoff ceiling at maxDelayMs', async () => {
    const saved = retryPolicy.maxAttempts;
    retryPolicy.maxAttempts = 8;
    try {
      jest.spyOn(Math, 'random').mockReturnValue(0.75);
      const { call, startedAt } = failing(...Array.from({ length: 7 }, () => awsError('ThrottlingException')));

      await settle(sdkCall(DESCRIPTION, call));

      const delays = startedAt.slice(1).map((at, i) => at - startedAt[i]);
      expect(delays).toEqual([375, 750, 1500, 3000, 6000, 6000, 6000]);
    } finally {
      retryPolicy.maxAttempts = saved;
    }
  });

  test.each([
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
  ])('retries %s, even with a 4xx status', async name => {
    const { call } = failing(awsError(name, 400));

    const outcome = await settle(sdkCall(DESCRIPTION, call));

    expect(outcome.value).toBe('done');
    expect(call).toHaveBeenCalledTimes(2);
  });

  test.each([500, 503])('retries a server error (HTTP %d) whatever its name', async status => {
    const { call } = failing(awsError('UnknownError', status));

    const outcome = await settle(sdkCall(DESCRIPTION, call));

    expect(outcome.value).toBe('done');
    expect(call).toHaveBeenCalledTimes(2);
  });

  test.each([
    ['ValidationException', 400],
    ['UnknownError', 499],
    ['UnknownError', undefined],
  ])('does not retry %s with HTTP status %s', async (name, status) => {
    const { call } = failing(awsError(name, status));

    const outcome = await settle(sdkCall(DESCRIPTION, call));

    expect(outcome.error).toBeInstanceOf(SdkCallError);
    expect(call).toHaveBeenCalledTimes(1);
  });

  test('gives up after maxAttempts (6) and says how many attempts it made', async () => {
    const { call } = failing(...Array.from({ length: 10 }, () => awsError('ThrottlingException', 400, 'Rate exceeded')));

    const { error } = await settle(sdkCall(DESCRIPTION, call));

    expect(call).toHaveBeenCalledTimes(6);
    expect(error.message).toBe(`${PREFIX} after 6 attempts: ThrottlingException: Rate exceeded (AWS kept refusing the call; deploy again later)`);
  });

  test('a server error that is retried and still fails names the attempts but gives no hint for an unknown name', async () => {
    const { call } = failing(...Array.from({ length: 6 }, () => awsError('UnknownError', 500, 'oops')));

    const { error } = await settle(sdkCall(DESCRIPTION, call));

    expect(error.message).toBe(`${PREFIX} after 6 attempts: UnknownError: oops`);
  });

  test.each([
    ['AccessDeniedException', ' (the handler role may not call PutApplicationGrant on this resource: check its policy and any service control policy or permissions boundary)'],
    ['ValidationException', ' (AWS rejected a value the construct passed; correct the construct property named above and deploy again)'],
    ['ResourceNotFoundException', ' (the resource does not exist in this account and region, or the Identity Center instance is in another region)'],
    ['EntityNotFoundException', ' (the resource does not exist in this account and region, or the Identity Center instance is in another region)'],
    ['SomethingElseException', ''],
  ])('a failure at the first attempt names the call, the resource and the error %s, with its hint', async (name, hint) => {
    const { call } = failing(awsError(name, 400, 'details'));

    const { error } = await settle(sdkCall(DESCRIPTION, call));

    expect(error.message).toBe(`${PREFIX}: ${name}: details${hint}`);
  });

  test('a failure keeps the original error as its cause', async () => {
    const original = awsError('AccessDeniedException', 403);

    const { error } = await settle(sdkCall(DESCRIPTION, failing(original).call));

    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('SdkCallError');
    expect(error.cause).toBe(original);
  });

  test.each([
    ['a string', 'boom', 'Error: boom'],
    ['undefined', undefined, 'Error: undefined'],
    ['null', null, 'Error: null'],
  ])('a call that rejects with %s fails at once with a readable message', async (_, cause, text) => {
    const { call } = failing(cause);

    const { error } = await settle(sdkCall(DESCRIPTION, call));

    expect(error.message).toBe(`${PREFIX}: ${text}`);
    expect(call).toHaveBeenCalledTimes(1);
  });

  test('after the event\'s abort signal fires, starts no call', async () => {
    const stop = new AbortController();
    stop.abort();
    const { call } = failing();

    const { error } = await settle(eventSignal.run(stop.signal, () => sdkCall(DESCRIPTION, call)));

    expect(call).not.toHaveBeenCalled();
    expect(error.message).toBe('PutApplicationGrant (grant refresh_token) on arn:aws:sso::111122223333:application/app was not started: the handler ran out of time');
  });

  test('a signal that fires during the backoff stops the retries', async () => {
    const stop = new AbortController();
    const { call } = failing(awsError('ThrottlingException'), awsError('ThrottlingException'));

    const calling = eventSignal.run(stop.signal, () => sdkCall(DESCRIPTION, call));
    await jest.advanceTimersByTimeAsync(100);
    stop.abort();
    const { error } = await settle(calling);

    expect(call).toHaveBeenCalledTimes(1);
    expect(error.message).toMatch(/was not started: the handler ran out of time$/);
  });

  test('calls go ahead under a signal that has not fired', async () => {
    const { call } = failing();

    await expect(eventSignal.run(new AbortController().signal, () => sdkCall(DESCRIPTION, call))).resolves.toBe('done');
  });
});

describe('isNotFound', () => {
  test.each([
    ['ResourceNotFoundException', true],
    ['EntityNotFoundException', true],
    ['AccessDeniedException', false],
  ])('%s counts as not found: %s', (name, expected) => {
    expect(isNotFound(awsError(name))).toBe(expected);
  });

  test('anything without a name is not a not-found error', () => {
    expect(isNotFound(undefined)).toBe(false);
    expect(isNotFound('ResourceNotFoundException')).toBe(false);
  });
});

describe('sdkDelete', () => {
  test.each(['ResourceNotFoundException', 'EntityNotFoundException'])('treats %s as already deleted', async name => {
    const { call } = failing(awsError(name, 400));

    const outcome = await settle(sdkDelete(DESCRIPTION, call));

    expect(outcome).toEqual({ value: undefined });
    expect(call).toHaveBeenCalledTimes(1);
  });

  test('rethrows any other failure as an SdkCallError', async () => {
    const { call } = failing(awsError('AccessDeniedException', 403, 'denied'));

    const { error } = await settle(sdkDelete(DESCRIPTION, call));

    expect(error).toBeInstanceOf(SdkCallError);
    expect(error.message).toMatch(`${PREFIX}: AccessDeniedException: denied`);
  });

  test('rethrows the out-of-time error of an aborted event', async () => {
    const stop = new AbortController();
    stop.abort();

    const { error } = await settle(eventSignal.run(stop.signal, () => sdkDelete(DESCRIPTION, failing().call)));

    expect(error.message).toMatch(/was not started/);
  });

  test('retries like sdkCall, then succeeds', async () => {
    const { call } = failing(awsError('ConflictException'));

    const outcome = await settle(sdkDelete(DESCRIPTION, call));

    expect(outcome.error).toBeUndefined();
    expect(call).toHaveBeenCalledTimes(2);
  });
});

describe('createThenReport', () => {
  test('creates, then reports, and undoes nothing when the report succeeds', async () => {
    const order: string[] = [];
    const undo = jest.fn(async () => undefined);

    const result = await createThenReport(async () => { order.push('create'); }, async () => { order.push('report'); return 'reported'; }, undo);

    expect(result).toBe('reported');
    expect(order).toEqual(['create', 'report']);
    expect(undo).not.toHaveBeenCalled();
  });

  test('undoes the create when the report fails, and fails with the report\'s error', async () => {
    const undo = jest.fn(async () => undefined);

    await expect(createThenReport(async () => undefined, async () => { throw new Error('cannot read back'); }, undo)).rejects.toThrow('cannot read back');
    expect(undo).toHaveBeenCalledTimes(1);
  });

  test('a failing undo is logged and the report\'s error still wins', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);

    await expect(createThenReport(async () => undefined, async () => { throw new Error('cannot read back'); },
      async () => { throw new Error('cannot undo'); })).rejects.toThrow('cannot read back');
    expect(log).toHaveBeenCalledWith(JSON.stringify({ CleanupFailed: 'Error: cannot undo' }));
  });

  test('a failed create neither reports nor undoes', async () => {
    const report = jest.fn(async () => 'reported');
    const undo = jest.fn(async () => undefined);

    await expect(createThenReport(async () => { throw new Error('cannot create'); }, report, undo)).rejects.toThrow('cannot create');
    expect(report).not.toHaveBeenCalled();
    expect(undo).not.toHaveBeenCalled();
  });
});

describe('lazyClient', () => {
  test('creates the client with maxAttempts 1, so sdkCall is the only retry mechanism', async () => {
    const quicksight = lazyClient(QuickSightClient);

    await expect(quicksight().config.maxAttempts()).resolves.toBe(1);
  });

  test('creates one client, on first use', () => {
    const created: unknown[] = [];
    class Client { constructor(config: { maxAttempts: number }) { created.push(config); } }

    const client = lazyClient(Client);
    expect(created).toEqual([]);
    const first = client();

    expect(client()).toBe(first);
    expect(created).toEqual([{ maxAttempts: 1 }]);
  });
});
