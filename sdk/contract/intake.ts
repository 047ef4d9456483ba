import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { DownloadLink, DownloadLinkQuery } from './documents.js';
import { endpoint } from './endpoint.js';
import { RequestReviewer } from './requests.js';

/**
 * The review-only intake queue: every file a contact provides lands here, in quarantine. Nobody
 * downloads it but the team's reviewers, through a short-lived signed link, and the portal never
 * shows it back as a link; accepted, it can be published as a project document.
 */

/** What the file was provided for: an item of an information request, or a proof of payment of an invoice. */
export const IntakeKind = Type.Enum(['request_item', 'payment_proof']);
export type IntakeKind = Static<typeof IntakeKind>;

/** `superseded`: the contact provided another file for the same item before it was reviewed. */
export const IntakeStatus = Type.Enum(['pending', 'accepted', 'rejected', 'superseded']);
export type IntakeStatus = Static<typeof IntakeStatus>;

export const IntakeFile = Type.Object({
  /** The cleaned file name. */
  name: Type.String(),
  size: Type.Integer({ minimum: 1 }),
  /** From the bytes, never from the name or the declared type. */
  contentType: Type.String(),
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: Type.String(),
});
export type IntakeFile = Static<typeof IntakeFile>;

export const RequestItemIntakeSource = Type.Object({ type: Type.Literal('request_item'), requestId: Id, itemId: Id });
export type RequestItemIntakeSource = Static<typeof RequestItemIntakeSource>;
/** A payment proof's file: reviewed with the proof (`payment_proofs.review`), which records the payment when accepted. */
export const PaymentProofIntakeSource = Type.Object({ type: Type.Literal('payment_proof'), invoiceId: Id, paymentProofId: Id });
export type PaymentProofIntakeSource = Static<typeof PaymentProofIntakeSource>;
export const IntakeSource = Type.Union([RequestItemIntakeSource, PaymentProofIntakeSource]);
export type IntakeSource = Static<typeof IntakeSource>;

export const IntakeItem = Type.Object({
  id: Id,
  kind: IntakeKind,
  status: IntakeStatus,
  customerId: Id,
  /** The contact who provided the file. */
  contactId: Id,
  file: IntakeFile,
  source: IntakeSource,
  /** Who accepted or rejected it, and when; never shown to the contact. */
  reviewedBy: Type.Union([RequestReviewer, Type.Null()]),
  reviewedAt: Type.Union([Timestamp, Type.Null()]),
  rejectReason: Type.Union([Type.String(), Type.Null()]),
  /** The project document it was published as, when accepted with `publishToProjectId`. */
  publishedDocumentId: Type.Union([Id, Type.Null()]),
  createdAt: Timestamp,
});
export type IntakeItem = Static<typeof IntakeItem>;

export const IntakeParams = Type.Object({ intakeId: Id });

export const IntakeListQuery = Type.Object(
  {
    ...PageQuery.properties,
    status: Type.Optional(IntakeStatus),
    kind: Type.Optional(IntakeKind),
    customerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type IntakeListQuery = Static<typeof IntakeListQuery>;

export const AcceptIntakeItem = Type.Object(
  {
    /** Publish the file as a document of this project (one of the same customer's). */
    publishToProjectId: Type.Optional(Id),
    /** Whether the published document is shared with the customer (default true); only with `publishToProjectId`. */
    shared: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type AcceptIntakeItem = Static<typeof AcceptIntakeItem>;

export const RejectIntakeItem = Type.Object(
  {
    /** Shown to the contact with the returned item: 1–1,000 code points after trimming. */
    reason: Type.String(),
  },
  { additionalProperties: false, examples: [{ reason: 'This is last year’s statement; please send the current one.' }] },
);
export type RejectIntakeItem = Static<typeof RejectIntakeItem>;

const reviewedNote =
  'An item already accepted, rejected or superseded answers 409 `intake_already_reviewed`; one whose request was cancelled or completed 409 `request_closed` (a rejection is still recorded then). A payment proof (`kind: payment_proof`) is reviewed as through `/v1/workspace/payment-proofs`: the caller needs `payment_proofs.review` too (403 `forbidden`), accepting records the payment, and `publishToProjectId` is refused (422 `publish_not_supported`).';

export const intakeEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/intake',
    operationId: 'listIntakeItems',
    summary: 'List the intake queue, newest first',
    surface: 'workspace',
    permission: 'intake.read',
    query: IntakeListQuery,
    status: 200,
    response: Page(IntakeItem),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/intake/:intakeId',
    operationId: 'retrieveIntakeItem',
    summary: 'Retrieve an intake item',
    surface: 'workspace',
    permission: 'intake.read',
    params: IntakeParams,
    status: 200,
    response: IntakeItem,
  }),
  createDownloadLink: endpoint({
    method: 'POST',
    path: '/v1/workspace/intake/:intakeId/download-link',
    operationId: 'createIntakeItemDownloadLink',
    summary: 'Get a short-lived download link for a provided file (reviewers only)',
    description:
      "The file came from the internet: it is sent as an attachment with a sandboxing Content-Security-Policy, never inline. The link lasts 5 minutes (or the server's configured lifetime) and works for this file only.",
    surface: 'workspace',
    permission: 'intake.review',
    params: IntakeParams,
    status: 200,
    response: DownloadLink,
  }),
  accept: endpoint({
    method: 'POST',
    path: '/v1/workspace/intake/:intakeId/accept',
    operationId: 'acceptIntakeItem',
    summary: 'Accept a provided file',
    description: `Also accepts the request item it answers (and completes the request when it was the last one). With \`publishToProjectId\` the file is copied into a new document of that project, shared unless \`shared\` is false; a project that is not the customer's answers 422 \`project_not_found\`. ${reviewedNote}`,
    surface: 'workspace',
    permission: 'intake.review',
    params: IntakeParams,
    body: AcceptIntakeItem,
    status: 200,
    response: IntakeItem,
    extraProblems: [422],
  }),
  reject: endpoint({
    method: 'POST',
    path: '/v1/workspace/intake/:intakeId/reject',
    operationId: 'rejectIntakeItem',
    summary: 'Reject a provided file with a reason',
    description: `Also returns the request item with the same reason, which the contact sees and is emailed (422 \`return_reason_required\` / \`return_reason_too_long\`). ${reviewedNote}`,
    surface: 'workspace',
    permission: 'intake.review',
    params: IntakeParams,
    body: RejectIntakeItem,
    status: 200,
    response: IntakeItem,
    extraProblems: [422],
  }),
};

export const IntakeDownloadParams = Type.Object({ workspaceId: Id, intakeId: Id });

/**
 * Where an intake download link of the server's local file store leads (on S3 the link is a
 * presigned URL of the bucket instead). Signed apart from document links: a document link never
 * opens an intake file, nor an intake link a document.
 */
export const intakeDownloadEndpoints = {
  download: endpoint({
    method: 'GET',
    path: '/v1/intake-downloads/:workspaceId/:intakeId',
    operationId: 'downloadIntakeItem',
    summary: 'Download a provided file through a signed link',
    description:
      'Follow the `url` of an intake download link as it is. Answers the bytes as an attachment (`Cache-Control: private, no-store`, `X-Content-Type-Options: nosniff`, a sandboxing CSP). A changed link answers 403 `download_link_invalid`, an expired one 410 `download_link_expired`, a file of another workspace 404.',
    surface: 'public',
    params: IntakeDownloadParams,
    query: DownloadLinkQuery,
    status: 200,
    response: Type.Unsafe<unknown>({ description: "The file's bytes", content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }),
    extraProblems: [410, 416],
  }),
};
