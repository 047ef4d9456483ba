import type { Kysely, Transaction } from 'kysely';
import {
  DELIVERY_CARRIER_MAX_LENGTH,
  DELIVERY_EVENT_ID_MAX_LENGTH,
  DELIVERY_EVENT_LOCATION_MAX_LENGTH,
  DELIVERY_EVENT_NOTE_MAX_LENGTH,
  DELIVERY_ORDER_REFERENCE_MAX_LENGTH,
  DELIVERY_TRACKING_REFERENCE_MAX_LENGTH,
  type AppendDeliveryEventResult,
  type AppendDeliveryEvents,
  type AppendDeliveryEventsResult,
  type BulkDeliveryEventOutcome,
  type CreateDelivery,
  type Delivery,
  type DeliveryEventType,
  type NewDeliveryEvent,
} from '../../../sdk/contract/deliveries.js';
import type { Database, Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findCustomer } from '../customers/repository.js';
import type { DeliveryEventRow, DeliveryRow } from '../finance/schema.js';
import { openFollowUpForSource } from '../follow-ups/repository.js';
import { enqueueDeliveryExceptionEmails, enqueueDeliveryExceptionWebhook } from './notifications.js';
import {
  deliveryEvents,
  findDeliveryEvent,
  insertDelivery,
  insertDeliveryEvent,
  lockWorkspaceDelivery,
  refreshDeliveryStatus,
  toDelivery,
  toDeliveryEvent,
} from './repository.js';

/** An event may say it happened this far ahead of the server's clock (clock skew), not more. */
export const FUTURE_TOLERANCE_MS = 15 * 60_000;

/** One rule an input breaks: its stable code, words for a person, and where. */
interface Fault {
  code: string;
  title: string;
  detail: string;
  field: string;
}

const problemOf = (fault: Fault, status = 422) => new Problem(status, fault.code, fault.title, fault.detail, [{ field: fault.field, message: fault.detail }]);

const codePoints = (text: string) => [...text].length;

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A required one-line text: trimmed, 1–max code points. */
function requiredText(value: string, max: number, field: string, code: string, what: string): string | Fault {
  const trimmed = value.trim();
  if (!trimmed) return { code: `${code}_required`, title: `${what} required`, detail: `Give the ${what.toLowerCase()}.`, field };
  if (codePoints(trimmed) > max) return { code: `${code}_too_long`, title: `${what} too long`, detail: `At most ${max} characters.`, field };
  return trimmed;
}

// ---------------------------------------------------------------- creating a delivery

/**
 * Records a delivery to a customer: linked to an invoice or an estimate of that customer, or to
 * the tenant's own order reference (at least one). It starts `pending`; events move it on.
 */
