import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, type WebhookEvent } from '../../sdk/webhooks.js';

/** What the receiver does with one request: answer with a status (and headers), or never answer. */
export type ReceiverAnswer = { status: number; headers?: Record<string, string> } | 'hold';

export interface ReceivedWebhook {
  path: string;
  webhookId: string;
  /** The verified event; undefined when the signature did not verify with the receiver's secret. */
  event: WebhookEvent | undefined;
  answered: number | 'held';
}

export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The endpoint's `whsec_…`, known once the endpoint is created. */
  secret: string;
  /** Decides each answer; the default answers 204. */
  answer: (request: ReceivedWebhook, attemptOfThisId: number) => ReceiverAnswer;
  received: ReceivedWebhook[];
  /** Requests per webhook-id. */
  countById(): Map<string, number>;
  /** Resolves once `predicate` holds; rejects after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** A tenant's webhook receiver on 127.0.0.1 that verifies signatures with the SDK's verifyWebhook, as a tenant backend would. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const held = new Set<http.ServerResponse>();
  const receiver: WebhookReceiver = {
    url: '',
    secret: '',
    answer: () => ({ status: 204 }),
    received: [],
    countById() {
      const counts = new Map<string, number>();
      for (const request of receiver.received) counts.set(request.webhookId, (counts.get(request.webhookId) ?? 0) + 1);
      return counts;
    },
    async until(predicate, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`the receiver did not get what was expected in ${timeoutMs} ms (got ${receiver.received.length} requests)`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of held) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    // A sender killed mid-request resets its connection; the receiver carries on, as a tenant's would.
    request.on('error', () => {});
    response.on('error', () => {});
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let event: WebhookEvent | undefined;
      try {
        event = verifyWebhook(body, request.headers, receiver.secret);
      } catch {
        event = undefined;
      }
      const webhookId = String(request.headers['webhook-id'] ?? '');
      const attempt = receiver.received.filter((r) => r.webhookId === webhookId).length + 1;
      const entry: ReceivedWebhook = { path: request.url ?? '/', webhookId, event, answered: 'held' };
      const answer = receiver.answer(entry, attempt);
      receiver.received.push(entry);
      if (answer === 'hold') {
        held.add(response);
        return;
      }
      entry.answered = answer.status;
      response.writeHead(answer.status, answer.headers).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return receiver;
}
