import type { CreatedWebhookEndpoint, CreateWebhookEndpoint, UpdateWebhookEndpoint, WebhookEndpoint } from '../../../sdk/contract/webhooks.js';
import type { Database } from '../../db/database.js';
import { notFound } from '../../lib/problem.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { changeWebhookEndpoint, checkWebhookEndpointInput, deleteWebhookEndpoint, insertWebhookEndpoint } from './repository.js';

/** Whether endpoints may point at private, loopback and link-local addresses (`TABA_WEBHOOK_ALLOW_PRIVATE`). */
export interface WebhookPolicy {
  allowPrivate: boolean;
}

/** A tenant subscribes a URL to events; the secret is in this answer and never again. */
export async function createEndpoint(
  { db, dialect }: Database,
  principal: WorkspacePrincipal,
  input: CreateWebhookEndpoint,
  policy: WebhookPolicy,
): Promise<CreatedWebhookEndpoint> {
  // Resolving the host can take seconds: done before the transaction, so no lock waits on DNS.
  await checkWebhookEndpointInput(input, policy.allowPrivate);
  return db.transaction().execute(async (trx) => {
    const created = await insertWebhookEndpoint(trx, principal.workspaceId, input);
    await appendAuditEvent(trx, dialect, principal, {
      action: 'webhook_endpoint.created',
      subjectType: 'webhook_endpoint',
      subjectId: created.id,
      customerId: null,
      data: { url: created.url, eventTypes: created.eventTypes, enabled: created.enabled },
    });
    return created;
  });
}

/** A changed URL is checked like a new one; the audit event records what was asked to change. */
export async function updateEndpoint(
  { db, dialect }: Database,
  principal: WorkspacePrincipal,
  endpointId: string,
  input: UpdateWebhookEndpoint,
  policy: WebhookPolicy,
): Promise<WebhookEndpoint> {
  await checkWebhookEndpointInput(input, policy.allowPrivate);
  return db.transaction().execute(async (trx) => {
    const updated = await changeWebhookEndpoint(trx, principal.workspaceId, endpointId, input);
    if (!updated) throw notFound('webhook endpoint');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'webhook_endpoint.updated',
      subjectType: 'webhook_endpoint',
      subjectId: updated.id,
      customerId: null,
      data: { ...input },
    });
    return updated;
  });
}

/** Its pending deliveries and delivery log go with it. */
export async function deleteEndpoint({ db, dialect }: Database, principal: WorkspacePrincipal, endpointId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await deleteWebhookEndpoint(trx, principal.workspaceId, endpointId))) throw notFound('webhook endpoint');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'webhook_endpoint.deleted',
      subjectType: 'webhook_endpoint',
      subjectId: endpointId,
      customerId: null,
    });
  });
}
