import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

/** The longest carrier name, tracking reference and order reference, in characters after trimming. */
export const DELIVERY_CARRIER_MAX_LENGTH = 100;
export const DELIVERY_TRACKING_REFERENCE_MAX_LENGTH = 200;
export const DELIVERY_ORDER_REFERENCE_MAX_LENGTH = 200;
/** An event's own id in the tenant's logistics system: 1–200 printable characters, kept exactly as sent. */
export const DELIVERY_EVENT_ID_MAX_LENGTH = 200;
export const DELIVERY_EVENT_LOCATION_MAX_LENGTH = 200;
export const DELIVERY_EVENT_NOTE_MAX_LENGTH = 1_000;
/** The most events one bulk append carries. */
export const DELIVERY_EVENTS_MAX_BATCH = 500;

// ---------------------------------------------------------------- portal shapes

/** The latest event's type by `occurredAt`; `pending` before any event. */
export const DeliveryStatus = Type.Enum(['pending', 'scheduled', 'dispatched', 'in_transit', 'delivered', 'exception']);
export type DeliveryStatus = Static<typeof DeliveryStatus>;

export const DeliveryEventType = Type.Enum(['scheduled', 'dispatched', 'in_transit', 'delivered', 'exception']);
export type DeliveryEventType = Static<typeof DeliveryEventType>;

/** A delivery as a card in the portal's list. */
export const PortalDeliveryCard = Type.Object({
  id: Id,
  carrier: Type.String(),
  trackingReference: Type.String(),
  status: DeliveryStatus,
  /** The linked invoice and its number; both null while the invoice is a draft (not in the portal) or once it is deleted. */
  invoiceId: Type.Union([Id, Type.Null()]),
  invoiceNumber: Type.Union([Type.String(), Type.Null()]),
  /** The linked estimate and its number; both null while the estimate is a draft (not in the portal) or once it is deleted. */
  estimateId: Type.Union([Id, Type.Null()]),
  estimateNumber: Type.Union([Type.String(), Type.Null()]),
  orderReference: Type.Union([Type.String(), Type.Null()]),
  /** When the latest event (by `occurredAt`) happened; null before any. */
  lastEventAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
});
export type PortalDeliveryCard = Static<typeof PortalDeliveryCard>;

/** One step of a delivery's timeline as the contact sees it. */
export const PortalDeliveryEvent = Type.Object({
  /** This server's id of the event (`dle_…`), not the tenant's logistics id. */
  id: Id,
  type: DeliveryEventType,
  occurredAt: Timestamp,
  /** '' when none. */
  location: Type.String(),
  /** '' when none; an exception always has one. */
  note: Type.String(),
});
export type PortalDeliveryEvent = Static<typeof PortalDeliveryEvent>;

export const PortalDelivery = Type.Object({
  ...PortalDeliveryCard.properties,
  /** Oldest first by `occurredAt`. */
  events: Type.Array(PortalDeliveryEvent),
});
export type PortalDelivery = Static<typeof PortalDelivery>;

/** Newest activity first: the delivery that most recently got an event (or was created) comes first. */
export const PortalDeliveryListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false });
export type PortalDeliveryListQuery = Static<typeof PortalDeliveryListQuery>;

export const DeliveryParams = Type.Object({ deliveryId: Id });

// ---------------------------------------------------------------- portal endpoints

/** The signed-in customer's deliveries and their tracking timelines (read only). */
export const portalDeliveryEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/deliveries',
    operationId: 'listPortalDeliveries',
    summary: "List the customer's deliveries, newest activity first",
    description: 'Ordered by when something was last recorded on the delivery (an event arriving, or its creation), newest first.',
    surface: 'portal',
    query: PortalDeliveryListQuery,
    status: 200,
    response: Page(PortalDeliveryCard),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/deliveries/:deliveryId',
    operationId: 'retrievePortalDelivery',
    summary: 'Retrieve a delivery with its timeline, oldest event first',
    surface: 'portal',
    params: DeliveryParams,
    status: 200,
    response: PortalDelivery,
  }),
};

// ---------------------------------------------------------------- workspace shapes

/** An event as the team sees it. */
export const DeliveryEvent = Type.Object({
  /** The event's own id in your logistics system, exactly as sent. */
  id: Type.String(),
  type: DeliveryEventType,
  occurredAt: Timestamp,
  location: Type.String(),
  note: Type.String(),
  /** When this server stored it. */
  recordedAt: Timestamp,
});
export type DeliveryEvent = Static<typeof DeliveryEvent>;

