import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';
import { ProjectParams } from './projects.js';

/** A document shared on one of the customer's active projects. */
export const PortalDocument = Type.Object({
  id: Id,
  name: Type.String(),
  projectId: Id,
  projectName: Type.String(),
  /** Bytes. */
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
  uploadedAt: Timestamp,
});
export type PortalDocument = Static<typeof PortalDocument>;

/** A short-lived link that downloads one document as an attachment; no token needed while it lasts. */
export const DownloadLink = Type.Object({
  url: Type.String(),
  expiresAt: Timestamp,
});
export type DownloadLink = Static<typeof DownloadLink>;

/** A document as the team sees it: `shared` decides whether the customer sees it. */
export const Document = Type.Object({
  id: Id,
  projectId: Id,
  customerId: Id,
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
  /** The SHA-256 of the stored bytes, lowercase hex. */
  sha256: Type.String(),
  shared: Type.Boolean(),
  uploadedAt: Timestamp,
});
export type Document = Static<typeof Document>;

/**
 * The multipart/form-data body of an upload: the `file` part (its filename becomes the document's
 * name) and an optional `shared` field, `true` or `false` (default false).
 */
export const UploadDocument = Type.Object(
  {
    file: Type.Unsafe<Blob>({ type: 'string', format: 'binary', description: "The file's bytes; the part's filename is the document's name." }),
    shared: Type.Optional(Type.Boolean({ description: 'Whether the customer sees the document (default false).' })),
  },
  { additionalProperties: false },
);
export type UploadDocument = Static<typeof UploadDocument>;

export const UpdateDocument = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })), shared: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, examples: [{ shared: true }] },
);
export type UpdateDocument = Static<typeof UpdateDocument>;

export const DocumentParams = Type.Object({ documentId: Id });

export const PortalDocumentListQuery = Type.Object(
  { ...PageQuery.properties, projectId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type PortalDocumentListQuery = Static<typeof PortalDocumentListQuery>;

const linkNote = 'The link answers the file as an attachment for 5 minutes (or the server\'s configured lifetime); after that ask for a new one.';

/** The documents the team shared with the signed-in customer. */
export const portalDocumentEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/documents',
    operationId: 'listPortalDocuments',
    summary: "List the documents shared on the customer's active projects, newest upload first",
    surface: 'portal',
    query: PortalDocumentListQuery,
    status: 200,
    response: Page(PortalDocument),
  }),
  createDownloadLink: endpoint({
    method: 'POST',
    path: '/v1/portal/documents/:documentId/download-link',
    operationId: 'createPortalDocumentDownloadLink',
    summary: 'Get a short-lived download link for a shared document',
    description: linkNote,
    surface: 'portal',
    params: DocumentParams,
    status: 200,
    response: DownloadLink,
  }),
};

export const documentEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/projects/:projectId/documents',
    operationId: 'listDocuments',
    summary: "List a project's documents, shared or not, newest upload first",
    surface: 'workspace',
    permission: 'documents.read',
    params: ProjectParams,
    query: PageQuery,
    status: 200,
    response: Page(Document),
  }),
  upload: endpoint({
    method: 'POST',
    path: '/v1/workspace/projects/:projectId/documents',
    operationId: 'uploadDocument',
    summary: 'Upload a document to a project',
    description:
      "A `multipart/form-data` body with one `file` part (and optionally a `shared` field), streamed to storage and hashed on the way. The type is taken from the bytes and must be an allowed one that agrees with the part's type and the name's extension. Refused, with nothing kept: a file over the server's limit (413 `file_too_large`), a type not allowed or not matching (415 `file_type_not_allowed`, `file_type_mismatch`), a body that is not multipart (415 `multipart_required`), an empty file (400 `empty_file`), no file, several files or unknown parts (400 `file_required`, `too_many_files`, `too_many_parts`, `unknown_field`), a `shared` other than `true` or `false` (422 `document_shared_invalid`).",
    surface: 'workspace',
    permission: 'documents.write',
    params: ProjectParams,
    body: UploadDocument,
    multipart: true,
    status: 201,
    response: Document,
    extraProblems: [415, 422],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/documents/:documentId',
    operationId: 'updateDocument',
    summary: 'Rename a document, or share it with the customer or stop sharing it',
    surface: 'workspace',
    permission: 'documents.write',
    params: DocumentParams,
    body: UpdateDocument,
    status: 200,
    response: Document,
  }),
  delete: endpoint({
    method: 'DELETE',
    path: '/v1/workspace/documents/:documentId',
    operationId: 'deleteDocument',
    summary: 'Delete a document and its stored file',
    surface: 'workspace',
    permission: 'documents.write',
    params: DocumentParams,
    status: 204,
    response: Type.Null(),
  }),
  createDownloadLink: endpoint({
    method: 'POST',
    path: '/v1/workspace/documents/:documentId/download-link',
    operationId: 'createDocumentDownloadLink',
    summary: 'Get a short-lived download link for a document',
    description: linkNote,
    surface: 'workspace',
    permission: 'documents.read',
    params: DocumentParams,
    status: 200,
    response: DownloadLink,
  }),
};

/** What a local download link carries besides its path: the expiry, the key that signed it and the signature. */
export const DownloadLinkQuery = Type.Object(
  {
    expires: Type.String({ maxLength: 12, description: 'Unix seconds.' }),
    kid: Type.String({ maxLength: 64 }),
    sig: Type.String({ maxLength: 128 }),
  },
  { additionalProperties: false },
);
export type DownloadLinkQuery = Static<typeof DownloadLinkQuery>;

export const DownloadParams = Type.Object({ workspaceId: Id, documentId: Id });

/**
 * Where a download link of the server's local file store leads (on S3 the link is a presigned URL of
 * the bucket instead). No bearer token: the signature is the permission, for that one document until
 * the link expires.
 */
export const downloadEndpoints = {
  download: endpoint({
    method: 'GET',
    path: '/v1/downloads/:workspaceId/:documentId',
    operationId: 'downloadDocument',
    summary: 'Download a document through a signed link',
    description:
      'Follow the `url` of a download link as it is. Answers the bytes as an attachment (`Cache-Control: private, no-store`, `X-Content-Type-Options: nosniff`); one `Range` is honoured (206, or 416 past the end). A changed link answers 403 `download_link_invalid`, an expired one 410 `download_link_expired`, a document deleted since 404.',
    surface: 'public',
    params: DownloadParams,
    query: DownloadLinkQuery,
    status: 200,
    response: Type.Unsafe<unknown>({ description: "The document's bytes", content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }),
    extraProblems: [410, 416],
  }),
};
