import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { enqueueEmail, enqueueWebhookEvent } from '../outbox/repository.js';
import type { AcceptanceRow } from './schema.js';

/** A pending acceptance gets one expiry reminder this long before it expires. */
export const ACCEPTANCE_REMINDER_BEFORE_EXPIRY_MS = 48 * 60 * 60_000;
const SCAN_LIMIT = 500;

async function workspaceName(db: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await db.selectFrom('workspaces').select('name').where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.name;
}

/** What every acceptance webhook carries about the acceptance. */
export function acceptanceEventData(row: AcceptanceRow): Record<string, unknown> {
  return {
    acceptanceId: row.id,
    title: row.title,
    customerId: row.customer_id,
    projectId: row.project_id,
    documentId: row.document_id,
    documentName: row.document_name,
    documentSha256: row.document_sha256,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
  };
}

/**
 * The "please accept" email to every portal contact of the customer and the `acceptance.sent`
 * webhook; call in the transaction that sends (or re-sends) the acceptance.
 */
export async function enqueueAcceptanceSent(trx: Kysely<DB>, row: AcceptanceRow): Promise<void> {
  const contacts = await trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', row.customer_id).orderBy('created_at').execute();
  const name = await workspaceName(trx, row.workspace_id);
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: row.workspace_id,
      to: contact.email,
      notification: {
        template: 'acceptance.sent',
        workspaceId: row.workspace_id,
        workspaceName: name,
        contactName: contact.display_name,
        acceptanceTitle: row.title,
        documentName: row.document_name,
        expiresAt: row.expires_at,
      },
    });
  }
  await enqueueWebhookEvent(trx, { workspaceId: row.workspace_id, type: 'acceptance.sent', data: { ...acceptanceEventData(row), resendOf: row.resend_of } });
}

/**
 * The contact's receipt of their acceptance, to the address they had when they accepted; call in
 * the transaction whose update accepted it (only that one, so concurrent accepts send one). The
 * dedupe key is the acceptance: one receipt per acceptance, whoever enqueues it.
 */
export async function enqueueAcceptanceAcceptedEmail(trx: Kysely<DB>, row: AcceptanceRow): Promise<void> {
  if (!row.accepted_contact_email || !row.accepted_at || row.accepted_name === null) throw new Error(`acceptance ${row.id} is not accepted`);
  await enqueueEmail(trx, {
    workspaceId: row.workspace_id,
    to: row.accepted_contact_email,
    dedupeKey: `acceptance.accepted:${row.id}`,
    notification: {
      template: 'acceptance.accepted',
      workspaceId: row.workspace_id,
      workspaceName: await workspaceName(trx, row.workspace_id),
      contactName: row.accepted_contact_name ?? row.accepted_name,
      acceptanceTitle: row.title,
      documentName: row.document_name,
      documentSha256: row.accepted_document_sha256 ?? row.document_sha256,
      acceptedAt: row.accepted_at,
      fullName: row.accepted_name,
    },
  });
}

/**
 * Enqueues the expiry reminder of each pending acceptance that expires within 48 hours: one email
 * per acceptance and contact (the outbox's unique `dedupe_key` keeps it to one however many workers
 * scan at once) and one `acceptance.expiring` webhook per acceptance (the scan that marks the
 * acceptance reminded sends it; a concurrent scan's update then finds nothing to mark). An
 * acceptance sent less than 48 hours before its expiry gets none: its "sent" email is still fresh.
 */
export async function enqueueAcceptanceExpiryReminders(db: Kysely<DB>, now = new Date()): Promise<number> {
  const nowIso = now.toISOString();
  const horizon = new Date(now.getTime() + ACCEPTANCE_REMINDER_BEFORE_EXPIRY_MS).toISOString();
  const due = await db
    .selectFrom('acceptances as a')
    .innerJoin('workspaces as w', 'w.id', 'a.workspace_id')
    .innerJoin('portal_contacts as c', 'c.customer_id', 'a.customer_id')
    .select(['a.id', 'a.sent_at', 'a.expires_at', 'w.name as workspaceName', 'c.id as contactId', 'c.email', 'c.display_name'])
    .where('a.status', '=', 'pending')
    .where('a.expires_at', '>', nowIso)
    .where('a.expires_at', '<=', horizon)
    // Already reminded ones are left out here, so a long backlog cannot hide newer acceptances past the limit.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox_messages as o').select('o.id').where('o.dedupe_key', '=', sql<string>`'acceptance.expiring:' || a.id || ':' || c.id`))))
    .orderBy('a.expires_at')
    .orderBy('a.id')
    .limit(SCAN_LIMIT)
    .execute();
  const byAcceptance = new Map<string, typeof due>();
  for (const row of due) {
    if (Date.parse(row.expires_at) - Date.parse(row.sent_at) < ACCEPTANCE_REMINDER_BEFORE_EXPIRY_MS) continue;
    byAcceptance.set(row.id, [...(byAcceptance.get(row.id) ?? []), row]);
  }
  let enqueued = 0;
  for (const [acceptanceId, contacts] of byAcceptance) {
    enqueued += await db.transaction().execute(async (trx) => {
      // Still pending now (not accepted or superseded since the scan read it); the first scan to get here marks it.
      const marked = await trx
        .updateTable('acceptances')
        .set({ expiry_reminded_at: nowIso })
        .where('id', '=', acceptanceId)
        .where('status', '=', 'pending')
        .where('expiry_reminded_at', 'is', null)
        .returningAll()
        .executeTakeFirst();
      const current = marked ?? (await trx.selectFrom('acceptances').selectAll().where('id', '=', acceptanceId).where('status', '=', 'pending').executeTakeFirst());
      if (!current) return 0;
      if (marked) await enqueueWebhookEvent(trx, { workspaceId: current.workspace_id, type: 'acceptance.expiring', data: acceptanceEventData(current) });
      let emails = 0;
      for (const contact of contacts) {
        const inserted = await enqueueEmail(trx, {
          workspaceId: current.workspace_id,
          to: contact.email,
          dedupeKey: `acceptance.expiring:${current.id}:${contact.contactId}`,
          notification: {
            template: 'acceptance.expiring',
            workspaceId: current.workspace_id,
            workspaceName: contact.workspaceName,
            contactName: contact.display_name,
            acceptanceTitle: current.title,
            documentName: current.document_name,
            expiresAt: current.expires_at,
          },
        });
        if (inserted) emails++;
      }
      return emails;
    });
  }
  return enqueued;
}
