import { EventEmitter } from 'events';
// Default imports are the modules themselves, so jest.spyOn replaces what cfn-response.ts calls.
import http from 'http';
import https from 'https';
import { cfnEvent } from './events';
import { CfnResponse, sendResponse } from '../../../src/private/handler/cfn-response';

/** How the fake CloudFormation endpoint treats one PUT: an HTTP status, a connection error, or no answer. */
type Answer = number | 'connection-error' | 'no-answer';

/** A PUT as the handler made it. */
interface Put {
  readonly transport: 'http' | 'https';
  readonly options: any;
  readonly at: number;
  body?: string;
  timeoutMs?: number;
}

let puts: Put[];
let answers: Answer[];

/** A stand-in for http(s).request: records the request and answers it as `answers` says. */
function fakeRequest(transport: 'http' | 'https') {
  return ((options: any, onResponse: (res: any) => void) => {
    const put: Put = { transport, options, at: Date.now() };
    puts.push(put);
    const answer = answers.shift() ?? 200;
    const request = new EventEmitter() as any;
    request.setTimeout = (ms: number, onTimeout: () => void) => {
      put.timeoutMs = ms;
      setTimeout(onTimeout, ms);
      return request;
    };
    request.destroy = (error: Error) => {
      request.emit('error', error);
      return request;
    };
    request.end = (body: string) => {
      put.body = body;
      void Promise.resolve().then(() => {
        if (answer === 'connection-error') {
          request.emit('error', new Error('connect ECONNREFUSED'));
        } else if (typeof answer === 'number') {
          const res = new EventEmitter() as any;
          res.statusCode = answer;
          res.resume = () => res;
          onResponse(res);
          void Promise.resolve().then(() => res.emit('end'));
        }
      });
    };
    return request;
  }) as any;
}

const RESPONSE_URL = 'https://cloudformation-custom-resource-response-useast1.s3.amazonaws.com/arn%3Aaws%3Acloudformation/request?X-Amz-Signature=abc';
const EVENT = { ...cfnEvent('Custom::QuickSightIdentityPropagation', 'Create', {}), ResponseURL: RESPONSE_URL };
const SUCCESS: CfnResponse = { Status: 'SUCCESS', PhysicalResourceId: 'id', Data: { Arn: 'arn' } };

/** The outcome of `promise` once every timer has run, without an unhandled rejection meanwhile; fails at once if it never settles. */
async function settle(promise: Promise<void>): Promise<{ error?: any }> {
  let outcome: { error?: any } | undefined;
  void promise.then(() => { outcome = {}; }, error => { outcome = { error }; });
  await jest.runAllTimersAsync();
  // No timer is left and the fake endpoint answers without I/O: a promise still pending now never settles.
  if (outcome === undefined) throw new Error('still pending once every timer has run');
  return outcome;
}

/** The Reason CloudFormation receives for a failure with `reason`. */
async function reasonSent(reason: string): Promise<string> {
  await settle(sendResponse(EVENT, { Status: 'FAILED', PhysicalResourceId: 'id', Reason: reason }));
  return JSON.parse(puts[0].body!).Reason;
}

