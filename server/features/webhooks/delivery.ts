import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolvePublicAddresses } from './private-address.js';
import { signWebhook } from './signing.js';

export interface WebhookRequest {
  url: string;
  secret: string;
  /** The outbox message id: the same on every attempt, so the receiver can de-duplicate. */
  webhookId: string;
  body: string;
  timeoutMs: number;
  allowPrivate: boolean;
  /** Aborted when the worker stops; the attempt then counts as not made. */
  signal?: AbortSignal;
}

/** One attempt as the delivery log records it; `error` never carries the payload or personal data. */
export interface WebhookAttempt {
  delivered: boolean;
  statusCode: number | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs one signed event. The host is resolved and checked here, and the connection is made to
 * exactly the checked address, so a DNS answer that changes between check and connect cannot
 * reach a private address. Redirects are never followed: a 3xx is a failed attempt.
 */
export async function deliverWebhook(request: WebhookRequest): Promise<WebhookAttempt> {
  const started = performance.now();
  const result = (delivered: boolean, statusCode: number | null, error: string | null): WebhookAttempt => ({
    delivered,
    statusCode,
    durationMs: Math.round(performance.now() - started),
    error,
  });
  const url = new URL(request.url);
  const resolved = await resolvePublicAddresses(url.hostname, request.allowPrivate);
  if ('refusal' in resolved) {
    return result(false, null, resolved.refusal === 'private' ? 'refused: the endpoint resolves to a private, loopback or link-local address' : 'the endpoint host name could not be resolved');
  }
  const pinned = resolved.addresses;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    const first = pinned[0]!;
    if (options.all) callback(null, pinned);
    else callback(null, first.address, first.family);
  };
  const headers = { ...signWebhook(request.secret, request.webhookId, request.body), 'content-type': 'application/json', 'user-agent': 'taba-portal-webhooks/1' };
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<WebhookAttempt>((resolve) => {
    const outgoing = client.request(url, { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(request.body) }, lookup, signal }, (response) => {
      const status = response.statusCode ?? 0;
      // The body is read and discarded: a receiver answers with its status code.
      response.resume();
      response.once('end', () => {
        if (status >= 200 && status < 300) resolve(result(true, status, null));
        else if (status >= 300 && status < 400) resolve(result(false, status, `redirect not followed (HTTP ${status})`));
        else resolve(result(false, status, `HTTP ${status}`));
      });
      // After 'end' this resolves nothing (a promise settles once); before it, the body was cut off.
      response.once('close', () => resolve(result(false, status, timeout.aborted ? `timed out after ${request.timeoutMs} ms` : 'the response was cut off')));
      response.once('error', () => undefined);
    });
    outgoing.once('error', (error: NodeJS.ErrnoException) => {
      if (timeout.aborted) resolve(result(false, null, `timed out after ${request.timeoutMs} ms`));
      else if (request.signal?.aborted) resolve(result(false, null, 'stopped: the worker is shutting down'));
      else resolve(result(false, null, `connection failed (${error.code ?? error.name})`));
    });
    outgoing.end(request.body);
  });
}
