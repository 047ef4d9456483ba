import { PostgresAdapter, type Kysely } from 'kysely';
import { toMajorString } from '../../../sdk/contract/money.js';
import type { DB } from '../../db/schema.js';
import { appendAuditEvent } from '../audit/repository.js';
import { amountDue, todayUtc } from '../finance/repository.js';
import type { InvoiceRow } from '../finance/schema.js';
import { createFollowUp } from '../follow-ups/repository.js';
import { enqueueEmail, enqueueWebhookEvent } from '../outbox/repository.js';

const SCAN_LIMIT = 500;

/** `123456, 'USD'` → `1234.56 USD`: exact, from the integer, never through a float. */
export function moneyText(amount: number, currency: string): string {
  return `${toMajorString(amount, currency)} ${currency}`;
}

/** What every invoice webhook carries about the invoice (never its internal note or unit costs). */
export function invoiceEventData(row: InvoiceRow): Record<string, unknown> {
  return {
    invoiceId: row.id,
    number: row.number,
    customerId: row.customer_id,
    projectId: row.project_id,
    estimateId: row.estimate_id,
    currency: row.currency,
    total: Number(row.total),
    amountPaid: Number(row.amount_paid),
    amountDue: amountDue(row),
    issueDate: row.issue_date,
    dueDate: row.due_date,
  };
}

type Contact = { email: string; display_name: string };

/** The customer's portal contacts, oldest first: who an invoice is emailed to. */
export function invoiceContacts(trx: Kysely<DB>, customerId: string): Promise<Contact[]> {
  return trx.selectFrom('portal_contacts').select(['email', 'display_name']).where('customer_id', '=', customerId).orderBy('created_at').orderBy('id').execute();
}

/** The "new invoice" email to each contact and the `invoice.sent` webhook; call in the transaction that sends it. */
export async function enqueueInvoiceSent(trx: Kysely<DB>, row: InvoiceRow, contacts: readonly Contact[]): Promise<void> {
  const workspace = await trx.selectFrom('workspaces').select(['name', 'brand_name']).where('id', '=', row.workspace_id).executeTakeFirstOrThrow();
  const workspaceName = workspace.brand_name ?? workspace.name;
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: row.workspace_id,
      to: contact.email,
      notification: {
        template: 'invoice.sent',
        workspaceId: row.workspace_id,
        workspaceName,
        contactName: contact.display_name,
        invoiceNumber: row.number,
        total: moneyText(Number(row.total), row.currency),
        amountDue: moneyText(amountDue(row), row.currency),
        dueDate: row.due_date,
      },
    });
  }
  await enqueueWebhookEvent(trx, { workspaceId: row.workspace_id, type: 'invoice.sent', data: { ...invoiceEventData(row), sentAt: row.sent_at } });
}

/**
 * Announces each issued invoice that is past its due date with something still due: the
 * `invoice.overdue` webhook, a follow-up for the finance team and an audit event, once per
 * invoice. The scan that marks `overdue_notified_at` (a conditional update) writes them, in the
 * same transaction; a concurrent scan's update then finds nothing to mark. Answers how many it
 * announced.
 */
export async function announceOverdueInvoices(db: Kysely<DB>, now = new Date()): Promise<number> {
  // The worker hands over the bare Kysely instance; the audit chain's lock depends on the dialect.
  const dialect = db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
  const today = todayUtc(now);
  const nowIso = now.toISOString();
  const due = await db
    .selectFrom('invoices')
    .select('id')
    .where('state', '=', 'issued')
    .where('due_date', '<', today)
    .where('overdue_notified_at', 'is', null)
    .where((eb) => eb('amount_paid', '<', eb.ref('total')))
    .orderBy('due_date')
    .orderBy('id')
    .limit(SCAN_LIMIT)
    .execute();
  let announced = 0;
  for (const { id } of due) {
    announced += await db.transaction().execute(async (trx) => {
      const marked = await trx
        .updateTable('invoices')
        .set({ overdue_notified_at: nowIso })
        .where('id', '=', id)
        .where('state', '=', 'issued')
        .where('due_date', '<', today)
        .where('overdue_notified_at', 'is', null)
        .where((eb) => eb('amount_paid', '<', eb.ref('total')))
        .returningAll()
        .executeTakeFirst();
      if (!marked) return 0;
      const customer = await trx.selectFrom('customers').select('name').where('id', '=', marked.customer_id).executeTakeFirst();
      const owed = moneyText(amountDue(marked), marked.currency);
      await appendAuditEvent(trx, dialect, { workspaceId: marked.workspace_id, actorType: 'system', actorId: 'overdue-scan' }, {
        action: 'invoice.overdue',
        subjectType: 'invoice',
        subjectId: marked.id,
        customerId: marked.customer_id,
        data: { number: marked.number, dueDate: marked.due_date, amountDue: amountDue(marked), currency: marked.currency },
      });
      await createFollowUp(trx, {
        workspaceId: marked.workspace_id,
        kind: 'invoice.overdue',
        sourceType: 'invoice',
        sourceId: marked.id,
        customerId: marked.customer_id,
        contactId: null,
        summary: `${marked.number} to ${customer?.name ?? 'the customer'} is overdue: ${owed} was due on ${marked.due_date}`,
      });
      await enqueueWebhookEvent(trx, { workspaceId: marked.workspace_id, type: 'invoice.overdue', data: invoiceEventData(marked) });
      return 1;
    });
  }
  return announced;
}
