import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { DownloadLink } from './documents.js';
import { endpoint } from './endpoint.js';

/** The longest typed full name an acceptance records, in code points after trimming. */
export const ACCEPTANCE_FULL_NAME_MAX_LENGTH = 200;

/**
 * What a contact sees: Pending, Accepted or Expired. `expired` is derived when read (pending and
 * past `expiresAt`); a superseded acceptance is not in the portal at all.
 */
export const PortalAcceptanceStatus = Type.Enum(['pending', 'accepted', 'expired']);
export type PortalAcceptanceStatus = Static<typeof PortalAcceptanceStatus>;

/** What the team sees: also `superseded`, an acceptance replaced by a re-sent one. */
export const AcceptanceStatus = Type.Enum(['pending', 'accepted', 'expired', 'superseded']);
export type AcceptanceStatus = Static<typeof AcceptanceStatus>;

/** An acceptance as a card in the portal's list. */
export const PortalAcceptanceCard = Type.Object({
  id: Id,
  title: Type.String(),
  status: PortalAcceptanceStatus,
  documentName: Type.String(),
  projectName: Type.Union([Type.String(), Type.Null()]),
  sentAt: Timestamp,
  expiresAt: Timestamp,
  /** Pending with less than 48 hours left: the element shows the expiry date in amber. */
  expiresSoon: Type.Boolean(),
  acceptedAt: Type.Union([Timestamp, Type.Null()]),
});
export type PortalAcceptanceCard = Static<typeof PortalAcceptanceCard>;

/** The document under acceptance, as it was when sent: its bytes are the ones with this `sha256`. */
export const AcceptanceDocument = Type.Object({
  id: Id,
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
  /** The SHA-256 of the document's bytes when it was sent, lowercase hex. */
  sha256: Type.String(),
});
export type AcceptanceDocument = Static<typeof AcceptanceDocument>;

/** An acceptance as a portal contact sees it. */
export const PortalAcceptance = Type.Object({
  ...PortalAcceptanceCard.properties,
  /** The team's note ('' when none). */
  message: Type.String(),
  document: AcceptanceDocument,
  /** Who accepted, as typed, once accepted. */
  acceptedName: Type.Union([Type.String(), Type.Null()]),
});
export type PortalAcceptance = Static<typeof PortalAcceptance>;

export const AcceptanceParams = Type.Object({ acceptanceId: Id });

