import type { Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { CreatedWebhookEndpoint, CreateWebhookEndpoint, WebhookDelivery, WebhookEndpoint } from '../../../sdk/contract/webhooks.js';
import type { DB, WebhookDeliveryRow, WebhookEndpointRow } from '../../db/schema.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';
import { newId } from '../../lib/ids.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import { Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import { isWebhookEventType, WEBHOOK_EVENT_TYPES } from './events.js';
import { resolvePublicAddresses } from './private-address.js';
import { newWebhookSecret } from './signing.js';

/** What a tenant asks for; the same fields, all optional, change an endpoint. */
export type WebhookEndpointInput = CreateWebhookEndpoint;

export function toWebhookEndpoint(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: JSON.parse(row.event_types) as string[],
    enabled: row.enabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.message_id,
    eventType: row.event_type,
    attempt: row.attempt,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    error: row.error,
    createdAt: row.created_at,
  };
}

const invalidUrl = (detail: string) => new Problem(422, 'webhook_url_invalid', 'Webhook URL not accepted', detail);

/**
 * Checks what a tenant asks for before it is stored: an https URL (http too when private
 * addresses are allowed, for local receivers), whose host resolves to public addresses only,
 * and known event types.
 */
export async function checkWebhookEndpointInput(input: Partial<WebhookEndpointInput>, allowPrivate: boolean): Promise<void> {
  if (input.url !== undefined) {
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw invalidUrl('Give an absolute https:// URL.');
    }
    const schemes = allowPrivate ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol)) throw invalidUrl('The URL must start with https://.');
    if (url.username || url.password) throw invalidUrl('The URL must not carry a user name or password; the signature authenticates the sender.');
    const resolved = await resolvePublicAddresses(url.hostname, allowPrivate);
    if ('refusal' in resolved) {
      throw resolved.refusal === 'private'
        ? new Problem(422, 'webhook_url_private', 'Webhook URL not accepted', 'The host resolves to a private, loopback or link-local address; webhooks go to public addresses only.')
        : new Problem(422, 'webhook_url_unresolvable', 'Webhook URL not accepted', `The host ${url.hostname} could not be resolved.`);
    }
  }
  if (input.eventTypes !== undefined) {
    const unknown = input.eventTypes.filter((type) => !isWebhookEventType(type));
    if (unknown.length || !input.eventTypes.length) {
      throw new Problem(422, 'webhook_event_type_unknown', 'Unknown event type', `Subscribe to one or more of: ${WEBHOOK_EVENT_TYPES.join(', ')}.`, unknown.map((type) => ({ field: 'eventTypes', message: `unknown event type ${type}` })));
    }
  }
}

/** Creates an endpoint with a new signing secret, returned here once. */
export async function createWebhookEndpoint(db: Kysely<DB>, workspaceId: string, input: WebhookEndpointInput, options: { allowPrivate: boolean }): Promise<CreatedWebhookEndpoint> {
  await checkWebhookEndpointInput(input, options.allowPrivate);
  return insertWebhookEndpoint(db, workspaceId, input);
}

/** Stores input already checked with `checkWebhookEndpointInput` (resolved before a transaction opens, so no DNS wait holds it). */
export async function insertWebhookEndpoint(db: Kysely<DB>, workspaceId: string, input: WebhookEndpointInput): Promise<CreatedWebhookEndpoint> {
  const now = isoNow();
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      id: newId('whe'),
      workspace_id: workspaceId,
      url: input.url,
      description: input.description ?? '',
      event_types: JSON.stringify([...new Set(input.eventTypes)]),
      enabled: input.enabled === false ? 0 : 1,
      secret: newWebhookSecret(),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toWebhookEndpoint(row), secret: row.secret };
}

/** Oldest first. */
export function listWebhookEndpoints(db: Kysely<DB>, workspaceId: string, page: PageRequest): Promise<Page<WebhookEndpoint>> {
  const query = db.selectFrom('webhook_endpoints').selectAll().where('workspace_id', '=', workspaceId);
  return keysetPage(query, [['created_at', 'asc'], ['id', 'asc']], page, toWebhookEndpoint);
}

