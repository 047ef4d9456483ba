import type { FastifyRequest } from 'fastify';
import type { Document, DownloadLink, UpdateDocument } from '../../../sdk/contract/documents.js';
import type { Database } from '../../db/database.js';
import type { DocumentRow } from '../../db/schema.js';
import { cleanFileName, discardUpload, receiveUpload, withUploadCleanup, type FileStore } from '../../files/index.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findWorkspaceProject, touchProject } from '../projects/repository.js';
import { deleteDocumentRow, findCustomerDocument, findWorkspaceDocument, insertDocument, toDocument, updateDocumentRow } from './repository.js';

/** The database and the file store, as the app carries them. */
export interface DocumentsContext extends Database {
  fileStore: FileStore;
}

function sharedField(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new Problem(422, 'document_shared_invalid', 'Invalid shared field', 'The shared field is `true` or `false`.', [{ field: 'shared', message: 'must be true or false' }]);
}

/**
 * Stores an uploaded file on a project: the project is checked before a byte is read, the file is
 * streamed to the store (refused uploads leave nothing), then the row and its audit event commit
 * together; if they cannot, the stored object is deleted again.
 */
export async function uploadDocument(context: DocumentsContext, principal: WorkspacePrincipal, projectId: string, request: FastifyRequest): Promise<Document> {
  const project = await findWorkspaceProject(context.db, principal.workspaceId, projectId);
  if (!project) throw notFound('project');
  const upload = await receiveUpload(request, context.fileStore, { fields: { shared: { maxLength: 5 } }, keyPrefix: principal.workspaceId });
  let shared: boolean;
  try {
    shared = sharedField(upload.fields.shared);
  } catch (error) {
    await discardUpload(context.fileStore, upload.key);
    throw error;
  }
  return recordDocument(context, principal, project.id, upload, shared);
}

/** A file already in the store, as receiveUpload (or the demo) put it there. */
export interface StoredDocumentFile {
  key: string;
  size: number;
  sha256: string;
  contentType: string;
  fileName: string;
}

/**
 * The row and its audit event for a stored file, in one transaction; if it cannot commit, the
 * stored object is deleted again, so there is never an object without its row for long.
 */
export async function recordDocument(
  context: DocumentsContext,
  principal: WorkspacePrincipal,
  projectId: string,
  file: StoredDocumentFile,
  shared: boolean,
): Promise<Document> {
  const row = await withUploadCleanup(context.fileStore, file, () =>
    context.db.transaction().execute(async (trx) => {
      // Archived or not, but still there.
      const project = await findWorkspaceProject(trx, principal.workspaceId, projectId);
      if (!project) throw notFound('project');
      const at = isoNow();
      const document = await insertDocument(trx, {
        id: newId('doc'),
        workspace_id: principal.workspaceId,
        project_id: project.id,
        customer_id: project.customer_id,
        name: file.fileName,
        size: file.size,
        content_type: file.contentType,
        sha256: file.sha256,
        storage_key: file.key,
        shared: shared ? 1 : 0,
        uploaded_by_type: principal.actorType,
        uploaded_by_id: principal.actorId,
        uploaded_at: at,
        updated_at: at,
      });
      if (shared) await touchProject(trx, project.id, at);
      await appendAuditEvent(trx, context.dialect, principal, {
        action: 'document.uploaded',
        subjectType: 'document',
        subjectId: document.id,
        customerId: project.customer_id,
        data: { projectId: project.id, name: document.name, size: document.size, sha256: document.sha256, shared },
      });
      return document;
    }),
  );
  return toDocument(row);
}

export async function updateDocument({ db, dialect }: Database, principal: WorkspacePrincipal, documentId: string, input: UpdateDocument): Promise<Document> {
  const changes: { name?: string; shared?: number } = {};
  if (input.name !== undefined) {
    if (!input.name.trim()) throw new Problem(422, 'document_name_required', 'Document name required', 'A document name cannot be blank.');
    changes.name = cleanFileName(input.name);
  }
  if (input.shared !== undefined) changes.shared = input.shared ? 1 : 0;
  const row = await db.transaction().execute(async (trx) => {
    const document = await findWorkspaceDocument(trx, principal.workspaceId, documentId);
    if (!document) throw notFound('document');
    if (Object.keys(changes).length === 0) return document;
    const at = isoNow();
    const updated = await updateDocumentRow(trx, document.id, changes, at);
    const nowShared = updated.shared === 1 && document.shared !== 1;
    if (nowShared) await touchProject(trx, document.project_id, at);
    const action = changes.shared === undefined || changes.shared === document.shared ? 'document.updated' : nowShared ? 'document.shared' : 'document.unshared';
    await appendAuditEvent(trx, dialect, principal, {
      action,
      subjectType: 'document',
      subjectId: document.id,
      customerId: document.customer_id,
      data: { projectId: document.project_id, fields: Object.keys(changes) },
    });
    return updated;
  });
  return toDocument(row);
}

/** Deletes the row with its audit event, then the stored object (a failure there leaves an orphan object, never a row without bytes). */
export async function deleteDocument(context: DocumentsContext, principal: WorkspacePrincipal, documentId: string): Promise<void> {
  const deleted = await context.db.transaction().execute(async (trx) => {
    const document = await findWorkspaceDocument(trx, principal.workspaceId, documentId);
    if (!document || !(await deleteDocumentRow(trx, document.id))) throw notFound('document');
    await appendAuditEvent(trx, context.dialect, principal, {
      action: 'document.deleted',
      subjectType: 'document',
      subjectId: document.id,
      customerId: document.customer_id,
      data: { projectId: document.project_id, name: document.name, sha256: document.sha256 },
    });
    return document;
  });
  await discardUpload(context.fileStore, deleted.storage_key);
}

function linkFor(store: FileStore, document: Pick<DocumentRow, 'id' | 'workspace_id' | 'storage_key' | 'name' | 'content_type'>): Promise<DownloadLink> {
  return store.downloadUrl({ key: document.storage_key, workspaceId: document.workspace_id, documentId: document.id, fileName: document.name, contentType: document.content_type });
}

/** A short-lived link to any document of the workspace. */
export async function teamDownloadLink(context: DocumentsContext, principal: WorkspacePrincipal, documentId: string): Promise<DownloadLink> {
  const document = await findWorkspaceDocument(context.db, principal.workspaceId, documentId);
  if (!document) throw notFound('document');
  return linkFor(context.fileStore, document);
}

/** A short-lived link to a document shared on one of the customer's active projects; anything else is 404. */
export async function customerDownloadLink(context: DocumentsContext, principal: PortalPrincipal, documentId: string): Promise<DownloadLink> {
  const document = await findCustomerDocument(context.db, principal.customerId, documentId);
  if (!document) throw notFound('document');
  return linkFor(context.fileStore, document);
}
