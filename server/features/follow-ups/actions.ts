import type { FollowUp, FollowUpState, UpdateFollowUp } from '../../../sdk/contract/follow-ups.js';
import type { Database } from '../../db/database.js';
import type { FollowUpRow } from '../../db/schema.js';
import { notFound, Problem } from '../../lib/problem.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findCustomer } from '../customers/repository.js';
import { findMembership } from '../members/repository.js';
import { enqueueFollowUpAssignedEmail } from '../notifications/enqueue.js';
import {
  enqueueFollowUpEvent,
  findFollowUp,
  lockFollowUp,
  moveFollowUp,
  toFollowUp,
  updateFollowUp,
  type FollowUpEventType,
  type FollowUpScope,
} from './repository.js';

/** A finance reviewer works on finance follow-ups only; the others of the workspace answer 404 to them. */
export function followUpScope(principal: WorkspacePrincipal): FollowUpScope {
  return principal.actorType === 'member' && principal.role === 'finance_reviewer' ? 'finance' : 'all';
}

export async function retrieveFollowUp({ db }: Database, principal: WorkspacePrincipal, followUpId: string): Promise<FollowUp> {
  const row = await findFollowUp(db, principal.workspaceId, followUpScope(principal), followUpId);
  if (!row) throw notFound('follow-up');
  return toFollowUp(row);
}

/**
 * Assigns a follow-up (to an active member, or to nobody) and sets or clears its due date.
 * A request that changes nothing answers the follow-up as it is, without an audit event; a new
 * assignee is emailed.
 */
export async function changeFollowUp(database: Database, principal: WorkspacePrincipal, followUpId: string, input: UpdateFollowUp): Promise<FollowUp> {
  const { db, dialect } = database;
  return db.transaction().execute(async (trx) => {
    const current = await lockFollowUp(trx, dialect, principal.workspaceId, followUpScope(principal), followUpId);
    if (!current) throw notFound('follow-up');
    const assignee = input.assigneeMemberId ? await findMembership(trx, principal.workspaceId, input.assigneeMemberId, 'active') : undefined;
    if (input.assigneeMemberId && !assignee) {
      throw new Problem(422, 'assignee_not_member', 'Assignee is not a member', 'Assign the follow-up to an active member of this workspace, or to null.');
    }
    const changes: { assigneeMemberId?: string | null; dueAt?: string | null } = {};
    if (input.assigneeMemberId !== undefined && input.assigneeMemberId !== current.assignee_member_id) changes.assigneeMemberId = input.assigneeMemberId;
    if (input.dueAt !== undefined && !sameInstant(input.dueAt, current.due_at)) changes.dueAt = input.dueAt === null ? null : new Date(input.dueAt).toISOString();
    if (!Object.keys(changes).length) return toFollowUp(current);
    const updated = await updateFollowUp(trx, principal.workspaceId, current.id, changes);
    if (!updated) throw notFound('follow-up');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'follow_up.updated',
      subjectType: 'follow_up',
      subjectId: updated.id,
      customerId: updated.customer_id,
      data: changes,
    });
    await enqueueFollowUpEvent(trx, 'follow_up.updated', updated);
    if (changes.assigneeMemberId && assignee) {
      const customer = await findCustomer(trx, principal.workspaceId, updated.customer_id);
      await enqueueFollowUpAssignedEmail(trx, {
        workspaceId: principal.workspaceId,
        memberEmail: assignee.email,
        memberName: assignee.name ?? assignee.email,
        summary: updated.summary,
        customerName: customer?.name ?? '',
        dueAt: updated.due_at,
      });
    }
    return toFollowUp(updated);
  });
}

function sameInstant(next: string | null, stored: string | null): boolean {
  if (next === null || stored === null) return next === stored;
  return Date.parse(next) === Date.parse(stored);
}

/** A state change: from which states it applies, where it leads, and how it is recorded. */
interface FollowUpMove {
  from: readonly FollowUpState[];
  to: FollowUpState;
  action: FollowUpEventType;
}

export const completion: FollowUpMove = { from: ['open'], to: 'done', action: 'follow_up.completed' };
export const dismissal: FollowUpMove = { from: ['open'], to: 'dismissed', action: 'follow_up.dismissed' };
export const reopening: FollowUpMove = { from: ['done', 'dismissed'], to: 'open', action: 'follow_up.reopened' };

/**
 * Completes, dismisses or reopens a follow-up. Idempotent: asking for the state it is already in
 * answers it as it is; of concurrent requests only the one whose update moved it is audited.
 */
export function moveFollowUpState({ db, dialect }: Database, principal: WorkspacePrincipal, followUpId: string, move: FollowUpMove): Promise<FollowUp> {
  return db.transaction().execute(async (trx) => {
    const scope = followUpScope(principal);
    const visible = await findFollowUp(trx, principal.workspaceId, scope, followUpId);
    if (!visible) throw notFound('follow-up');
    const moved = await moveFollowUp(trx, principal.workspaceId, followUpId, move.from, move.to);
    if (!moved) return unmoved(await findFollowUp(trx, principal.workspaceId, scope, followUpId), move);
    await appendAuditEvent(trx, dialect, principal, {
      action: move.action,
      subjectType: 'follow_up',
      subjectId: moved.id,
      customerId: moved.customer_id,
    });
    await enqueueFollowUpEvent(trx, move.action, moved);
    return toFollowUp(moved);
  });
}

/** Another request moved it first: already in the wanted state is a success, any other state a conflict. */
function unmoved(current: FollowUpRow | undefined, move: FollowUpMove): FollowUp {
  if (!current) throw notFound('follow-up');
  if (current.state === move.to) return toFollowUp(current);
  throw new Problem(409, 'follow_up_not_open', 'Follow-up is not open', `This follow-up is ${current.state}; reopen it first.`);
}
