import type { Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { DownloadLink } from '../../../sdk/contract/documents.js';
import type { AcceptIntakeItem, IntakeItem, IntakeListQuery } from '../../../sdk/contract/intake.js';
import type { Config } from '../../config.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { discardUpload, withUploadCleanup, type FileStore, type StoredFile } from '../../files/index.js';
import { newId } from '../../lib/ids.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { insertDocument } from '../documents/repository.js';
import { findWorkspaceProject, touchProject } from '../projects/repository.js';
import { acceptProofIntake, paymentProofIntake, rejectProofIntake } from '../payment-proofs/actions.js';
import { findRequestItem, findWorkspaceRequest, isOpen, lockWorkspaceRequest } from '../requests/repository.js';
import { acceptAnswer, checkedReturnReason, requestClosed, returnAnswer } from '../requests/review.js';
import { intakeLinksFor } from './links.js';
import { findWorkspaceIntakeItem, listWorkspaceIntake, reviewIntakeItem, toIntakeItem } from './repository.js';
import type { IntakeItemRow } from './schema.js';

/** The database and the file store, as the app carries them. */
export interface IntakeContext extends Database {
  fileStore: FileStore;
}

const alreadyReviewed = (row: Pick<IntakeItemRow, 'status'>) =>
  new Problem(409, 'intake_already_reviewed', 'File already reviewed', `This file is ${row.status}; only a pending file can be accepted or rejected.`);

async function requireIntake(db: Database['db'], principal: WorkspacePrincipal, intakeId: string): Promise<IntakeItemRow> {
  const row = await findWorkspaceIntakeItem(db, principal.workspaceId, intakeId);
  if (!row) throw notFound('intake item');
  return row;
}

export function listIntake({ db }: Database, principal: WorkspacePrincipal, query: IntakeListQuery): Promise<Page<IntakeItem>> {
  return listWorkspaceIntake(db, principal.workspaceId, { status: query.status, kind: query.kind, customerId: query.customerId }, { limit: query.limit ?? 20, cursor: query.cursor });
}

export async function readIntake({ db }: Database, principal: WorkspacePrincipal, intakeId: string): Promise<IntakeItem> {
  return toIntakeItem(await requireIntake(db, principal, intakeId));
}

/**
 * A reviewer's short-lived link to a quarantined file: the intake's own signed route on the local
 * store, a presigned URL on S3. Who asked is recorded: these files came from the internet.
 */
export async function intakeDownloadLink(context: IntakeContext, config: Pick<Config, 'publicUrl' | 'files'>, principal: WorkspacePrincipal, intakeId: string): Promise<DownloadLink> {
  const row = await requireIntake(context.db, principal, intakeId);
  const link =
    context.fileStore.kind === 's3'
      ? await context.fileStore.downloadUrl({ key: row.storage_key, workspaceId: row.workspace_id, documentId: row.id, fileName: row.file_name, contentType: row.content_type })
      : (await intakeLinksFor(context.db, config)).sign({ workspaceId: row.workspace_id, intakeId: row.id });
  await context.db.transaction().execute((trx) =>
    appendAuditEvent(trx, context.dialect, principal, { action: 'intake.download_link_created', subjectType: 'intake_item', subjectId: row.id, customerId: row.customer_id }),
  );
  return link;
}

/** Under the request's lock: the intake item as it is now, its request and the item it answers. */
async function lockedIntake(trx: Transaction<DB>, principal: WorkspacePrincipal, intakeId: string, at: string) {
  const before = await requireIntake(trx, principal, intakeId);
  const request = await lockWorkspaceRequest(trx, principal.workspaceId, before.source_request_id, at);
  if (!request) throw notFound('intake item');
  // Read again under the lock: every change to an intake item holds its request's lock.
  const intake = await requireIntake(trx, principal, intakeId);
  const item = await findRequestItem(trx, request.id, intake.source_item_id);
  return { intake, request, item };
}

/**
 * Accepts a pending file and the request item it answers (the last one completes the request).
 * With `publishToProjectId` the bytes are copied out of quarantine into a new document of that
 * project, in the same transaction as the verdict; if it cannot commit, the copy is deleted.
 */
export async function acceptIntake(context: IntakeContext, principal: WorkspacePrincipal, intakeId: string, input: AcceptIntakeItem): Promise<IntakeItem> {
  const pending = await requireIntake(context.db, principal, intakeId);
  // A payment proof's file is reviewed as the proof, under its own permission.
  if (pending.kind === 'payment_proof') return acceptProofIntake(context, principal, pending, input);
  if (input.shared !== undefined && input.publishToProjectId === undefined) {
    throw new Problem(422, 'publish_project_required', 'Project required', '`shared` applies to a published document: name the project with `publishToProjectId`.', [
      { field: 'shared', message: 'only with publishToProjectId' },
    ]);
  }
  if (pending.status !== 'pending') throw alreadyReviewed(pending);
  const request = await findWorkspaceRequest(context.db, principal.workspaceId, pending.source_request_id);
  if (!request) throw notFound('intake item');
  if (!isOpen(request.status)) throw requestClosed(request);
  const publishTo = input.publishToProjectId;
  const shared = input.shared ?? true;
  if (publishTo !== undefined) {
    const project = await findWorkspaceProject(context.db, principal.workspaceId, publishTo);
    if (!project || project.customer_id !== pending.customer_id) {
      throw new Problem(422, 'project_not_found', 'Project not found', "Publish to a project of the file's customer.", [{ field: 'publishToProjectId', message: "not a project of the file's customer" }]);
    }
  }

  const decide = (copy: StoredFile | undefined) =>
    context.db.transaction().execute(async (trx) => {
      const at = isoNow();
      const { intake, request: locked, item } = await lockedIntake(trx, principal, intakeId, at);
      if (intake.status !== 'pending') throw alreadyReviewed(intake);
      if (!item || item.answer_intake_id !== intake.id) throw alreadyReviewed({ status: 'superseded' });
      let documentId: string | null = null;
      if (copy && publishTo !== undefined) {
        const project = await findWorkspaceProject(trx, principal.workspaceId, publishTo);
        if (!project || project.customer_id !== intake.customer_id) throw notFound('project');
        documentId = newId('doc');
        await insertDocument(trx, {
          id: documentId,
          workspace_id: principal.workspaceId,
          project_id: project.id,
          customer_id: project.customer_id,
          name: intake.file_name,
          size: Number(intake.file_size),
          content_type: intake.content_type,
          sha256: copy.sha256,
          storage_key: copy.key,
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
          subjectId: documentId,
          customerId: project.customer_id,
          data: { projectId: project.id, name: intake.file_name, size: Number(intake.file_size), sha256: copy.sha256, shared, fromIntakeId: intake.id },
        });
      }
      const verdict = await acceptAnswer(trx, context.dialect, principal, locked, item, at, documentId);
      if (!verdict.intake) throw alreadyReviewed(intake);
      return toIntakeItem(verdict.intake);
    });

  if (publishTo === undefined) return decide(undefined);
  // A copy, not a move: the quarantined original stays the record of what the contact sent.
  const copy = await context.fileStore.put(await context.fileStore.open(pending.storage_key), { contentType: pending.content_type, keyPrefix: principal.workspaceId });
  if (copy.sha256 !== pending.sha256) {
    await discardUpload(context.fileStore, copy.key);
    throw new Error(`intake ${pending.id}: the stored bytes no longer match their recorded sha256`);
  }
  return withUploadCleanup(context.fileStore, copy, () => decide(copy));
}

/**
 * Rejects a pending file with a reason; the request item it answers is returned to the contact
 * with the same reason. On a closed request only the file's verdict is recorded.
 */
export async function rejectIntake(context: IntakeContext, principal: WorkspacePrincipal, intakeId: string, input: { reason: string }): Promise<IntakeItem> {
  const proofIntake = await paymentProofIntake(context.db, principal.workspaceId, intakeId);
  if (proofIntake) return rejectProofIntake(context, principal, proofIntake, input);
  const reason = checkedReturnReason(input.reason);
  return context.db.transaction().execute(async (trx) => {
    const at = isoNow();
    const { intake, request, item } = await lockedIntake(trx, principal, intakeId, at);
    if (intake.status !== 'pending') throw alreadyReviewed(intake);
    if (isOpen(request.status) && item && item.answer_intake_id === intake.id && item.state === 'under_review') {
      const verdict = await returnAnswer(trx, context.dialect, principal, request, item, reason, at);
      if (!verdict.intake) throw alreadyReviewed(intake);
      return toIntakeItem(verdict.intake);
    }
    const rejected = await reviewIntakeItem(trx, intake.id, { status: 'rejected', reviewer: { type: principal.actorType, id: principal.actorId }, rejectReason: reason, at });
    if (!rejected) throw alreadyReviewed(intake);
    await appendAuditEvent(trx, context.dialect, principal, {
      action: 'intake.rejected',
      subjectType: 'intake_item',
      subjectId: intake.id,
      customerId: intake.customer_id,
      data: { requestId: request.id, itemId: intake.source_item_id, reason },
    });
    return toIntakeItem(rejected);
  });
}
