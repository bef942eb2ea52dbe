import * as http from 'http';
import * as https from 'https';
import type { CustomResourceEvent } from './types';

/** What the handler reports to CloudFormation for one event. */
export interface CfnResponse {
  readonly Status: 'SUCCESS' | 'FAILED';
  readonly PhysicalResourceId: string;
  readonly Reason?: string;
  readonly Data?: Record<string, unknown>;
}

// CloudFormation rejects response bodies over 4096 bytes; keep room for the other members.
const MAX_REASON_BYTES = 2500;
const ATTEMPTS = 3;
const TIMEOUT_MS = 10_000;

/** Cuts `reason` to a byte budget, as it is sent (JSON escapes included), on a character boundary. */
function cut(reason: string | undefined): string | undefined {
  if (reason === undefined || sentBytes(reason) <= MAX_REASON_BYTES) return reason;
  let text = reason.slice(0, MAX_REASON_BYTES);
  // Never end on the first half of a surrogate pair (a character outside the BMP, such as an emoji).
  while (sentBytes(`${text}…`) > MAX_REASON_BYTES || /[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  return `${text}…`;
}

/** The bytes `text` takes in the JSON body: quotes, backslashes and control characters grow when escaped. */
function sentBytes(text: string): number {
  return Buffer.byteLength(JSON.stringify(text)) - 2;
}

/**
 * PUTs the response to the pre-signed URL CloudFormation gave with the event, retrying a few
 * times: without it the stack waits an hour for an answer.
 */
export async function sendResponse(event: CustomResourceEvent, response: CfnResponse): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await put(event, response);
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
      await new Promise(resolve => setTimeout(resolve, 500 * attempt));
    }
  }
}

function put(event: CustomResourceEvent, response: CfnResponse): Promise<void> {
  const body = JSON.stringify({
    Status: response.Status,
    Reason: cut(response.Reason),
    PhysicalResourceId: response.PhysicalResourceId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: response.Data,
  });
  const url = new URL(event.ResponseURL);
  // CloudFormation's URLs are https; the protocol follows the URL so tests can answer on loopback.
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve, reject) => {
    const request = transport.request({
      hostname: url.hostname,
      port: url.port || (url.protocol === 'http:' ? 80 : 443),
      path: `${url.pathname}${url.search}`,
      method: 'PUT',
      // The pre-signed URL is signed for an empty content type.
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
    }, res => {
      res.resume();
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`CloudFormation response rejected with HTTP ${res.statusCode}`))));
    });
    request.setTimeout(TIMEOUT_MS, () => request.destroy(new Error(`no answer from CloudFormation within ${TIMEOUT_MS / 1000} seconds`)));
    request.on('error', reject);
    request.end(body);
  });
}
