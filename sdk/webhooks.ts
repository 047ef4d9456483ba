import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/** The body of every webhook taba-portal sends. */
export interface WebhookEvent<Data = Record<string, unknown>> {
  /** e.g. `proposal.accepted`, `proposal.declined`. */
  type: string;
  /** When the event happened (ISO-8601 UTC); the `webhook-timestamp` header is the attempt's time. */
  timestamp: string;
  data: Data;
}

/** Headers as Node (`IncomingHttpHeaders`), fetch (`Headers`) or a plain object give them. */
export type WebhookRequestHeaders = Headers | Record<string, string | string[] | undefined>;

/** The request is not a genuine, recent webhook from this endpoint's secret: answer 400 and ignore it. */
export class WebhookSignatureError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WebhookSignatureError';
  }
}

function header(headers: WebhookRequestHeaders, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : headers[name] ?? headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/**
 * Verifies a webhook per the Standard Webhooks spec and returns its event. Pass the raw body
 * exactly as received (before any JSON parsing) and the endpoint's `whsec_…` secret. Rejects a
 * wrong signature and a `webhook-timestamp` more than five minutes away from now (replays).
 * De-duplicate on the `webhook-id` header: a retried event carries the same one.
 */
export function verifyWebhook<Data = Record<string, unknown>>(rawBody: string | Uint8Array, headers: WebhookRequestHeaders, secret: string): WebhookEvent<Data> {
  const payload = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  try {
    return new Webhook(secret).verify(payload, {
      'webhook-id': header(headers, 'webhook-id'),
      'webhook-timestamp': header(headers, 'webhook-timestamp'),
      'webhook-signature': header(headers, 'webhook-signature'),
    }) as WebhookEvent<Data>;
  } catch (error) {
    if (error instanceof WebhookVerificationError) throw new WebhookSignatureError(error.message, { cause: error });
    throw error;
  }
}