export async function findWebhookEndpoint(db: Kysely<DB>, workspaceId: string, endpointId: string): Promise<WebhookEndpoint | undefined> {
  const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', endpointId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row && toWebhookEndpoint(row);
}

/** Undefined when the workspace has no such endpoint. A changed URL is checked like a new one. */
export async function updateWebhookEndpoint(
  db: Kysely<DB>,
  workspaceId: string,
  endpointId: string,
  input: Partial<WebhookEndpointInput>,
  options: { allowPrivate: boolean },
): Promise<WebhookEndpoint | undefined> {
  await checkWebhookEndpointInput(input, options.allowPrivate);
  return changeWebhookEndpoint(db, workspaceId, endpointId, input);
}

/** Applies changes already checked with `checkWebhookEndpointInput`; undefined when the workspace has no such endpoint. */
export async function changeWebhookEndpoint(db: Kysely<DB>, workspaceId: string, endpointId: string, input: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint | undefined> {
  const row = await db
    .updateTable('webhook_endpoints')
    .set({
      updated_at: isoNow(),
      ...(input.url !== undefined && { url: input.url }),
      ...(input.description !== undefined && { description: input.description }),
      ...(input.eventTypes !== undefined && { event_types: JSON.stringify([...new Set(input.eventTypes)]) }),
      ...(input.enabled !== undefined && { enabled: input.enabled ? 1 : 0 }),
    })
    .where('id', '=', endpointId)
    .where('workspace_id', '=', workspaceId)
    .returningAll()
    .executeTakeFirst();
  return row && toWebhookEndpoint(row);
}

/** Its pending deliveries and delivery log go with it (foreign key cascade). */
export async function deleteWebhookEndpoint(db: Kysely<DB>, workspaceId: string, endpointId: string): Promise<boolean> {
  const result = await db.deleteFrom('webhook_endpoints').where('id', '=', endpointId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return result.numDeletedRows === 1n;
}

/** Every customer action looks its webhook endpoints up (in its transaction), so this is compiled once. */
const enabledEndpoints = compiledQuery((db, p: QueryParameters<{ workspaceId: string }>) =>
  db
    .selectFrom('webhook_endpoints')
    .select(['id', 'workspace_id', 'url', 'description', 'event_types', 'enabled', 'secret', 'created_at', 'updated_at'])
    .where('workspace_id', '=', p.workspaceId)
    .where('enabled', '=', 1),
);

/** Enabled endpoints of the workspace subscribed to the event type; a workspace has a handful, so the filter runs here. */
export async function endpointsSubscribedTo(db: Kysely<DB>, workspaceId: string, eventType: string): Promise<WebhookEndpointRow[]> {
  const rows = await enabledEndpoints.all(db, { workspaceId });
  return rows.filter((row) => (JSON.parse(row.event_types) as string[]).includes(eventType));
}

/** What a worker needs to deliver to an endpoint, secret included; never for an API answer. */
export function endpointForDelivery(db: Kysely<DB>, endpointId: string) {
  return db.selectFrom('webhook_endpoints').select(['id', 'url', 'secret', 'enabled']).where('id', '=', endpointId).executeTakeFirst();
}

export async function recordWebhookDelivery(
  db: Kysely<DB>,
  entry: { workspaceId: string; endpointId: string; messageId: string; eventType: string; attempt: number; statusCode: number | null; durationMs: number; error: string | null },
): Promise<void> {
  await db
    .insertInto('webhook_deliveries')
    .values({
      id: newId('whd'),
      workspace_id: entry.workspaceId,
      endpoint_id: entry.endpointId,
      message_id: entry.messageId,
      event_type: entry.eventType,
      attempt: entry.attempt,
      status_code: entry.statusCode,
      duration_ms: entry.durationMs,
      error: entry.error,
      created_at: isoNow(),
    })
    .execute();
}

/** Newest first; another workspace's endpoint id lists nothing. */
export function listWebhookDeliveries(db: Kysely<DB>, workspaceId: string, endpointId: string, page: PageRequest): Promise<Page<WebhookDelivery>> {
  const query = db.selectFrom('webhook_deliveries').selectAll().where('workspace_id', '=', workspaceId).where('endpoint_id', '=', endpointId);
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], page, toWebhookDelivery);
}
