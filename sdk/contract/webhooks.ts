import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

/** Event types such as `proposal.accepted`; the list the server accepts is in docs/webhooks.md. */
const EventTypes = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { minItems: 1, maxItems: 50 });

/** A webhook endpoint as the workspace sees it; its secret is shown once, in `CreatedWebhookEndpoint`. */
export const WebhookEndpoint = Type.Object({
  id: Id,
  url: Type.String(),
  description: Type.String(),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type WebhookEndpoint = Static<typeof WebhookEndpoint>;

/** The answer to creating an endpoint: the only time its signing secret is shown. */
export const CreatedWebhookEndpoint = Type.Object({
  ...WebhookEndpoint.properties,
  /** `whsec_…`: verify the `webhook-signature` header with it (`verifyWebhook`). */
  secret: Type.String(),
});
export type CreatedWebhookEndpoint = Static<typeof CreatedWebhookEndpoint>;

export const CreateWebhookEndpoint = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2_000 }),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    eventTypes: EventTypes,
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type CreateWebhookEndpoint = Static<typeof CreateWebhookEndpoint>;

export const UpdateWebhookEndpoint = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1, maxLength: 2_000 })),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    eventTypes: Type.Optional(EventTypes),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, examples: [{ description: 'Order system' }] },
);
export type UpdateWebhookEndpoint = Static<typeof UpdateWebhookEndpoint>;

/** One attempt in an endpoint's delivery log; never the payload. */
export const WebhookDelivery = Type.Object({
  id: Id,
  /** The `webhook-id` the receiver saw, the same on every attempt of one event. */
  webhookId: Id,
  eventType: Type.String(),
  attempt: Type.Integer({ minimum: 1 }),
  /** The receiver's HTTP status; null when it did not answer (timeout, refused connection). */
  statusCode: Type.Union([Type.Integer(), Type.Null()]),
  durationMs: Type.Integer({ minimum: 0 }),
  error: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
});
export type WebhookDelivery = Static<typeof WebhookDelivery>;

/** A delivery (email or webhook) that ran out of attempts; no payload, it may carry personal data. */
export const DeadLetter = Type.Object({
  id: Id,
  channel: Type.Enum(['email', 'webhook']),
  eventType: Type.String(),
  /** The webhook endpoint it was for; null for an email. */
  endpointId: Type.Union([Id, Type.Null()]),
  attempts: Type.Integer({ minimum: 0 }),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  failedAt: Timestamp,
});
export type DeadLetter = Static<typeof DeadLetter>;

export const WebhookEndpointParams = Type.Object({ endpointId: Id });
export const DeadLetterParams = Type.Object({ messageId: Id });

const urlRules =
  'The URL must be `https://` without user name or password, and resolve to public addresses only (`422 webhook_url_invalid`, `webhook_url_private`, `webhook_url_unresolvable`); unknown event types answer `422 webhook_event_type_unknown`.';

export const webhookEndpointEndpoints = {
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/webhook-endpoints',
    operationId: 'createWebhookEndpoint',
    summary: 'Create a webhook endpoint; its signing secret is shown in this answer only',
    description: urlRules,
    surface: 'workspace',
    permission: 'webhooks.manage',
    body: CreateWebhookEndpoint,
    status: 201,
    response: CreatedWebhookEndpoint,
    extraProblems: [422],
  }),
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/webhook-endpoints',
    operationId: 'listWebhookEndpoints',
    summary: 'List webhook endpoints, oldest first',
    surface: 'workspace',
    permission: 'webhooks.read',
    query: PageQuery,
    status: 200,
    response: Page(WebhookEndpoint),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/webhook-endpoints/:endpointId',
    operationId: 'retrieveWebhookEndpoint',
    summary: 'Retrieve a webhook endpoint (without its secret)',
    surface: 'workspace',
    permission: 'webhooks.read',
    params: WebhookEndpointParams,
    status: 200,
    response: WebhookEndpoint,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/webhook-endpoints/:endpointId',
    operationId: 'updateWebhookEndpoint',
    summary: 'Change the URL, description, event types or enabled flag of a webhook endpoint',
    description: `A changed URL is checked like a new one. ${urlRules}`,
    surface: 'workspace',
    permission: 'webhooks.manage',
    params: WebhookEndpointParams,
    body: UpdateWebhookEndpoint,
    status: 200,
    response: WebhookEndpoint,
    extraProblems: [422],
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/v1/workspace/webhook-endpoints/:endpointId',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Delete a webhook endpoint with its pending deliveries and delivery log',
    surface: 'workspace',
    permission: 'webhooks.manage',
    params: WebhookEndpointParams,
    status: 204,
    response: Type.Null(),
  }),
  deliveries: endpoint({
    method: 'GET',
    path: '/v1/workspace/webhook-endpoints/:endpointId/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: "List an endpoint's delivery attempts, newest first",
    surface: 'workspace',
    permission: 'webhooks.read',
    params: WebhookEndpointParams,
    query: PageQuery,
    status: 200,
    response: Page(WebhookDelivery),
  }),
};

export const deadLetterEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/dead-letters',
    operationId: 'listDeadLetters',
    summary: 'List emails and webhook deliveries that ran out of attempts, most recently failed first',
    surface: 'workspace',
    permission: 'webhooks.read',
    query: PageQuery,
    status: 200,
    response: Page(DeadLetter),
  }),
  redeliver: endpoint({
    method: 'POST',
    path: '/v1/workspace/dead-letters/:messageId/redeliver',
    operationId: 'redeliverDeadLetter',
    summary: 'Queue a dead letter again: a fresh set of attempts, the same Message-ID or webhook-id',
    description: 'Answers the message as queued (`attempts` back at 0); it leaves the dead-letter list. One that is not dead (any more) answers 404.',
    surface: 'workspace',
    permission: 'webhooks.manage',
    params: DeadLetterParams,
    status: 202,
    response: DeadLetter,
  }),
};