export async function createDelivery({ db, dialect }: Database, principal: WorkspacePrincipal, input: CreateDelivery): Promise<Delivery> {
  const carrier = requiredText(input.carrier, DELIVERY_CARRIER_MAX_LENGTH, 'body.carrier', 'carrier', 'Carrier');
  if (typeof carrier !== 'string') throw problemOf(carrier);
  const tracking = requiredText(input.trackingReference, DELIVERY_TRACKING_REFERENCE_MAX_LENGTH, 'body.trackingReference', 'tracking_reference', 'Tracking reference');
  if (typeof tracking !== 'string') throw problemOf(tracking);
  // A blank order reference is no reference.
  const orderReference = input.orderReference?.trim() || null;
  if (orderReference !== null && codePoints(orderReference) > DELIVERY_ORDER_REFERENCE_MAX_LENGTH) {
    throw problemOf({ code: 'order_reference_too_long', title: 'Order reference too long', detail: `At most ${DELIVERY_ORDER_REFERENCE_MAX_LENGTH} characters.`, field: 'body.orderReference' });
  }
  const invoiceId = input.invoiceId ?? null;
  const estimateId = input.estimateId ?? null;
  if (invoiceId === null && estimateId === null && orderReference === null) {
    throw new Problem(422, 'delivery_link_required', 'Link required', 'Link the delivery to an invoice, an estimate or your order reference, so the customer knows what it brings.', [
      { field: 'body', message: 'needs invoiceId, estimateId or orderReference' },
    ]);
  }

  const customer = await findCustomer(db, principal.workspaceId, input.customerId);
  if (!customer) throw notFound('customer');
  if (invoiceId !== null) {
    const invoice = await db.selectFrom('invoices').select('id').where('id', '=', invoiceId).where('workspace_id', '=', principal.workspaceId).where('customer_id', '=', customer.id).executeTakeFirst();
    if (!invoice) throw problemOf({ code: 'invoice_not_found', title: 'Invoice not found', detail: "Name an invoice of the delivery's customer.", field: 'body.invoiceId' });
  }
  if (estimateId !== null) {
    const estimate = await db.selectFrom('estimates').select('id').where('id', '=', estimateId).where('workspace_id', '=', principal.workspaceId).where('customer_id', '=', customer.id).executeTakeFirst();
    if (!estimate) throw problemOf({ code: 'estimate_not_found', title: 'Estimate not found', detail: "Name an estimate of the delivery's customer.", field: 'body.estimateId' });
  }

  const at = isoNow();
  const row: DeliveryRow = {
    id: newId('dlv'),
    workspace_id: principal.workspaceId,
    customer_id: customer.id,
    invoice_id: invoiceId,
    estimate_id: estimateId,
    order_reference: orderReference,
    carrier,
    tracking_reference: tracking,
    status: 'pending',
    last_event_at: null,
    created_at: at,
    updated_at: at,
  };
  await db.transaction().execute(async (trx) => {
    await insertDelivery(trx, row);
    await appendAuditEvent(trx, dialect, principal, {
      action: 'delivery.created',
      subjectType: 'delivery',
      subjectId: row.id,
      customerId: row.customer_id,
      data: { invoiceId, estimateId, orderReference, carrier, trackingReference: tracking },
    });
  });
  return toDelivery(row, []);
}

// ---------------------------------------------------------------- events

/** An event as it is stored: trimmed texts, the time in the server's ISO form. */
export interface CheckedEvent {
  externalId: string;
  type: DeliveryEventType;
  occurredAt: string;
  location: string;
  note: string;
}

/** The event's rules, each broken one as a fault at `prefix.<field>`. */
export function checkEvent(event: NewDeliveryEvent, prefix: string, now = Date.now()): CheckedEvent | Fault[] {
  const faults: Fault[] = [];
  const id = event.id;
  if (!id.trim() || codePoints(id) > DELIVERY_EVENT_ID_MAX_LENGTH || CONTROL.test(id)) {
    faults.push({ code: 'event_id_invalid', title: 'Invalid event id', detail: `The event's own id: 1–${DELIVERY_EVENT_ID_MAX_LENGTH} characters, no control characters.`, field: `${prefix}.id` });
  }
  const time = Date.parse(event.occurredAt);
  let occurredAt = '';
  if (Number.isNaN(time)) {
    faults.push({ code: 'occurred_at_invalid', title: 'Invalid time', detail: 'An ISO-8601 time with a zone, e.g. 2026-12-01T09:30:00Z.', field: `${prefix}.occurredAt` });
  } else if (time > now + FUTURE_TOLERANCE_MS) {
    faults.push({ code: 'occurred_at_in_future', title: 'Time in the future', detail: 'An event cannot have happened later than now; check the time zone.', field: `${prefix}.occurredAt` });
  } else {
    occurredAt = new Date(time).toISOString();
  }
  const location = (event.location ?? '').trim();
  if (codePoints(location) > DELIVERY_EVENT_LOCATION_MAX_LENGTH) {
    faults.push({ code: 'location_too_long', title: 'Location too long', detail: `At most ${DELIVERY_EVENT_LOCATION_MAX_LENGTH} characters.`, field: `${prefix}.location` });
  }
  const note = (event.note ?? '').trim();
  if (codePoints(note) > DELIVERY_EVENT_NOTE_MAX_LENGTH) {
    faults.push({ code: 'note_too_long', title: 'Note too long', detail: `At most ${DELIVERY_EVENT_NOTE_MAX_LENGTH} characters.`, field: `${prefix}.note` });
  } else if (event.type === 'exception' && !note) {
    faults.push({ code: 'exception_note_required', title: 'Note required', detail: 'Say what went wrong: the customer reads the note of an exception.', field: `${prefix}.note` });
  }
  if (faults.length) return faults;
  return { externalId: id, type: event.type, occurredAt, location, note };
}