export const AcceptAcceptance = Type.Object(
  {
    /** The contact's full name as they type it: 1–200 characters after trimming. */
    fullName: Type.String(),
    /** The "I have read and accept this document" checkbox. */
    confirmed: Type.Literal(true),
    /** The sha256 the contact reviewed, from `PortalAcceptance.document.sha256`. */
    documentSha256: Type.String(),
  },
  {
    additionalProperties: false,
    examples: [{ fullName: 'Ada Lovelace', confirmed: true, documentSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' }],
  },
);
export type AcceptAcceptance = Static<typeof AcceptAcceptance>;

/** Pending first (soonest expiry first), then the rest newest sent first. */
export const PortalAcceptanceListQuery = Type.Object({ ...PageQuery.properties }, { additionalProperties: false });
export type PortalAcceptanceListQuery = Static<typeof PortalAcceptanceListQuery>;

/** What was recorded when the contact accepted. */
export const AcceptanceEvidence = Type.Object({
  /** The full name as the contact typed it. */
  fullName: Type.String(),
  contactId: Id,
  contactName: Type.String(),
  contactEmail: Type.String(),
  acceptedAt: Timestamp,
  ipAddress: Type.String(),
  userAgent: Type.String(),
  /** The sha256 of the document the contact accepted. */
  documentSha256: Type.String(),
});
export type AcceptanceEvidence = Static<typeof AcceptanceEvidence>;

/** An acceptance as the team sees it. */
export const Acceptance = Type.Object({
  id: Id,
  customerId: Id,
  projectId: Id,
  projectName: Type.String(),
  title: Type.String(),
  message: Type.String(),
  status: AcceptanceStatus,
  document: AcceptanceDocument,
  /** False once the document's bytes differ from those sent, or it was deleted: it can no longer be accepted. */
  documentUnchanged: Type.Boolean(),
  sentAt: Timestamp,
  expiresAt: Timestamp,
  acceptedAt: Type.Union([Timestamp, Type.Null()]),
  evidence: Type.Union([AcceptanceEvidence, Type.Null()]),
  /** The acceptance this one re-sends, if any. */
  resendOf: Type.Union([Id, Type.Null()]),
  /** The re-sent acceptance that replaced this one, once superseded. */
  supersededBy: Type.Union([Id, Type.Null()]),
});
export type Acceptance = Static<typeof Acceptance>;

const title = Type.String({ minLength: 1, maxLength: 200 });
const message = Type.String({ maxLength: 10_000 });

export const SendAcceptance = Type.Object(
  {
    /** A document of one of the workspace's projects; the acceptance goes to that project's customer. */
    documentId: Id,
    title,
    message: Type.Optional(message),
    /** When it can no longer be accepted; must be in the future. */
    expiresAt: Timestamp,
  },
  {
    additionalProperties: false,
    examples: [{ documentId: 'doc_example', title: 'Statement of work', message: 'Please review and accept.', expiresAt: '2099-01-01T00:00:00.000Z' }],
  },
);
export type SendAcceptance = Static<typeof SendAcceptance>;

/** A re-send keeps the document (as it is now) and the title and message unless given. */
export const ResendAcceptance = Type.Object(
  { expiresAt: Timestamp, title: Type.Optional(title), message: Type.Optional(message) },
  { additionalProperties: false, examples: [{ expiresAt: '2099-01-01T00:00:00.000Z' }] },
);
export type ResendAcceptance = Static<typeof ResendAcceptance>;

export const AcceptanceListQuery = Type.Object(
  { ...PageQuery.properties, customerId: Type.Optional(Id), status: Type.Optional(AcceptanceStatus) },
  { additionalProperties: false },
);
export type AcceptanceListQuery = Static<typeof AcceptanceListQuery>;

// Described per content type (Fastify's form): the body is the PDF's bytes.
const CertificatePdf = Type.Unsafe<unknown>({
  description: 'The evidence certificate, a PDF, as an attachment',
  content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
});

const acceptErrors =
  'Refused: 409 `acceptance_expired` past its expiry; 409 `document_changed` when the document changed since it was sent (or was deleted) or `documentSha256` is not the one sent; 422 `full_name_required`, `full_name_too_long`, `confirmation_required`, `document_sha256_invalid`. Accepting an accepted acceptance answers it as it is.';

/** What a signed-in contact does with the documents sent to their customer for acceptance. */
export const portalAcceptanceEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/acceptances',
    operationId: 'listPortalAcceptances',
    summary: 'List the acceptances sent to the signed-in customer: pending first by soonest expiry, then the rest newest first',
    surface: 'portal',
    query: PortalAcceptanceListQuery,
    status: 200,
    response: Page(PortalAcceptanceCard),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/acceptances/:acceptanceId',
    operationId: 'retrievePortalAcceptance',
    summary: 'Retrieve an acceptance',
    surface: 'portal',
    params: AcceptanceParams,
    status: 200,
    response: PortalAcceptance,
  }),
  createDocumentLink: endpoint({
    method: 'POST',
    path: '/v1/portal/acceptances/:acceptanceId/document-link',
    operationId: 'createPortalAcceptanceDocumentLink',
    summary: 'Get a short-lived download link for the exact document under acceptance',
    description: 'Refused with 409 `document_changed` once the document differs from the one sent.',
    surface: 'portal',
    params: AcceptanceParams,
    status: 200,
    response: DownloadLink,
  }),
  accept: endpoint({
    method: 'POST',
    path: '/v1/portal/acceptances/:acceptanceId/accept',
    operationId: 'acceptPortalAcceptance',
    summary: 'Accept the document with a typed full name (idempotent)',
    description: acceptErrors,
    surface: 'portal',
    params: AcceptanceParams,
    body: AcceptAcceptance,
    status: 200,
    response: PortalAcceptance,
    extraProblems: [422],
  }),
  downloadCertificate: endpoint({
    method: 'GET',
    path: '/v1/portal/acceptances/:acceptanceId/certificate',
    operationId: 'downloadPortalAcceptanceCertificate',
    summary: 'Download the evidence certificate (PDF) of an accepted acceptance',
    description: 'Refused with 409 `acceptance_not_accepted` before it is accepted.',
    surface: 'portal',
    params: AcceptanceParams,
    status: 200,
    response: CertificatePdf,
  }),
};

export const acceptanceEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/acceptances',
    operationId: 'listAcceptances',
    summary: 'List acceptances, newest sent first',
    surface: 'workspace',
    permission: 'acceptances.read',
    query: AcceptanceListQuery,
    status: 200,
    response: Page(Acceptance),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/acceptances/:acceptanceId',
    operationId: 'retrieveAcceptance',
    summary: 'Retrieve an acceptance, with its evidence once accepted',
    surface: 'workspace',
    permission: 'acceptances.read',
    params: AcceptanceParams,
    status: 200,
    response: Acceptance,
  }),
  send: endpoint({
    method: 'POST',
    path: '/v1/workspace/acceptances',
    operationId: 'sendAcceptance',
    summary: "Send a project document to the project's customer for formal acceptance",
    description:
      "Emails each portal contact of the customer. Refused: 404 for a document not in the workspace; 409 `no_portal_contact` while the customer has no portal contact; 422 `expiry_in_past`, `title_required`.",
    surface: 'workspace',
    permission: 'acceptances.write',
    body: SendAcceptance,
    status: 201,
    response: Acceptance,
    extraProblems: [422],
  }),
  resend: endpoint({
    method: 'POST',
    path: '/v1/workspace/acceptances/:acceptanceId/resend',
    operationId: 'resendAcceptance',
    summary: 'Re-send an acceptance: a new one (the document as it is now, a new expiry) supersedes it',
    description:
      'Refused: 409 `acceptance_already_accepted`, 409 `acceptance_superseded` (re-send the newest one), 409 `document_deleted`, 409 `no_portal_contact`, 422 `expiry_in_past`.',
    surface: 'workspace',
    permission: 'acceptances.write',
    params: AcceptanceParams,
    body: ResendAcceptance,
    status: 201,
    response: Acceptance,
    extraProblems: [422],
  }),
  downloadCertificate: endpoint({
    method: 'GET',
    path: '/v1/workspace/acceptances/:acceptanceId/certificate',
    operationId: 'downloadAcceptanceCertificate',
    summary: 'Download the evidence certificate (PDF) of an accepted acceptance',
    description: 'Refused with 409 `acceptance_not_accepted` before it is accepted.',
    surface: 'workspace',
    permission: 'acceptances.read',
    params: AcceptanceParams,
    status: 200,
    response: CertificatePdf,
  }),
};
