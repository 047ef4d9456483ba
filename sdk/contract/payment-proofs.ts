import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { DownloadLink } from './documents.js';
import { endpoint } from './endpoint.js';
import { CurrencyCode, MinorAmount, PaymentMethod } from './money.js';
import { RequestReviewer } from './requests.js';

/**
 * Payment proof: a contact tells the team "we paid this invoice" with the transfer's details and a
 * file (a remittance advice, a bank confirmation). It goes to the team's review queue; nothing moves
 * on the invoice until a finance reviewer accepts it, which records the payment.
 *
 * invoices.ts imports `PortalPaymentProof` from here, so this file imports nothing from invoices.ts
 * (`PaymentMethod` comes from money.ts): a schema read through an import cycle would not exist yet.
 */

export const PaymentProofStatus = Type.Enum(['under_review', 'accepted', 'rejected']);
export type PaymentProofStatus = Static<typeof PaymentProofStatus>;

/** A calendar date, `YYYY-MM-DD`. */
const DateOnly = Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The longest reference of a proof (as of a payment, invoices.ts) and reject reason, in code points after trimming. */
const REFERENCE_MAX_LENGTH = 100;
export const PAYMENT_PROOF_REJECT_REASON_MAX_LENGTH = 1_000;

// ---------------------------------------------------------------- portal shapes

/** A payment proof as the contact who sent it (and their colleagues) see it: never who reviewed it. */
export const PortalPaymentProof = Type.Object({
  id: Id,
  invoiceId: Id,
  amount: MinorAmount,
  currency: CurrencyCode,
  /** The date the contact says they paid. */
  paidOn: DateOnly,
  method: PaymentMethod,
  reference: Type.String(),
  status: PaymentProofStatus,
  /** Why the team rejected it; set when `status` is `rejected`. */
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  /** The file's cleaned name; the file itself never comes back to the portal. */
  fileName: Type.String(),
  submittedAt: Timestamp,
});
export type PortalPaymentProof = Static<typeof PortalPaymentProof>;

export const InvoicePaymentProofParams = Type.Object({ invoiceId: Id });

/**
 * The multipart/form-data body: the text fields first, then one `file` part (last). `amount` is an
 * integer of the invoice currency's minor units written as text (`"12500"` for 125.00 USD).
 */
export const SubmitPaymentProof = Type.Object(
  {
    amount: Type.String({ pattern: '^[0-9]{1,15}$', description: "integer in the invoice currency's minor units, as text; at least 1" }),
    paidOn: DateOnly,
    method: PaymentMethod,
    reference: Type.String({ minLength: 1, maxLength: REFERENCE_MAX_LENGTH, description: 'the transfer reference, 1–100 characters after trimming' }),
    file: Type.Unsafe<Blob>({ type: 'string', format: 'binary', description: "The proof's bytes (PDF or image); the part's filename is the file's name. Send it last." }),
  },
  { additionalProperties: false },
);
export type SubmitPaymentProof = Static<typeof SubmitPaymentProof>;

/** What the SDK's `portal.invoices.submitPaymentProof` takes: the amount as an integer of minor units. */
export interface PaymentProofInput {
  amount: number;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
  file: Blob & { name?: string };
}

// ---------------------------------------------------------------- portal endpoints

export const portalPaymentProofEndpoints = {
  submit: endpoint({
    method: 'POST',
    path: '/v1/portal/invoices/:invoiceId/payment-proofs',
    operationId: 'submitPortalPaymentProof',
    summary: 'Send proof of a payment of an invoice',
    description:
      "A `multipart/form-data` body: the fields `amount`, `paidOn`, `method`, `reference`, then one `file` part. The proof goes to the team's review as *Under review*; the invoice's balance moves only when the team accepts it. Refused, with nothing kept: a draft or void invoice (409 `invoice_not_payable`); an amount that is not a whole number of minor units from 1 (422 `invalid_amount`); a date that does not exist or lies in the future (422 `invalid_paid_on`); an unknown method (422 `invalid_method`); an empty reference or one over 100 characters (422 `reference_required`, `reference_too_long`); the file checks of every upload (413 `file_too_large`, 415 `file_type_not_allowed` / `file_type_mismatch`, 400 `empty_file`, `file_required`, `unknown_field`, `field_required`); too many uploads by the contact in a short time (429 with `Retry-After`). Send an `Idempotency-Key` header to retry safely: the same key with the same fields and file answers the first proof again; the same key with anything else is 409 `idempotency_key_reused`.",
    surface: 'portal',
    params: InvoicePaymentProofParams,
    body: SubmitPaymentProof,
    multipart: true,
    status: 201,
    response: PortalPaymentProof,
    extraProblems: [415, 422],
  }),
};

// ---------------------------------------------------------------- workspace shapes

