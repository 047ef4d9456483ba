import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';
import { CurrencyCode, LineItem, MAX_LINE_ITEMS, MinorAmount, MoneyTotals, PaymentMethod, WorkspaceLineItem, WorkspaceLineItemInput } from './money.js';
import { PortalPaymentProof } from './payment-proofs.js';

export { PaymentMethod } from './money.js';

/** A calendar date without a time, `YYYY-MM-DD` (issue, due and paid-on dates). */
const CalendarDate = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The longest void reason, in code points after trimming. */
export const INVOICE_VOID_REASON_MAX_LENGTH = 1_000;
/** The longest payment reference. */
export const PAYMENT_REFERENCE_MAX_LENGTH = 100;

// ---------------------------------------------------------------- portal shapes

/**
 * An invoice as the contact sees it, derived when read: `open` (nothing paid yet), `partially_paid`,
 * `paid` (nothing due), `overdue` (something due after the due date, UTC) or `void`. Drafts are
 * never in the portal.
 */
export const PortalInvoiceStatus = Type.Enum(['open', 'partially_paid', 'paid', 'overdue', 'void']);
export type PortalInvoiceStatus = Static<typeof PortalInvoiceStatus>;

/** An invoice as a card in the portal's list. Money in minor units of `currency`. */
export const PortalInvoiceCard = Type.Object({
  id: Id,
  /** Per workspace, e.g. `INV-0001`. */
  number: Type.String(),
  status: PortalInvoiceStatus,
  projectId: Type.Union([Id, Type.Null()]),
  projectName: Type.Union([Type.String(), Type.Null()]),
  currency: CurrencyCode,
  total: MinorAmount,
  amountPaid: MinorAmount,
  /** total − paid, never below 0. */
  amountDue: MinorAmount,
  issueDate: CalendarDate,
  dueDate: CalendarDate,
});
export type PortalInvoiceCard = Static<typeof PortalInvoiceCard>;

/** A payment recorded against the invoice. */
export const PortalPayment = Type.Object({
  id: Id,
  amount: MinorAmount,
  currency: CurrencyCode,
  paidOn: CalendarDate,
  method: PaymentMethod,
  reference: Type.String(),
});
export type PortalPayment = Static<typeof PortalPayment>;

export const PortalInvoice = Type.Object({
  ...PortalInvoiceCard.properties,
  /** The team's note to the customer ('' when none). */
  notes: Type.String(),
  /** By position. */
  lines: Type.Array(LineItem),
  totals: MoneyTotals,
  /** Oldest first. */
  payments: Type.Array(PortalPayment),
  /** The contact's submitted proofs of payment, newest first. */
  paymentProofs: Type.Array(PortalPaymentProof),
});
export type PortalInvoice = Static<typeof PortalInvoice>;

/** `all` (the default) or `outstanding` (open, partially paid, overdue); newest issue date first. */
export const PortalInvoiceListQuery = Type.Object(
  { ...PageQuery.properties, tab: Type.Optional(Type.Enum(['outstanding', 'all'])) },
  { additionalProperties: false },
);
export type PortalInvoiceListQuery = Static<typeof PortalInvoiceListQuery>;

export const InvoiceParams = Type.Object({ invoiceId: Id });

// Described per content type (Fastify's form): the body is the PDF's bytes.
const InvoicePdf = Type.Unsafe<unknown>({
  description: 'The invoice as a PDF attachment',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});

// ---------------------------------------------------------------- portal endpoints

/** The invoices the team issued to the signed-in customer. */
export const portalInvoiceEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/invoices',
    operationId: 'listPortalInvoices',
    summary: 'List the invoices issued to the signed-in customer, newest issue date first',
    surface: 'portal',
    query: PortalInvoiceListQuery,
    status: 200,
    response: Page(PortalInvoiceCard),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/invoices/:invoiceId',
    operationId: 'retrievePortalInvoice',
    summary: 'Retrieve an invoice with its lines, payments and submitted proofs of payment',
    surface: 'portal',
    params: InvoiceParams,
    status: 200,
    response: PortalInvoice,
  }),
  pdf: endpoint({
    method: 'GET',
    path: '/v1/portal/invoices/:invoiceId/pdf',
    operationId: 'downloadPortalInvoicePdf',
    summary: 'Download the invoice as a PDF',
    surface: 'portal',
    params: InvoiceParams,
    status: 200,
    response: InvoicePdf,
  }),
};

// ---------------------------------------------------------------- workspace shapes

