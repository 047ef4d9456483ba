import type { Kysely } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { Document, PortalDocument } from '../../../sdk/contract/documents.js';
import type { DB, DocumentRow } from '../../db/schema.js';
import type { QueryParameters } from '../../lib/compiled-query.js';
import { compiledKeysetList, keysetPage, type PageRequest } from '../../lib/keyset.js';

export function toDocument(row: DocumentRow): Document {
  return {
    id: row.id,
    projectId: row.project_id,
    customerId: row.customer_id,
    name: row.name,
    size: Number(row.size),
    contentType: row.content_type,
    sha256: row.sha256,
    shared: row.shared === 1,
    uploadedAt: row.uploaded_at,
  };
}

type PortalDocumentRow = Pick<DocumentRow, 'id' | 'name' | 'project_id' | 'size' | 'content_type' | 'uploaded_at'> & { project_name: string };

export function toPortalDocument(row: PortalDocumentRow): PortalDocument {
  return {
    id: row.id,
    name: row.name,
    projectId: row.project_id,
    projectName: row.project_name,
    size: Number(row.size),
    contentType: row.content_type,
    uploadedAt: row.uploaded_at,
  };
}

/** A document of this workspace, shared or not. */
export function findWorkspaceDocument(db: Kysely<DB>, workspaceId: string, documentId: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', documentId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** What the customer may see: shared documents on their active projects. */
function customerDocuments(db: Kysely<DB>, customerId: string) {
  return db
    .selectFrom('documents')
    .innerJoin('projects', 'projects.id', 'documents.project_id')
    .select([
      'documents.id',
      'documents.name',
      'documents.project_id',
      'documents.size',
      'documents.content_type',
      'documents.uploaded_at',
      'documents.storage_key',
      'documents.workspace_id',
      'projects.name as project_name',
    ])
    .where('documents.customer_id', '=', customerId)
    .where('projects.customer_id', '=', customerId)
    .where('documents.shared', '=', 1)
    .where('projects.status', '=', 'active');
}

/** A document the customer may download; undefined for an unshared one, one on an archived project, or anyone else's. */
export function findCustomerDocument(db: Kysely<DB>, customerId: string, documentId: string) {
  return customerDocuments(db, customerId).where('documents.id', '=', documentId).executeTakeFirst();
}

/** The portal's document list with no filter, compiled once: every visit to the documents page runs it. */
const allCustomerDocuments = compiledKeysetList(
  (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
    db
      .selectFrom('documents')
      .innerJoin('projects', 'projects.id', 'documents.project_id')
      .select(['documents.id', 'documents.name', 'documents.project_id', 'documents.size', 'documents.content_type', 'documents.uploaded_at', 'projects.name as project_name'])
      .where('documents.customer_id', '=', p.customerId)
      .where('projects.customer_id', '=', p.customerId)
      .where('documents.shared', '=', 1)
      .where('projects.status', '=', 'active'),
  [['documents.uploaded_at', 'desc'], ['documents.id', 'desc']],
);

/** Newest upload first, across the customer's active projects or on one of them. */
export function listCustomerDocuments(db: Kysely<DB>, customerId: string, filter: { projectId?: string | undefined }, page: PageRequest): Promise<Page<PortalDocument>> {
  if (filter.projectId === undefined) return allCustomerDocuments.page(db, { customerId }, page, toPortalDocument);
  return keysetPage(
    customerDocuments(db, customerId).where('documents.project_id', '=', filter.projectId),
    [['documents.uploaded_at', 'desc'], ['documents.id', 'desc']],
    page,
    toPortalDocument,
  );
}

/** A project's documents for the team, newest upload first. */
export function listProjectDocuments(db: Kysely<DB>, projectId: string, page: PageRequest): Promise<Page<Document>> {
  return keysetPage(db.selectFrom('documents').selectAll().where('project_id', '=', projectId), [['uploaded_at', 'desc'], ['id', 'desc']], page, toDocument);
}

export async function insertDocument(trx: Kysely<DB>, row: DocumentRow): Promise<DocumentRow> {
  await trx.insertInto('documents').values(row).execute();
  return row;
}

export function updateDocumentRow(trx: Kysely<DB>, documentId: string, changes: { name?: string; shared?: number }, at: string): Promise<DocumentRow> {
  return trx.updateTable('documents').set({ ...changes, updated_at: at }).where('id', '=', documentId).returningAll().executeTakeFirstOrThrow();
}

export async function deleteDocumentRow(trx: Kysely<DB>, documentId: string): Promise<boolean> {
  const result = await trx.deleteFrom('documents').where('id', '=', documentId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