/** What the reviewer should look at twice, decided when the proof was submitted and never changed. */
export const PaymentProofFlags = Type.Object({
  /** The amount was more than the invoice's amount due at submission. */
  exceedsAmountDue: Type.Boolean(),
  /** Another proof or payment of the workspace has the same reference (case-insensitive, trimmed). */
  referenceAlreadyUsed: Type.Boolean(),
});
export type PaymentProofFlags = Static<typeof PaymentProofFlags>;

export const PaymentProofFile = Type.Object({
  name: Type.String(),
  size: Type.Integer({ minimum: 1 }),
  /** From the bytes. */
  contentType: Type.String(),
  sha256: Type.String(),
});
export type PaymentProofFile = Static<typeof PaymentProofFile>;

/** A payment proof as the team sees it. */
export const PaymentProof = Type.Object({
  ...PortalPaymentProof.properties,
  customerId: Id,
  /** The contact who sent it. */
  contactId: Id,
  invoiceNumber: Type.String(),
  /** The intake item holding the file. */
  intakeId: Id,
  file: PaymentProofFile,
  flags: PaymentProofFlags,
  /** The payment recorded when it was accepted. */
  paymentId: Type.Union([Id, Type.Null()]),
  reviewedBy: Type.Union([RequestReviewer, Type.Null()]),
  reviewedAt: Type.Union([Timestamp, Type.Null()]),
});
export type PaymentProof = Static<typeof PaymentProof>;

/** One proof with a fresh short-lived link to its file (null for a caller who may not review proofs). */
export const PaymentProofDetail = Type.Object({
  ...PaymentProof.properties,
  downloadLink: Type.Union([DownloadLink, Type.Null()]),
});
export type PaymentProofDetail = Static<typeof PaymentProofDetail>;

export const PaymentProofParams = Type.Object({ paymentProofId: Id });

export const PaymentProofListQuery = Type.Object(
  {
    ...PageQuery.properties,
    status: Type.Optional(PaymentProofStatus),
    invoiceId: Type.Optional(Id),
    customerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type PaymentProofListQuery = Static<typeof PaymentProofListQuery>;

export const RejectPaymentProof = Type.Object(
  {
    /** Shown to the contact and emailed to them: 1–1,000 code points after trimming. */
    reason: Type.String(),
  },
  { additionalProperties: false, examples: [{ reason: 'We have not received this transfer; please check the account number.' }] },
);
export type RejectPaymentProof = Static<typeof RejectPaymentProof>;

// ---------------------------------------------------------------- workspace endpoints

const reviewedNote = 'Only a proof under review can be accepted or rejected (409 `payment_proof_already_reviewed`).';

export const paymentProofEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/payment-proofs',
    operationId: 'listPaymentProofs',
    summary: 'List payment proofs, newest first',
    surface: 'workspace',
    permission: 'payment_proofs.read',
    query: PaymentProofListQuery,
    status: 200,
    response: Page(PaymentProof),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/payment-proofs/:paymentProofId',
    operationId: 'retrievePaymentProof',
    summary: 'Retrieve a payment proof with its flags and a link to its file',
    description:
      "`downloadLink` is a fresh short-lived link to the quarantined file (an attachment, never inline) for callers who may review proofs (`payment_proofs.review`), null for the others; each link made is recorded in the audit log.",
    surface: 'workspace',
    permission: 'payment_proofs.read',
    params: PaymentProofParams,
    status: 200,
    response: PaymentProofDetail,
  }),
  accept: endpoint({
    method: 'POST',
    path: '/v1/workspace/payment-proofs/:paymentProofId/accept',
    operationId: 'acceptPaymentProof',
    summary: 'Accept a payment proof: records the payment on the invoice',
    description: `Records the payment (source \`payment_proof\`), accepts the intake item, emails the contact and sends \`payment_proof.accepted\` (and \`invoice.paid\` when nothing is due any more). A proof of a voided invoice answers 409 \`invoice_not_payable\`. ${reviewedNote}`,
    surface: 'workspace',
    permission: 'payment_proofs.review',
    params: PaymentProofParams,
    status: 200,
    response: PaymentProof,
  }),
  reject: endpoint({
    method: 'POST',
    path: '/v1/workspace/payment-proofs/:paymentProofId/reject',
    operationId: 'rejectPaymentProof',
    summary: 'Reject a payment proof with a reason the contact sees',
    description: `The intake item is rejected with the same reason; the contact is emailed it and \`payment_proof.rejected\` is sent. A reason of 1–1,000 code points (422 \`reject_reason_required\` / \`reject_reason_too_long\`). ${reviewedNote}`,
    surface: 'workspace',
    permission: 'payment_proofs.review',
    params: PaymentProofParams,
    body: RejectPaymentProof,
    status: 200,
    response: PaymentProof,
    extraProblems: [422],
  }),
};