/** Portal statuses plus `draft` (not yet sent; only the team sees it). */
export const InvoiceStatus = Type.Enum(['draft', 'open', 'partially_paid', 'paid', 'overdue', 'void']);
export type InvoiceStatus = Static<typeof InvoiceStatus>;

/** Who recorded a payment: a member, an API key, or the system (an accepted payment proof). */
export const PaymentRecorder = Type.Object({ type: Type.Enum(['member', 'api_key', 'system']), id: Type.String() });
export type PaymentRecorder = Static<typeof PaymentRecorder>;

/** A payment as the team sees it. */
export const Payment = Type.Object({
  ...PortalPayment.properties,
  /** `team`: recorded by the team; `payment_proof`: a contact's proof the team accepted. */
  source: Type.Enum(['team', 'payment_proof']),
  paymentProofId: Type.Union([Id, Type.Null()]),
  recordedBy: PaymentRecorder,
  createdAt: Timestamp,
});
export type Payment = Static<typeof Payment>;

/** An invoice in the team's list: without lines and payments. */
export const InvoiceSummary = Type.Object({
  id: Id,
  number: Type.String(),
  customerId: Id,
  projectId: Type.Union([Id, Type.Null()]),
  /** The estimate it was converted from. */
  estimateId: Type.Union([Id, Type.Null()]),
  status: InvoiceStatus,
  currency: CurrencyCode,
  total: MinorAmount,
  amountPaid: MinorAmount,
  amountDue: MinorAmount,
  issueDate: CalendarDate,
  dueDate: CalendarDate,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
  paidAt: Type.Union([Timestamp, Type.Null()]),
  voidedAt: Type.Union([Timestamp, Type.Null()]),
});
export type InvoiceSummary = Static<typeof InvoiceSummary>;

export const Invoice = Type.Object({
  ...InvoiceSummary.properties,
  notes: Type.String(),
  /** The team's own note: never shown to the customer. */
  internalNote: Type.String(),
  voidReason: Type.Union([Type.String(), Type.Null()]),
  /** With each line's internal unit cost and margin. */
  lines: Type.Array(WorkspaceLineItem),
  totals: MoneyTotals,
  /** Oldest first. */
  payments: Type.Array(Payment),
});
export type Invoice = Static<typeof Invoice>;

const InvoiceLines = Type.Array(WorkspaceLineItemInput, { minItems: 1, maxItems: MAX_LINE_ITEMS });
const notes = Type.String({ maxLength: 5_000 });

export const CreateInvoice = Type.Object(
  {
    customerId: Id,
    /** A project of the same customer. */
    projectId: Type.Optional(Type.Union([Id, Type.Null()])),
    currency: CurrencyCode,
    issueDate: CalendarDate,
    /** On or after `issueDate`. */
    dueDate: CalendarDate,
    /** Shown to the customer, up to 5,000 characters. */
    notes: Type.Optional(notes),
    /** The team's own, never shown to the customer. */
    internalNote: Type.Optional(notes),
    lines: InvoiceLines,
  },
  {
    additionalProperties: false,
    examples: [
      {
        customerId: 'cus_k3x9q2m7p4t8v6w5y2z3',
        currency: 'USD',
        issueDate: '2026-12-01',
        dueDate: '2026-12-31',
        notes: 'Thank you for your business.',
        lines: [{ description: 'Design work', quantity: '10', unitAmount: 12_000, taxRateBasisPoints: 2_000 }],
      },
    ],
  },
);
export type CreateInvoice = Static<typeof CreateInvoice>;

/** A draft's fields; `lines` given replace all of them. */
export const UpdateInvoice = Type.Object(
  {
    projectId: Type.Optional(Type.Union([Id, Type.Null()])),
    currency: Type.Optional(CurrencyCode),
    issueDate: Type.Optional(CalendarDate),
    dueDate: Type.Optional(CalendarDate),
    notes: Type.Optional(notes),
    internalNote: Type.Optional(notes),
    lines: Type.Optional(InvoiceLines),
  },
  { additionalProperties: false, examples: [{ notes: 'Payable by bank transfer.' }] },
);
export type UpdateInvoice = Static<typeof UpdateInvoice>;

export const VoidInvoice = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: INVOICE_VOID_REASON_MAX_LENGTH }) },
  { additionalProperties: false, examples: [{ reason: 'Issued to the wrong customer.' }] },
);
export type VoidInvoice = Static<typeof VoidInvoice>;

