import type { Kysely } from 'kysely';
import type { OutboxConfig } from '../config.js';
import type { DB, OutboxMessageRow } from '../db/schema.js';
import { renderEmail, type EmailNotification } from '../features/notifications/templates.js';
import { deliverWebhook } from '../features/webhooks/delivery.js';
import { endpointForDelivery, recordWebhookDelivery } from '../features/webhooks/repository.js';
import type { Mailer } from '../lib/mailer.js';

export interface DeliveryContext {
  db: Kysely<DB>;
  mailer: Mailer;
  publicUrl: string;
  outbox: OutboxConfig;
  /** Aborted when the worker stops before the attempt ends. */
  signal: AbortSignal;
}

/** The outcome of one attempt; `error` is stored, so it never holds an address or the payload. */
export type DeliveryOutcome = { delivered: true } | { delivered: false; error: string };

export function deliverMessage(context: DeliveryContext, message: OutboxMessageRow): Promise<DeliveryOutcome> {
  return message.channel === 'email' ? deliverEmail(context, message) : deliverWebhookMessage(context, message);
}

/** The Message-ID is the outbox row's id, so every attempt of one email carries the same one. */
export function messageIdFor(messageId: string, publicUrl: string): string {
  return `<${messageId}@${new URL(publicUrl).hostname}>`;
}

async function deliverEmail({ mailer, publicUrl }: DeliveryContext, message: OutboxMessageRow): Promise<DeliveryOutcome> {
  if (!message.recipient) return { delivered: false, error: 'the email has no recipient' };
  const notification = JSON.parse(message.payload) as EmailNotification;
  try {
    await mailer.send({ ...renderEmail(notification, { to: message.recipient, publicUrl }), messageId: messageIdFor(message.id, publicUrl) });
    return { delivered: true };
  } catch (error) {
    // SMTP replies often quote the address, so only the codes are kept.
    const { code, responseCode } = error as { code?: string; responseCode?: number };
    return { delivered: false, error: `SMTP delivery failed (${[code, responseCode].filter(Boolean).join(' ') || 'error'})` };
  }
}

async function deliverWebhookMessage({ db, outbox, signal }: DeliveryContext, message: OutboxMessageRow): Promise<DeliveryOutcome> {
  const endpoint = message.endpoint_id ? await endpointForDelivery(db, message.endpoint_id) : undefined;
  if (!endpoint) return { delivered: false, error: 'the webhook endpoint no longer exists' };
  if (endpoint.enabled !== 1) return { delivered: false, error: 'the webhook endpoint is disabled' };
  const attempt = await deliverWebhook({
    url: endpoint.url,
    secret: endpoint.secret,
    webhookId: message.id,
    body: message.payload,
    timeoutMs: outbox.webhookTimeoutMs,
    allowPrivate: outbox.webhookAllowPrivate,
    signal,
  });
  // An attempt cut short by shutdown is given back, not logged as the endpoint's failure.
  if (signal.aborted) return { delivered: false, error: 'stopped' };
  await recordWebhookDelivery(db, {
    workspaceId: message.workspace_id,
    endpointId: endpoint.id,
    messageId: message.id,
    eventType: message.event_type,
    attempt: message.attempts,
    statusCode: attempt.statusCode,
    durationMs: attempt.durationMs,
    error: attempt.error,
  });
  return attempt.delivered ? { delivered: true } : { delivered: false, error: attempt.error ?? 'failed' };
}
