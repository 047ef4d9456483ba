import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: `whsec_` and 32 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

// A type, not an interface: it is then assignable to a plain header record.
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/** Signs one attempt: the id stays the same on every attempt, the timestamp is the attempt's own. */
export function signWebhook(secret: string, webhookId: string, body: string, at: Date = new Date()): WebhookHeaders {
  const signature = new Webhook(secret).sign(webhookId, at, body);
  return { 'webhook-id': webhookId, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signature };
}