export const DeliverySummary = Type.Object({
  id: Id,
  customerId: Id,
  invoiceId: Type.Union([Id, Type.Null()]),
  estimateId: Type.Union([Id, Type.Null()]),
  orderReference: Type.Union([Type.String(), Type.Null()]),
  carrier: Type.String(),
  trackingReference: Type.String(),
  status: DeliveryStatus,
  lastEventAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type DeliverySummary = Static<typeof DeliverySummary>;

export const Delivery = Type.Object({
  ...DeliverySummary.properties,
  /** Oldest first by `occurredAt`. */
  events: Type.Array(DeliveryEvent),
});
export type Delivery = Static<typeof Delivery>;

export const CreateDelivery = Type.Object(
  {
    customerId: Id,
    /** An invoice of the same customer (422 `invoice_not_found` otherwise). */
    invoiceId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** An estimate of the same customer (422 `estimate_not_found` otherwise). */
    estimateId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** Your own order number: 1–200 characters after trimming. */
    orderReference: Type.Optional(Type.Union([Type.String({ maxLength: 1_000 }), Type.Null()])),
    /** 1–100 characters after trimming. */
    carrier: Type.String({ maxLength: 1_000 }),
    /** 1–200 characters after trimming. */
    trackingReference: Type.String({ maxLength: 1_000 }),
  },
  {
    additionalProperties: false,
    examples: [{ customerId: 'cus_k3x9q2m7p4t8v6w5y2z3', orderReference: 'PO-2026-118', carrier: 'DHL Express', trackingReference: '1Z999AA10123456784' }],
  },
);
export type CreateDelivery = Static<typeof CreateDelivery>;

/** One event as your logistics system reports it. */
export const NewDeliveryEvent = Type.Object(
  {
    /** The event's own id in your logistics system: 1–200 characters without control characters. A repeat is stored once. */
    id: Type.String({ maxLength: 1_000 }),
    type: DeliveryEventType,
    /** When it happened (ISO-8601 with a zone); events may arrive in any order. */
    occurredAt: Timestamp,
    /** Up to 200 characters. */
    location: Type.Optional(Type.String({ maxLength: 1_000 })),
    /** Up to 1,000 characters; required for an `exception`. */
    note: Type.Optional(Type.String({ maxLength: 5_000 })),
  },
  {
    additionalProperties: false,
    examples: [{ id: 'evt-000184', type: 'in_transit', occurredAt: '2026-12-01T09:30:00.000Z', location: 'Leipzig hub' }],
  },
);
export type NewDeliveryEvent = Static<typeof NewDeliveryEvent>;

/** `stored`: new; `duplicate`: the same event was stored before (nothing changed); `conflict`: the id was stored with other content (bulk only). */
export const DeliveryEventResult = Type.Enum(['stored', 'duplicate', 'conflict']);
export type DeliveryEventResult = Static<typeof DeliveryEventResult>;

export const AppendDeliveryEventResult = Type.Object({
  result: Type.Enum(['stored', 'duplicate']),
  /** The event as stored (for a duplicate: the first one). */
  event: DeliveryEvent,
  delivery: Delivery,
});
export type AppendDeliveryEventResult = Static<typeof AppendDeliveryEventResult>;

export const BulkDeliveryEvent = Type.Object(
  { deliveryId: Id, ...NewDeliveryEvent.properties },
  { additionalProperties: false },
);
export type BulkDeliveryEvent = Static<typeof BulkDeliveryEvent>;

export const AppendDeliveryEvents = Type.Object(
  { events: Type.Array(BulkDeliveryEvent, { minItems: 1, maxItems: DELIVERY_EVENTS_MAX_BATCH }) },
  {
    additionalProperties: false,
    examples: [{ events: [{ deliveryId: 'dlv_k3x9q2m7p4t8v6w5y2z3', id: 'evt-000185', type: 'delivered', occurredAt: '2026-12-02T14:05:00.000Z', location: 'Reception' }] }],
  },
);
export type AppendDeliveryEvents = Static<typeof AppendDeliveryEvents>;

export const BulkDeliveryEventOutcome = Type.Object({
  /** The position in `events`, from 0. */
  index: Type.Integer({ minimum: 0 }),
  deliveryId: Id,
  id: Type.String(),
  result: DeliveryEventResult,
});
export type BulkDeliveryEventOutcome = Static<typeof BulkDeliveryEventOutcome>;

export const AppendDeliveryEventsResult = Type.Object({
  stored: Type.Integer({ minimum: 0 }),
  duplicates: Type.Integer({ minimum: 0 }),
  conflicts: Type.Integer({ minimum: 0 }),
  /** One per event sent, in the order sent. */
  results: Type.Array(BulkDeliveryEventOutcome),
});
export type AppendDeliveryEventsResult = Static<typeof AppendDeliveryEventsResult>;

export const DeliveryListQuery = Type.Object(
  { ...PageQuery.properties, customerId: Type.Optional(Id), status: Type.Optional(DeliveryStatus) },
  { additionalProperties: false },
);
export type DeliveryListQuery = Static<typeof DeliveryListQuery>;

// ---------------------------------------------------------------- workspace endpoints

const eventRules =
  'An event: `id` 1–200 characters without control characters (422 `event_id_invalid`), `occurredAt` not more than 15 minutes ahead of the server clock (422 `occurred_at_in_future`), `location` up to 200 (422 `location_too_long`), `note` up to 1,000 (422 `note_too_long`) and required for `exception` (422 `exception_note_required`). The delivery takes the type of its latest event by `occurredAt` as its status, whatever order events arrive in. A stored `exception` sends the `delivery.exception` webhook and opens (or reopens) the delivery\'s follow-up, and emails the customer\'s portal contacts while it is the delivery\'s latest event; a duplicate does nothing.';

export const deliveryEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/deliveries',
    operationId: 'listDeliveries',
    summary: 'List deliveries, newest first',
    surface: 'workspace',
    permission: 'deliveries.read',
    query: DeliveryListQuery,
    status: 200,
    response: Page(DeliverySummary),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/deliveries',
    operationId: 'createDelivery',
    summary: 'Record a delivery for a customer',
    description:
      'Link at least one of `invoiceId`, `estimateId`, `orderReference` (422 `delivery_link_required`); a linked invoice or estimate must be the same customer\'s (422 `invoice_not_found` / `estimate_not_found`); a customer not in the workspace is 404. `carrier` 1–100 (422 `carrier_required` / `carrier_too_long`), `trackingReference` 1–200 (422 `tracking_reference_required` / `tracking_reference_too_long`), `orderReference` 1–200 when given (422 `order_reference_too_long`). Starts `pending`.',
    surface: 'workspace',
    permission: 'deliveries.write',
    body: CreateDelivery,
    status: 201,
    response: Delivery,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/deliveries/:deliveryId',
    operationId: 'retrieveDelivery',
    summary: 'Retrieve a delivery with its events, oldest first',
    surface: 'workspace',
    permission: 'deliveries.read',
    params: DeliveryParams,
    status: 200,
    response: Delivery,
  }),
  appendEvent: endpoint({
    method: 'POST',
    path: '/v1/workspace/deliveries/:deliveryId/events',
    operationId: 'appendDeliveryEvent',
    summary: 'Record one tracking event of a delivery (idempotent by the event id)',
    description: `Sending an event again with the same \`id\` and content answers \`result: "duplicate"\` with the event as first stored, and changes nothing; the same \`id\` with other content is refused with 409 \`delivery_event_conflict\`. ${eventRules}`,
    surface: 'workspace',
    permission: 'deliveries.write',
    params: DeliveryParams,
    body: NewDeliveryEvent,
    status: 200,
    response: AppendDeliveryEventResult,
    extraProblems: [422],
  }),
  appendEvents: endpoint({
    method: 'POST',
    path: '/v1/workspace/delivery-events',
    operationId: 'appendDeliveryEvents',
    summary: 'Record up to 500 tracking events of any deliveries at once',
    description: `All or nothing on invalid input: any event breaking a rule, or naming a delivery not in the workspace (422 \`delivery_not_found\`), refuses the whole batch with each fault in \`errors\` (\`events[i].field\`). Otherwise every event is answered in \`results\`: \`stored\`, \`duplicate\` (the same id and content stored before, or earlier in the batch) or \`conflict\` (the id was stored with other content; that event is skipped, the rest are stored). ${eventRules}`,
    surface: 'workspace',
    permission: 'deliveries.write',
    body: AppendDeliveryEvents,
    status: 200,
    response: AppendDeliveryEventsResult,
    extraProblems: [422],
  }),
};