function sameContent(row: DeliveryEventRow, event: CheckedEvent): boolean {
  return row.type === event.type && row.occurred_at === event.occurredAt && row.location === event.location && row.note === event.note;
}

type StoreOutcome = { result: 'stored' | 'duplicate'; row: DeliveryEventRow } | { result: 'conflict'; row: DeliveryEventRow };

/** Stores one event of a locked delivery once: a repeat of its id is a duplicate (same content) or a conflict. */
async function storeEvent(trx: Transaction<DB>, delivery: DeliveryRow, event: CheckedEvent, at: string): Promise<StoreOutcome> {
  const inserted = await insertDeliveryEvent(trx, {
    id: newId('dle'),
    workspace_id: delivery.workspace_id,
    delivery_id: delivery.id,
    external_id: event.externalId,
    type: event.type,
    occurred_at: event.occurredAt,
    location: event.location,
    note: event.note,
    created_at: at,
  });
  if (inserted) return { result: 'stored', row: inserted };
  const existing = await findDeliveryEvent(trx, delivery.id, event.externalId);
  if (!existing) throw new Error(`delivery event ${event.externalId} of ${delivery.id} neither inserted nor found`);
  return { result: sameContent(existing, event) ? 'duplicate' : 'conflict', row: existing };
}

/**
 * What one stored event does beyond being stored, in its transaction: the audit event, and for an
 * exception the `delivery.exception` webhook, the team's follow-up and (while it is the delivery's
 * latest event) the email to the customer's portal contacts.
 */
async function afterStored(trx: Transaction<DB>, dialect: Dialect, principal: WorkspacePrincipal, delivery: DeliveryRow, event: DeliveryEventRow, latestEventId: string | undefined): Promise<void> {
  await appendAuditEvent(trx, dialect, principal, {
    action: event.type === 'exception' ? 'delivery.exception' : 'delivery.event_recorded',
    subjectType: 'delivery',
    subjectId: delivery.id,
    customerId: delivery.customer_id,
    data: { eventId: event.external_id, type: event.type, occurredAt: event.occurred_at, status: delivery.status },
  });
  if (event.type !== 'exception') return;
  await enqueueDeliveryExceptionWebhook(trx, delivery, event);
  await openFollowUpForSource(trx, {
    workspaceId: delivery.workspace_id,
    kind: 'delivery.exception',
    sourceType: 'delivery',
    sourceId: delivery.id,
    customerId: delivery.customer_id,
    contactId: null,
    summary: `Delivery problem (${delivery.carrier} ${delivery.tracking_reference}): ${event.note}`,
  });
  if (event.id === latestEventId) await enqueueDeliveryExceptionEmails(trx, delivery, event);
}

