import type { Kysely, Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type {
  Delivery,
  DeliveryEvent,
  DeliveryStatus,
  DeliverySummary,
  PortalDelivery,
  PortalDeliveryCard,
  PortalDeliveryEvent,
} from '../../../sdk/contract/deliveries.js';
import type { Dialect } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { keysetPage, type PageRequest } from '../../lib/keyset.js';
import type { DeliveryEventRow, DeliveryRow } from '../finance/schema.js';

// ---------------------------------------------------------------- mappers

/** A delivery as the portal reads it: with the numbers of its linked invoice and estimate unless they are drafts. */
export type PortalDeliveryRow = Pick<
  DeliveryRow,
  'id' | 'carrier' | 'tracking_reference' | 'status' | 'order_reference' | 'last_event_at' | 'created_at' | 'updated_at'
> & {
  shown_invoice_id: string | null;
  invoice_number: string | null;
  shown_estimate_id: string | null;
  estimate_number: string | null;
};

export function toPortalDeliveryCard(row: PortalDeliveryRow): PortalDeliveryCard {
  return {
    id: row.id,
    carrier: row.carrier,
    trackingReference: row.tracking_reference,
    status: row.status,
    invoiceId: row.shown_invoice_id,
    invoiceNumber: row.invoice_number,
    estimateId: row.shown_estimate_id,
    estimateNumber: row.estimate_number,
    orderReference: row.order_reference,
    lastEventAt: row.last_event_at,
    createdAt: row.created_at,
  };
}

export function toPortalDeliveryEvent(row: DeliveryEventRow): PortalDeliveryEvent {
  return { id: row.id, type: row.type, occurredAt: row.occurred_at, location: row.location, note: row.note };
}

export function toPortalDelivery(row: PortalDeliveryRow, events: DeliveryEventRow[]): PortalDelivery {
  return { ...toPortalDeliveryCard(row), events: events.map(toPortalDeliveryEvent) };
}

export function toDeliveryEvent(row: DeliveryEventRow): DeliveryEvent {
  return { id: row.external_id, type: row.type, occurredAt: row.occurred_at, location: row.location, note: row.note, recordedAt: row.created_at };
}

export function toDeliverySummary(row: DeliveryRow): DeliverySummary {
  return {
    id: row.id,
    customerId: row.customer_id,
    invoiceId: row.invoice_id,
    estimateId: row.estimate_id,
    orderReference: row.order_reference,
    carrier: row.carrier,
    trackingReference: row.tracking_reference,
    status: row.status,
    lastEventAt: row.last_event_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toDelivery(row: DeliveryRow, events: DeliveryEventRow[]): Delivery {
  return { ...toDeliverySummary(row), events: events.map(toDeliveryEvent) };
}

// ---------------------------------------------------------------- portal reads

/**
 * The customer's deliveries with what the portal shows of their links: an invoice or estimate
 * that is still a draft is not in the portal, so neither its id nor its number is shown.
 */
function customerDeliveries(db: Kysely<DB>, customerId: string) {
  return db
    .selectFrom('deliveries as d')
    .leftJoin('invoices as i', (join) => join.onRef('i.id', '=', 'd.invoice_id').on('i.state', '!=', 'draft'))
    .leftJoin('estimates as e', (join) => join.onRef('e.id', '=', 'd.estimate_id').on('e.status', '!=', 'draft'))
    .select([
      'd.id',
      'd.carrier',
      'd.tracking_reference',
      'd.status',
      'd.order_reference',
      'd.last_event_at',
      'd.created_at',
      'd.updated_at',
      'i.id as shown_invoice_id',
      'i.number as invoice_number',
      'e.id as shown_estimate_id',
      'e.number as estimate_number',
    ])
    .where('d.customer_id', '=', customerId);
}

/** Newest activity first: `updated_at` moves whenever an event is stored. */
export function listCustomerDeliveries(db: Kysely<DB>, customerId: string, page: PageRequest): Promise<Page<PortalDeliveryCard>> {
  return keysetPage(customerDeliveries(db, customerId), [['d.updated_at', 'desc'], ['d.id', 'desc']], page, toPortalDeliveryCard);
}

export function findCustomerDelivery(db: Kysely<DB>, customerId: string, deliveryId: string): Promise<PortalDeliveryRow | undefined> {
  return customerDeliveries(db, customerId).where('d.id', '=', deliveryId).executeTakeFirst();
}

/** A delivery's timeline, oldest first; events at the same instant in the order they were stored. */
export function deliveryEvents(db: Kysely<DB>, deliveryId: string): Promise<DeliveryEventRow[]> {
  return db
    .selectFrom('delivery_events')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('occurred_at', 'asc')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

// ---------------------------------------------------------------- workspace reads and writes

export function findWorkspaceDelivery(db: Kysely<DB>, workspaceId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
  return db.selectFrom('deliveries').selectAll().where('id', '=', deliveryId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/**
 * The delivery, locked until the transaction ends (PostgreSQL; SQLite has one writer at a time):
 * appends to one delivery run one after another, so each sees the events the one before stored
 * when it works out the status.
 */
export function lockWorkspaceDelivery(trx: Transaction<DB>, dialect: Dialect, workspaceId: string, deliveryId: string): Promise<DeliveryRow | undefined> {
  const query = trx.selectFrom('deliveries').selectAll().where('id', '=', deliveryId).where('workspace_id', '=', workspaceId);
  return (dialect === 'postgres' ? query.forUpdate() : query).executeTakeFirst();
}

export interface WorkspaceDeliveryFilter {
  customerId?: string | undefined;
  status?: DeliveryStatus | undefined;
}

/** The team's list, newest created first. */
export function listWorkspaceDeliveries(db: Kysely<DB>, workspaceId: string, filter: WorkspaceDeliveryFilter, page: PageRequest): Promise<Page<DeliverySummary>> {
  let query = db.selectFrom('deliveries').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.customerId) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status) query = query.where('status', '=', filter.status);
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], page, toDeliverySummary);
}

export async function insertDelivery(trx: Transaction<DB>, row: DeliveryRow): Promise<DeliveryRow> {
  await trx.insertInto('deliveries').values(row).execute();
  return row;
}

/** Stores the event unless the delivery already has one with its external id; undefined then. */
export function insertDeliveryEvent(trx: Transaction<DB>, row: DeliveryEventRow): Promise<DeliveryEventRow | undefined> {
  return trx
    .insertInto('delivery_events')
    .values(row)
    .onConflict((conflict) => conflict.columns(['delivery_id', 'external_id']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function findDeliveryEvent(db: Kysely<DB>, deliveryId: string, externalId: string): Promise<DeliveryEventRow | undefined> {
  return db.selectFrom('delivery_events').selectAll().where('delivery_id', '=', deliveryId).where('external_id', '=', externalId).executeTakeFirst();
}

/**
 * Sets the delivery's status and `last_event_at` from its latest event by `occurred_at` (events
 * arrive in any order; at the same instant the one stored last wins) and marks it active at `at`.
 */
export async function refreshDeliveryStatus(trx: Transaction<DB>, deliveryId: string, at: string): Promise<DeliveryRow> {
  const latest = await trx
    .selectFrom('delivery_events')
    .select(['type', 'occurred_at'])
    .where('delivery_id', '=', deliveryId)
    .orderBy('occurred_at', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return trx
    .updateTable('deliveries')
    .set({ status: latest?.type ?? 'pending', last_event_at: latest?.occurred_at ?? null, updated_at: at })
    .where('id', '=', deliveryId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
