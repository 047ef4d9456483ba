import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { enqueueAcceptanceExpiryReminders } from '../features/acceptances/notifications.js';
import { announceOverdueInvoices } from '../features/invoices/notifications.js';
import { enqueueEmail } from '../features/outbox/repository.js';

/** A pending proposal gets one reminder this long before it expires. */
export const REMINDER_BEFORE_EXPIRY_MS = 48 * 60 * 60_000;
const SCAN_LIMIT = 500;

/**
 * Enqueues the expiry reminder of each pending proposal that expires within 48 hours, one per
 * contact. Every worker may run this at the same time: the outbox's unique `dedupe_key` keeps
 * one row per proposal and contact, so the reminder is sent once. A proposal sent less than
 * 48 hours before its expiry gets none: its "sent" email is still fresh.
 */
export async function enqueueExpiryReminders(db: Kysely<DB>, now = new Date()): Promise<number> {
  const nowIso = now.toISOString();
  const horizon = new Date(now.getTime() + REMINDER_BEFORE_EXPIRY_MS).toISOString();
  const due = await db
    .selectFrom('proposals as p')
    .innerJoin('workspaces as w', 'w.id', 'p.workspace_id')
    .innerJoin('portal_contacts as c', 'c.customer_id', 'p.customer_id')
    .select(['p.id', 'p.workspace_id', 'p.number', 'p.title', 'p.expires_at', 'p.sent_at', 'w.name as workspaceName', 'c.id as contactId', 'c.email', 'c.display_name'])
    .where('p.status', '=', 'pending')
    .where('p.expires_at', '>', nowIso)
    .where('p.expires_at', '<=', horizon)
    // Already reminded ones are left out here, so a long backlog cannot hide newer proposals past the limit.
    .where((eb) => eb.not(eb.exists(eb.selectFrom('outbox_messages as o').select('o.id').where('o.dedupe_key', '=', sql<string>`'proposal.expiring:' || p.id || ':' || c.id`))))
    .orderBy('p.expires_at')
    .limit(SCAN_LIMIT)
    .execute();
  let enqueued = 0;
  for (const row of due) {
    if (!row.sent_at || Date.parse(row.expires_at) - Date.parse(row.sent_at) < REMINDER_BEFORE_EXPIRY_MS) continue;
    const inserted = await enqueueEmail(db, {
      workspaceId: row.workspace_id,
      to: row.email,
      dedupeKey: `proposal.expiring:${row.id}:${row.contactId}`,
      notification: {
        template: 'proposal.expiring',
        workspaceId: row.workspace_id,
        workspaceName: row.workspaceName,
        contactName: row.display_name,
        proposalNumber: row.number,
        proposalTitle: row.title,
        expiresAt: row.expires_at,
      },
    });
    if (inserted) enqueued++;
  }
  // Documents sent for acceptance get theirs the same way (server/features/acceptances/notifications.ts);
  // invoices past their due date are announced once each (server/features/invoices/notifications.ts).
  return enqueued + (await enqueueAcceptanceExpiryReminders(db, now)) + (await announceOverdueInvoices(db, now));
}