async function latestEventId(trx: Kysely<DB>, deliveryId: string): Promise<string | undefined> {
  const row = await trx
    .selectFrom('delivery_events')
    .select('id')
    .where('delivery_id', '=', deliveryId)
    .orderBy('occurred_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

const eventConflict = (externalId: string) =>
  new Problem(409, 'delivery_event_conflict', 'Event id already used', `An event with the id "${externalId}" was stored with other content; an event's id names one event only. Send a new id for a new event.`, [
    { field: 'body.id', message: 'already stored with other content' },
  ]);

/** Records one event of a delivery; the same event again answers `duplicate` and changes nothing. */
export async function appendDeliveryEvent({ db, dialect }: Database, principal: WorkspacePrincipal, deliveryId: string, input: NewDeliveryEvent): Promise<AppendDeliveryEventResult> {
  const checked = checkEvent(input, 'body');
  if (Array.isArray(checked)) throw problemOf(checked[0]!);
  const at = isoNow();
  return db.transaction().execute(async (trx) => {
    let delivery = await lockWorkspaceDelivery(trx, dialect, principal.workspaceId, deliveryId);
    if (!delivery) throw notFound('delivery');
    const outcome = await storeEvent(trx, delivery, checked, at);
    if (outcome.result === 'conflict') throw eventConflict(checked.externalId);
    if (outcome.result === 'stored') {
      delivery = await refreshDeliveryStatus(trx, delivery.id, at);
      await afterStored(trx, dialect, principal, delivery, outcome.row, await latestEventId(trx, delivery.id));
    }
    return { result: outcome.result, event: toDeliveryEvent(outcome.row), delivery: toDelivery(delivery, await deliveryEvents(trx, delivery.id)) };
  });
}

/**
 * Records a batch of events of any of the workspace's deliveries in one transaction. Invalid input
 * (a rule broken, a delivery not in the workspace) refuses the whole batch, listing every fault;
 * otherwise each event is stored, a duplicate, or a conflict (skipped; the others are stored).
 */
export async function appendDeliveryEvents({ db, dialect }: Database, principal: WorkspacePrincipal, input: AppendDeliveryEvents): Promise<AppendDeliveryEventsResult> {
  const now = Date.now();
  const faults: Fault[] = [];
  const checked: CheckedEvent[] = [];
  input.events.forEach((event, index) => {
    const result = checkEvent(event, `body.events[${index}]`, now);
    if (Array.isArray(result)) faults.push(...result);
    else checked[index] = result;
  });
  const deliveryIds = [...new Set(input.events.map((event) => event.deliveryId))].sort();
  const known = new Set(
    (await db.selectFrom('deliveries').select('id').where('workspace_id', '=', principal.workspaceId).where('id', 'in', deliveryIds).execute()).map((row) => row.id),
  );
  input.events.forEach((event, index) => {
    if (!known.has(event.deliveryId)) {
      faults.push({ code: 'delivery_not_found', title: 'Delivery not found', detail: 'No such delivery in this workspace.', field: `body.events[${index}].deliveryId` });
    }
  });
  if (faults.length) {
    faults.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true }));
    const first = faults[0]!;
    throw new Problem(
      422,
      first.code,
      faults.length === 1 ? first.title : 'Invalid events',
      `${faults.length === 1 ? first.detail : `${faults.length} faults; nothing was stored. The first: ${first.field}: ${first.detail}`}`,
      faults.map((fault) => ({ field: fault.field, message: `${fault.code}: ${fault.detail}` })),
    );
  }

  const at = isoNow();
  return db.transaction().execute(async (trx) => {
    // Locked in one order (by id), so two batches naming the same deliveries cannot deadlock.
    const deliveries = new Map<string, DeliveryRow>();
    for (const deliveryId of deliveryIds) {
      const delivery = await lockWorkspaceDelivery(trx, dialect, principal.workspaceId, deliveryId);
      if (!delivery) throw notFound('delivery');
      deliveries.set(deliveryId, delivery);
    }
    const results: BulkDeliveryEventOutcome[] = [];
    const stored: DeliveryEventRow[] = [];
    for (const [index, event] of input.events.entries()) {
      const outcome = await storeEvent(trx, deliveries.get(event.deliveryId)!, checked[index]!, at);
      results.push({ index, deliveryId: event.deliveryId, id: event.id, result: outcome.result });
      if (outcome.result === 'stored') stored.push(outcome.row);
    }
    const changed = [...new Set(stored.map((row) => row.delivery_id))].sort();
    const latest = new Map<string, string | undefined>();
    for (const deliveryId of changed) {
      deliveries.set(deliveryId, await refreshDeliveryStatus(trx, deliveryId, at));
      latest.set(deliveryId, await latestEventId(trx, deliveryId));
    }
    for (const row of stored) await afterStored(trx, dialect, principal, deliveries.get(row.delivery_id)!, row, latest.get(row.delivery_id));
    const count = (result: BulkDeliveryEventOutcome['result']) => results.filter((outcome) => outcome.result === result).length;
    return { stored: count('stored'), duplicates: count('duplicate'), conflicts: count('conflict'), results };
  });
}