beforeEach(() => {
  jest.useFakeTimers();
  puts = [];
  answers = [];
  jest.spyOn(https, 'request').mockImplementation(fakeRequest('https'));
  jest.spyOn(http, 'request').mockImplementation(fakeRequest('http'));
});
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('sendResponse', () => {
  test('PUTs the response over https to port 443 of the pre-signed URL, with an empty content type', async () => {
    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(error).toBeUndefined();
    expect(puts).toHaveLength(1);
    const body = puts[0].body!;
    expect(puts[0]).toMatchObject({
      transport: 'https',
      options: {
        hostname: 'cloudformation-custom-resource-response-useast1.s3.amazonaws.com',
        port: 443,
        path: '/arn%3Aaws%3Acloudformation/request?X-Amz-Signature=abc',
        method: 'PUT',
        headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
      },
    });
    expect(JSON.parse(body)).toEqual({
      Status: 'SUCCESS',
      PhysicalResourceId: 'id',
      StackId: 'arn:aws:cloudformation:us-east-1:111122223333:stack/TestStack/guid',
      RequestId: 'request',
      LogicalResourceId: 'Resource',
      Data: { Arn: 'arn' },
    });
  });

  test('content-length counts bytes, not characters', async () => {
    await settle(sendResponse(EVENT, { Status: 'FAILED', PhysicalResourceId: 'id', Reason: 'é' }));

    expect(puts[0].options.headers['content-length']).toBe(Buffer.byteLength(puts[0].body!));
    expect(puts[0].options.headers['content-length']).toBeGreaterThan(puts[0].body!.length);
  });

  test('uses the port of a URL that names one', async () => {
    await settle(sendResponse({ ...EVENT, ResponseURL: 'https://example.com:8443/response' }, SUCCESS));

    expect(puts[0]).toMatchObject({ transport: 'https', options: { hostname: 'example.com', port: '8443', path: '/response' } });
  });

  test('an http: URL goes over http, to port 80 unless it names one', async () => {
    await settle(sendResponse({ ...EVENT, ResponseURL: 'http://example.com/response?a=1' }, SUCCESS));

    expect(puts[0]).toMatchObject({ transport: 'http', options: { hostname: 'example.com', port: 80, path: '/response?a=1', method: 'PUT' } });
    expect(https.request).not.toHaveBeenCalled();
  });

  test('retries an HTTP 500 answer after 500 ms, then 1000 ms, and succeeds at the third attempt', async () => {
    answers = [500, 500, 200];

    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(error).toBeUndefined();
    expect(puts.map(p => p.at - puts[0].at)).toEqual([0, 500, 1500]);
    expect(puts.map(p => p.body)).toEqual([puts[0].body, puts[0].body, puts[0].body]);
  });

  test('fails with the HTTP status after three rejected attempts', async () => {
    answers = [500, 502, 403, 200];

    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(puts).toHaveLength(3);
    expect(error?.message).toBe('CloudFormation response rejected with HTTP 403');
  });

  test.each([200, 204, 299])('HTTP %d counts as delivered', async status => {
    answers = [status];

    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(error).toBeUndefined();
    expect(puts).toHaveLength(1);
  });

  test.each([300, 404])('HTTP %d counts as rejected and is retried', async status => {
    answers = [status];

    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(error).toBeUndefined();
    expect(puts).toHaveLength(2);
  });

  test('retries a connection error, and fails with it after the third attempt', async () => {
    answers = ['connection-error', 'connection-error', 'connection-error'];

    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(puts).toHaveLength(3);
    expect(error?.message).toBe('connect ECONNREFUSED');
  });

  test('gives up on an unanswered PUT after 10 seconds and retries it', async () => {
    answers = ['no-answer', 'no-answer', 'no-answer'];

    const { error } = await settle(sendResponse(EVENT, SUCCESS));

    expect(puts.map(p => p.timeoutMs)).toEqual([10_000, 10_000, 10_000]);
    expect(puts.map(p => p.at - puts[0].at)).toEqual([0, 10_500, 21_500]);
    expect(error?.message).toBe('no answer from CloudFormation within 10 seconds');
  });
});

describe('the failure reason', () => {
  test('a reason within 2500 bytes is sent unchanged', async () => {
    const reason = 'a'.repeat(2500);

    await expect(reasonSent(reason)).resolves.toBe(reason);
  });

  test('a longer reason is cut to exactly 2500 bytes, ellipsis included', async () => {
    await expect(reasonSent('a'.repeat(2501))).resolves.toBe(`${'a'.repeat(2497)}…`);
  });

  test('a reason of two-byte characters is cut on a character boundary, within 2500 bytes', async () => {
    const reason = await reasonSent('é'.repeat(5000));

    expect(reason).toBe(`${'é'.repeat(1248)}…`);
    expect(Buffer.byteLength(reason)).toBe(2499);
  });

  test('a character outside the BMP is never cut in half', async () => {
    // 2490 bytes, one whole emoji (4 bytes) and the first half of the next would fit with the ellipsis.
    const reason = await reasonSent(`${'a'.repeat(2490)}${'😀'.repeat(100)}`);

    expect(reason).toBe(`${'a'.repeat(2490)}😀…`);
    expect(puts[0].body).not.toMatch(/\\ud83d/);
  });

  test('a reason that grows when escaped is cut to the budget as sent, so the body stays within 4096 bytes', async () => {
    const reason = await reasonSent(`${'"'.repeat(2000)}${'\\'.repeat(2000)}`);

    expect(reason).toBe(`${'"'.repeat(1248)}…`);
    expect(Buffer.byteLength(JSON.stringify(reason)) - 2).toBe(2499);
    expect(Buffer.byteLength(puts[0].body!)).toBeLessThan(4096);
  });

  test('a success without a reason sends none', async () => {
    await settle(sendResponse(EVENT, SUCCESS));

    expect(JSON.parse(puts[0].body!)).not.toHaveProperty('Reason');
  });
});