export const RecordPayment = Type.Object(
  {
    /** In minor units of the invoice's currency; at most the amount due. */
    amount: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }),
    paidOn: CalendarDate,
    method: PaymentMethod,
    /** E.g. the bank transfer's reference; up to 100 characters. */
    reference: Type.Optional(Type.String({ maxLength: PAYMENT_REFERENCE_MAX_LENGTH })),
  },
  { additionalProperties: false, examples: [{ amount: 1_000, paidOn: '2026-12-02', method: 'bank_transfer', reference: 'TRX-1234' }] },
);
export type RecordPayment = Static<typeof RecordPayment>;

export const InvoiceListQuery = Type.Object(
  { ...PageQuery.properties, customerId: Type.Optional(Id), status: Type.Optional(InvoiceStatus) },
  { additionalProperties: false },
);
export type InvoiceListQuery = Static<typeof InvoiceListQuery>;

// ---------------------------------------------------------------- workspace endpoints

const createRules =
  'Numbered per workspace (`INV-0001`, in order, without gaps). 1–200 lines, amounts computed by the server (docs/money.md). Refused: 404 for a customer not in the workspace; 422 `due_before_issue`, `invalid_date`, `project_not_found`, `unknown_currency`, `invalid_quantity`, `amount_too_large`, `note_too_long`.';

export const invoiceEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/invoices',
    operationId: 'listInvoices',
    summary: 'List invoices, newest first',
    surface: 'workspace',
    permission: 'invoices.read',
    query: InvoiceListQuery,
    status: 200,
    response: Page(InvoiceSummary),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/invoices',
    operationId: 'createInvoice',
    summary: 'Draft an invoice for a customer',
    description: createRules,
    surface: 'workspace',
    permission: 'invoices.write',
    body: CreateInvoice,
    status: 201,
    response: Invoice,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/invoices/:invoiceId',
    operationId: 'retrieveInvoice',
    summary: 'Retrieve an invoice with its lines and payments',
    surface: 'workspace',
    permission: 'invoices.read',
    params: InvoiceParams,
    status: 200,
    response: Invoice,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/invoices/:invoiceId',
    operationId: 'updateInvoice',
    summary: 'Edit a draft invoice',
    description: 'Only a draft can be edited (409 `invoice_not_draft`); the same rules as creating.',
    surface: 'workspace',
    permission: 'invoices.write',
    params: InvoiceParams,
    body: UpdateInvoice,
    status: 200,
    response: Invoice,
    extraProblems: [422],
  }),
  send: endpoint({
    method: 'POST',
    path: '/v1/workspace/invoices/:invoiceId/send',
    operationId: 'sendInvoice',
    summary: 'Issue a draft invoice to the customer',
    description:
      'The invoice becomes visible in the portal; each portal contact of the customer is emailed and the `invoice.sent` webhook goes out. Refused: 409 `invoice_not_draft`, 409 `no_portal_contact` while the customer has no portal contact.',
    surface: 'workspace',
    permission: 'invoices.write',
    params: InvoiceParams,
    status: 200,
    response: Invoice,
  }),
  void: endpoint({
    method: 'POST',
    path: '/v1/workspace/invoices/:invoiceId/void',
    operationId: 'voidInvoice',
    summary: 'Void an invoice',
    description: 'Refused: 409 `invoice_has_payments` once a payment is recorded; 409 `invoice_void` when it is void already; 422 `void_reason_required`.',
    surface: 'workspace',
    permission: 'invoices.write',
    params: InvoiceParams,
    body: VoidInvoice,
    status: 200,
    response: Invoice,
    extraProblems: [422],
  }),
  recordPayment: endpoint({
    method: 'POST',
    path: '/v1/workspace/invoices/:invoiceId/payments',
    operationId: 'recordInvoicePayment',
    summary: 'Record a payment the team received',
    description:
      'Issued invoices only (409 `invoice_not_payable` for a draft or void one). More than the amount due is refused with 422 `payment_exceeds_amount_due`; concurrent payments cannot together exceed it. When nothing is due any more the `invoice.paid` webhook goes out.',
    surface: 'workspace',
    permission: 'payments.write',
    params: InvoiceParams,
    body: RecordPayment,
    status: 201,
    response: Invoice,
    extraProblems: [422],
  }),
  pdf: endpoint({
    method: 'GET',
    path: '/v1/workspace/invoices/:invoiceId/pdf',
    operationId: 'downloadInvoicePdf',
    summary: 'Download the invoice as a PDF (drafts too)',
    surface: 'workspace',
    permission: 'invoices.read',
    params: InvoiceParams,
    status: 200,
    response: InvoicePdf,
  }),
};
