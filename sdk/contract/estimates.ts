import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';
import { CurrencyCode, LineItem, MAX_LINE_ITEMS, MinorAmount, MoneyTotals, WorkspaceLineItem, WorkspaceLineItemInput } from './money.js';

/** The longest title, in code points after trimming. */
export const ESTIMATE_TITLE_MAX_LENGTH = 200;
/** The longest notes (the customer's) and internal note (the team's), in code points after trimming. */
export const ESTIMATE_NOTES_MAX_LENGTH = 5_000;
/** The longest typed name an approval records, in code points after trimming. */
export const ESTIMATE_APPROVAL_NAME_MAX_LENGTH = 200;
/** The longest decline reason, in code points after trimming. */
export const ESTIMATE_DECLINE_REASON_MAX_LENGTH = 1_000;

/** A calendar date without a time, `YYYY-MM-DD` (valid until, issue and due dates). */
const EstimateDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'a calendar date, YYYY-MM-DD' });

// ---------------------------------------------------------------- portal shapes

/**
 * An estimate as the contact sees it; drafts never reach the portal. `expired` is derived when
 * read: sent and `validUntil` before today (UTC).
 */
export const PortalEstimateStatus = Type.Enum(['sent', 'approved', 'declined', 'expired', 'converted']);
export type PortalEstimateStatus = Static<typeof PortalEstimateStatus>;

/** An estimate as a card in the portal's list. */
export const PortalEstimateCard = Type.Object({
  id: Id,
  /** Per workspace, e.g. `EST-0001`. */
  number: Type.String(),
  title: Type.String(),
  status: PortalEstimateStatus,
  projectId: Type.Union([Id, Type.Null()]),
  projectName: Type.Union([Type.String(), Type.Null()]),
  currency: CurrencyCode,
  /** In the currency's minor units. */
  total: MinorAmount,
  /** The last day it can be approved, `YYYY-MM-DD`. */
  validUntil: EstimateDate,
  sentAt: Timestamp,
  /** Changes with every edit the team makes; an approval names the version the contact saw. */
  version: Type.Integer({ minimum: 1 }),
});
export type PortalEstimateCard = Static<typeof PortalEstimateCard>;

/** An estimate as the contact sees it: its lines and totals, never the team's costs or notes. */
export const PortalEstimate = Type.Object({
  ...PortalEstimateCard.properties,
  /** The team's notes to the customer ('' when none). */
  notes: Type.String(),
  /** By position. */
  lines: Type.Array(LineItem),
  totals: MoneyTotals,
  approvedAt: Type.Union([Timestamp, Type.Null()]),
  /** The name typed when approving. */
  approvedName: Type.Union([Type.String(), Type.Null()]),
  declinedAt: Type.Union([Timestamp, Type.Null()]),
  declineReason: Type.Union([Type.String(), Type.Null()]),
});
export type PortalEstimate = Static<typeof PortalEstimate>;

/**
 * `open` (the default): sent and not expired, soonest `validUntil` first; `closed`: approved,
 * declined, expired and converted, newest sent first.
 */
export const PortalEstimateListQuery = Type.Object(
  { ...PageQuery.properties, tab: Type.Optional(Type.Enum(['open', 'closed'])) },
  { additionalProperties: false },
);
export type PortalEstimateListQuery = Static<typeof PortalEstimateListQuery>;

export const EstimateParams = Type.Object({ estimateId: Id });

export const ApproveEstimate = Type.Object(
  {
    /** The contact's full name as they type it: 1–200 code points after trimming (stored NFC, whitespace runs as one space). */
    name: Type.String(),
    /** The `version` of the estimate the contact saw. */
    version: Type.Integer({ minimum: 1 }),
  },
  { additionalProperties: false, examples: [{ name: 'Ada Lovelace', version: 1 }] },
);
export type ApproveEstimate = Static<typeof ApproveEstimate>;

export const DeclineEstimate = Type.Object(
  {
    /** Why the customer declines: 1–1,000 code points after trimming. */
    reason: Type.String(),
  },
  { additionalProperties: false, examples: [{ reason: 'Over our budget for this quarter.' }] },
);
export type DeclineEstimate = Static<typeof DeclineEstimate>;

// ---------------------------------------------------------------- portal endpoints

const idempotencyNote =
  'Send an `Idempotency-Key` header (1–255 characters, kept 24 hours) to retry safely: the same key and body answer the first result again; the same key with another body is refused with 409 `idempotency_key_reused`.';
const decisionNote =
  'Refused with nothing recorded: 409 `estimate_changed` when the team edited it after the version the contact saw (reload it), 409 `estimate_expired` past its valid-until date, 409 `estimate_not_pending` once approved, declined or converted.';

