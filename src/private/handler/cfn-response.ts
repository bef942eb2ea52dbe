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
const MAX_REASON = 3000;

/** PUTs the response to the pre-signed URL CloudFormation gave with the event. */
export function sendResponse(event: CustomResourceEvent, response: CfnResponse): Promise<void> {
  const body = JSON.stringify({
    Status: response.Status,
    Reason: response.Reason && response.Reason.length > MAX_REASON ? `${response.Reason.slice(0, MAX_REASON)}…` : response.Reason,
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
    request.on('error', reject);
    request.end(body);
  });
}
