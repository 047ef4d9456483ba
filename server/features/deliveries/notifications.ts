import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { DeliveryEventRow, DeliveryRow } from '../finance/schema.js';
import { enqueueEmail, enqueueWebhookEvent } from '../outbox/repository.js';
import { toDeliveryEvent } from './repository.js';

/** What the `delivery.exception` webhook carries: the delivery after the event, and the event. */
export function deliveryExceptionData(delivery: DeliveryRow, event: DeliveryEventRow): Record<string, unknown> {
  return {
    deliveryId: delivery.id,
    customerId: delivery.customer_id,
    invoiceId: delivery.invoice_id,
    estimateId: delivery.estimate_id,
    orderReference: delivery.order_reference,
    carrier: delivery.carrier,
    trackingReference: delivery.tracking_reference,
    status: delivery.status,
    lastEventAt: delivery.last_event_at,
    event: toDeliveryEvent(event),
  };
}

/** Call in the transaction that stored the exception event (only that one: a duplicate sends nothing). */
export async function enqueueDeliveryExceptionWebhook(trx: Kysely<DB>, delivery: DeliveryRow, event: DeliveryEventRow): Promise<void> {
  await enqueueWebhookEvent(trx, { workspaceId: delivery.workspace_id, type: 'delivery.exception', data: deliveryExceptionData(delivery, event) });
}

/**
 * "A problem with your delivery" to each portal contact of the customer, once per event and
 * contact (the outbox's dedupe key), naming the invoice or estimate only when the portal shows it.
 */
export async function enqueueDeliveryExceptionEmails(trx: Kysely<DB>, delivery: DeliveryRow, event: DeliveryEventRow): Promise<void> {
  const contacts = await trx
    .selectFrom('portal_contacts')
    .select(['id', 'email', 'display_name'])
    .where('customer_id', '=', delivery.customer_id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (!contacts.length) return;
  const workspace = await trx.selectFrom('workspaces').select('name').where('id', '=', delivery.workspace_id).executeTakeFirstOrThrow();
  const reference = await referenceOf(trx, delivery);
  for (const contact of contacts) {
    await enqueueEmail(trx, {
      workspaceId: delivery.workspace_id,
      to: contact.email,
      dedupeKey: `delivery.exception:${event.id}:${contact.id}`,
      notification: {
        template: 'delivery.exception',
        workspaceId: delivery.workspace_id,
        workspaceName: workspace.name,
        contactName: contact.display_name,
        carrier: delivery.carrier,
        trackingReference: delivery.tracking_reference,
        reference,
        note: event.note,
        occurredAt: event.occurred_at,
      },
    });
  }
}

/** How the email names what the delivery brings: the invoice's or estimate's number (not a draft's), else the order reference. */
async function referenceOf(trx: Kysely<DB>, delivery: DeliveryRow): Promise<string | null> {
  if (delivery.invoice_id) {
    const invoice = await trx.selectFrom('invoices').select('number').where('id', '=', delivery.invoice_id).where('state', '!=', 'draft').executeTakeFirst();
    if (invoice) return `invoice ${invoice.number}`;
  }
  if (delivery.estimate_id) {
    const estimate = await trx.selectFrom('estimates').select('number').where('id', '=', delivery.estimate_id).where('status', '!=', 'draft').executeTakeFirst();
    if (estimate) return `estimate ${estimate.number}`;
  }
  return delivery.order_reference === null ? null : `order ${delivery.order_reference}`;
}