/** What a signed-in contact does with the estimates sent to their customer. */
export const portalEstimateEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/estimates',
    operationId: 'listPortalEstimates',
    summary: "List the customer's estimates",
    description: '`tab=open` (the default): awaiting a decision, soonest valid-until first; `tab=closed`: approved, declined, expired and converted, newest sent first.',
    surface: 'portal',
    query: PortalEstimateListQuery,
    status: 200,
    response: Page(PortalEstimateCard),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/estimates/:estimateId',
    operationId: 'retrievePortalEstimate',
    summary: 'Retrieve an estimate with its lines and totals',
    surface: 'portal',
    params: EstimateParams,
    status: 200,
    response: PortalEstimate,
  }),
  approve: endpoint({
    method: 'POST',
    path: '/v1/portal/estimates/:estimateId/approve',
    operationId: 'approvePortalEstimate',
    summary: 'Approve the estimate with a typed full name',
    description: `Records the name, the time, the address and browser, and the version approved. 422 \`approval_name_required\` / \`approval_name_too_long\`. ${decisionNote} ${idempotencyNote}`,
    surface: 'portal',
    params: EstimateParams,
    body: ApproveEstimate,
    status: 200,
    response: PortalEstimate,
    extraProblems: [422],
  }),
  decline: endpoint({
    method: 'POST',
    path: '/v1/portal/estimates/:estimateId/decline',
    operationId: 'declinePortalEstimate',
    summary: 'Decline the estimate with a reason',
    description: `422 \`decline_reason_required\` / \`decline_reason_too_long\`. ${decisionNote} ${idempotencyNote}`,
    surface: 'portal',
    params: EstimateParams,
    body: DeclineEstimate,
    status: 200,
    response: PortalEstimate,
    extraProblems: [422],
  }),
};

// ---------------------------------------------------------------- workspace shapes

/** `draft` → `sent` → `approved` → `converted`, or `declined`; `expired` is derived (sent, past `validUntil`). */
export const EstimateStatus = Type.Enum(['draft', 'sent', 'approved', 'declined', 'expired', 'converted']);
export type EstimateStatus = Static<typeof EstimateStatus>;

/** What was recorded when a contact approved. */
export const EstimateApproval = Type.Object({
  /** The name as the contact typed it (trimmed, NFC). */
  name: Type.String(),
  contactId: Id,
  approvedAt: Timestamp,
  ipAddress: Type.String(),
  userAgent: Type.String(),
  /** The version the contact approved. */
  version: Type.Integer({ minimum: 1 }),
});
export type EstimateApproval = Static<typeof EstimateApproval>;

/** What was recorded when a contact declined. */
export const EstimateDecline = Type.Object({
  contactId: Id,
  declinedAt: Timestamp,
  reason: Type.String(),
});
export type EstimateDecline = Static<typeof EstimateDecline>;

/** An estimate in the team's list: without its lines. */
export const EstimateSummary = Type.Object({
  id: Id,
  number: Type.String(),
  customerId: Id,
  projectId: Type.Union([Id, Type.Null()]),
  title: Type.String(),
  status: EstimateStatus,
  currency: CurrencyCode,
  total: MinorAmount,
  validUntil: EstimateDate,
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
});
export type EstimateSummary = Static<typeof EstimateSummary>;

/** An estimate as the team sees it: with the internal note, unit costs and margins. */
export const Estimate = Type.Object({
  ...EstimateSummary.properties,
  notes: Type.String(),
  /** Never shown to the customer. */
  internalNote: Type.String(),
  lines: Type.Array(WorkspaceLineItem),
  totals: MoneyTotals,
  /** Σ line margins of the lines that have a unit cost; null when none has. */
  marginTotal: Type.Union([MinorAmount, Type.Null()]),
  approval: Type.Union([EstimateApproval, Type.Null()]),
  decline: Type.Union([EstimateDecline, Type.Null()]),
  /** The draft invoice it was converted into. */
  convertedInvoiceId: Type.Union([Id, Type.Null()]),
  convertedAt: Type.Union([Timestamp, Type.Null()]),
});
export type Estimate = Static<typeof Estimate>;

const EstimateLines = Type.Array(WorkspaceLineItemInput, { minItems: 1, maxItems: MAX_LINE_ITEMS });

export const CreateEstimate = Type.Object(
  {
    customerId: Id,
    /** A project of the same customer. */
    projectId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** 1–200 code points after trimming. */
    title: Type.String(),
    currency: CurrencyCode,
    /** The last day it can be approved. */
    validUntil: EstimateDate,
    /** To the customer, up to 5,000 code points. */
    notes: Type.Optional(Type.String()),
    /** The team's own, up to 5,000 code points; never shown to the customer. */
    internalNote: Type.Optional(Type.String()),
    lines: EstimateLines,
  },
  {
    additionalProperties: false,
    examples: [
      {
        customerId: 'cus_k3x9q2m7p4t8v6w5y2z3',
        title: 'Website redesign',
        currency: 'USD',
        validUntil: '2099-01-31',
        notes: 'Prices include two rounds of revisions.',
        lines: [
          { description: 'Design', quantity: '10', unitAmount: 12_000, taxRateBasisPoints: 2_000, unitCost: 7_000 },
          { description: 'Hosting (12 months)', quantity: '1', unitAmount: 24_000, discountBasisPoints: 1_000 },
        ],
      },
    ],
  },
);
export type CreateEstimate = Static<typeof CreateEstimate>;

/** Edits a draft or a sent estimate; `lines` given replace all of them. Editing a sent one bumps its `version`. */
export const UpdateEstimate = Type.Object(
  {
    projectId: Type.Optional(Type.Union([Id, Type.Null()])),
    title: Type.Optional(Type.String()),
    currency: Type.Optional(CurrencyCode),
    validUntil: Type.Optional(EstimateDate),
    notes: Type.Optional(Type.String()),
    internalNote: Type.Optional(Type.String()),
    lines: Type.Optional(EstimateLines),
  },
  { additionalProperties: false, examples: [{ title: 'Website redesign (revised)' }] },
);
export type UpdateEstimate = Static<typeof UpdateEstimate>;

/** The invoice a converted estimate becomes: dates default to today and 30 days later. */
export const ConvertEstimate = Type.Object(
  {
    issueDate: Type.Optional(EstimateDate),
    dueDate: Type.Optional(EstimateDate),
  },
  { additionalProperties: false, examples: [{}] },
);
export type ConvertEstimate = Static<typeof ConvertEstimate>;

export const EstimateListQuery = Type.Object(
  { ...PageQuery.properties, customerId: Type.Optional(Id), status: Type.Optional(EstimateStatus) },
  { additionalProperties: false },
);
export type EstimateListQuery = Static<typeof EstimateListQuery>;

// ---------------------------------------------------------------- workspace endpoints

const editLimits =
  'A title of 1–200 code points (422 `estimate_title_required` / `estimate_title_too_long`), notes and internal note of at most 5,000 (422 `estimate_notes_too_long`), a valid-until date that is a real date (422 `invalid_date`), 1–200 lines (amounts by the one rounding rule; 422 `unknown_currency`, `invalid_quantity`, `amount_too_large`). A project must be one of the same customer (422 `project_not_found`).';

export const estimateEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/estimates',
    operationId: 'listEstimates',
    summary: 'List estimates, newest first',
    description: 'Filter by customer or status (`expired` finds sent estimates past their valid-until date; `sent` those still open).',
    surface: 'workspace',
    permission: 'estimates.read',
    query: EstimateListQuery,
    status: 200,
    response: Page(EstimateSummary),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/estimates',
    operationId: 'createEstimate',
    summary: 'Draft an estimate for a customer',
    description: `Numbered per workspace (\`EST-0001\`, in order, without gaps); every amount is computed by the server. ${editLimits}`,
    surface: 'workspace',
    permission: 'estimates.write',
    body: CreateEstimate,
    status: 201,
    response: Estimate,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/estimates/:estimateId',
    operationId: 'retrieveEstimate',
    summary: 'Retrieve an estimate with its lines, costs and the approval or decline',
    surface: 'workspace',
    permission: 'estimates.read',
    params: EstimateParams,
    status: 200,
    response: Estimate,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/estimates/:estimateId',
    operationId: 'updateEstimate',
    summary: 'Edit a draft or sent estimate',
    description: `Editing a sent estimate bumps its \`version\`: a contact approving the version they saw before gets 409 \`estimate_changed\`. An approved, declined or converted estimate answers 409 \`estimate_locked\`; a sent one cannot get a valid-until date in the past (422 \`valid_until_past\`). ${editLimits}`,
    surface: 'workspace',
    permission: 'estimates.write',
    params: EstimateParams,
    body: UpdateEstimate,
    status: 200,
    response: Estimate,
    extraProblems: [422],
  }),
  send: endpoint({
    method: 'POST',
    path: '/v1/workspace/estimates/:estimateId/send',
    operationId: 'sendEstimate',
    summary: 'Send a draft estimate to the customer',
    description:
      'Emails each portal contact of the customer and sends the `estimate.sent` webhook. Refused: 409 `estimate_not_draft`, 409 `no_portal_contact` while the customer has no portal contact, 422 `valid_until_past` when the valid-until date is before today (UTC).',
    surface: 'workspace',
    permission: 'estimates.write',
    params: EstimateParams,
    status: 200,
    response: Estimate,
    extraProblems: [422],
  }),
  convert: endpoint({
    method: 'POST',
    path: '/v1/workspace/estimates/:estimateId/convert',
    operationId: 'convertEstimate',
    summary: 'Convert an approved estimate into a draft invoice',
    description:
      'In one transaction: a draft invoice with the estimate\'s customer, project, currency, lines (with their unit costs) and notes, and the estimate marked `converted` with `convertedInvoiceId`. Only an approved estimate converts (409 `estimate_not_approved`). Dates default to today and 30 days later (422 `invalid_date`, `due_before_issue`).',
    surface: 'workspace',
    permission: 'estimates.write',
    params: EstimateParams,
    body: ConvertEstimate,
    status: 200,
    response: Estimate,
    extraProblems: [422],
  }),
};
