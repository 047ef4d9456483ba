import type { Kysely, Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import {
  COMMENT_BODY_MAX_LENGTH,
  commentBodyLength,
  type Comment,
  type CreateComment,
  type CreateProject,
  type CreateTask,
  type CreateTimeEntry,
  type PortalComment,
  type PortalProject,
  type Project,
  type Task,
  type TimeEntry,
  type UpdateProject,
  type UpdateTask,
} from '../../../sdk/contract/projects.js';
import type { Database } from '../../db/database.js';
import type { DB, MessageAuthorType, ProjectRow } from '../../db/schema.js';
import { runIdempotent, type IdempotencyKey } from '../../lib/idempotency.js';
import type { PageRequest } from '../../lib/keyset.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findCustomer } from '../customers/repository.js';
import { openFollowUpForSource } from '../follow-ups/repository.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import {
  findActiveMember,
  findCustomerProject,
  findCustomerProjectCard,
  findWorkspaceProject,
  findWorkspaceTask,
  hoursOfProject,
  insertComment,
  insertProject,
  insertTask,
  insertTimeEntry,
  listCustomerTasks,
  listProjectComments,
  toComment,
  toPortalComment,
  toPortalProjectCard,
  toProject,
  toTask,
  toTimeEntry,
  touchProject,
  updateProjectRow,
  updateTaskRow,
} from './repository.js';

/** A body as stored: trimmed, 1 to 2,000 code points; anything else is refused before a transaction starts. */
export function checkedCommentBody(body: string): string {
  const text = body.trim();
  const length = commentBodyLength(text);
  if (length === 0) throw new Problem(422, 'comment_empty', 'Comment is empty', 'Write something before sending.');
  if (length > COMMENT_BODY_MAX_LENGTH) {
    throw new Problem(422, 'comment_too_long', 'Comment too long', `This comment has ${length} characters; the limit is ${COMMENT_BODY_MAX_LENGTH}.`);
  }
  return text;
}

function requiredText(value: string, code: string, what: string): string {
  const text = value.trim();
  if (!text) throw new Problem(422, code, `${what} required`, `${what} cannot be blank.`);
  return text;
}

async function workspaceDisplayName(trx: Kysely<DB>, workspaceId: string): Promise<string> {
  const row = await trx.selectFrom('workspaces').select(['name', 'brand_name']).where('id', '=', workspaceId).executeTakeFirstOrThrow();
  return row.brand_name ?? row.name;
}

/** A member signs with their name; an API key writes for the business, under the workspace's name. */
async function teamAuthor(trx: Kysely<DB>, principal: WorkspacePrincipal): Promise<{ type: MessageAuthorType; id: string; name: string }> {
  if (principal.actorType === 'api_key') return { type: 'api_key', id: principal.actorId, name: await workspaceDisplayName(trx, principal.workspaceId) };
  const member = await findActiveMember(trx, principal.workspaceId, principal.actorId);
  return { type: 'member', id: principal.actorId, name: member?.name ?? 'Team' };
}

async function requireProject(db: Kysely<DB>, principal: WorkspacePrincipal, projectId: string): Promise<ProjectRow> {
  const project = await findWorkspaceProject(db, principal.workspaceId, projectId);
  if (!project) throw notFound('project');
  return project;
}

/** An assignee or time logger named in a body: an active member of the workspace, or 422. */
async function requireMember(db: Kysely<DB>, workspaceId: string, memberId: string): Promise<{ id: string; name: string }> {
  const member = await findActiveMember(db, workspaceId, memberId);
  if (!member) throw new Problem(422, 'member_not_found', 'Member not found', 'Name an active member of this workspace.', [{ field: 'memberId', message: 'not a member of this workspace' }]);
  return member;
}

// ---------------------------------------------------------------- portal

/** A project as the customer sees it: hours logged and its tasks, open work first. */
export async function readCustomerProject({ db }: Database, principal: PortalPrincipal, projectId: string): Promise<PortalProject> {
  const card = await findCustomerProjectCard(db, principal.customerId, projectId);
  if (!card) throw notFound('project');
  const [hours, tasks] = await Promise.all([hoursOfProject(db, card.id), listCustomerTasks(db, card.id)]);
  return { ...toPortalProjectCard(card), ...hours, tasks };
}

export async function readCustomerComments({ db }: Database, principal: PortalPrincipal, projectId: string, page: PageRequest): Promise<Page<PortalComment>> {
  const project = await findCustomerProject(db, principal.customerId, projectId);
  if (!project) throw notFound('project');
  return listProjectComments(db, project.id, { includeInternal: false }, page, (row) => toPortalComment(row, principal.contactId));
}

/**
 * A contact comments on one of their customer's active projects, with everything it sets off in
 * the same transaction: the audit event, the project's one follow-up (opened, or reopened once
 * done) and the `project.comment_added` webhook.
 */
export function postCustomerComment(database: Database, principal: PortalPrincipal, projectId: string, input: { body: string }, key: IdempotencyKey | undefined): Promise<PortalComment> {
  const body = checkedCommentBody(input.body);
  return runIdempotent(database, key, async (trx) => {
    const project = await findCustomerProject(trx, principal.customerId, projectId);
    if (!project) throw notFound('project');
    const contact = await trx.selectFrom('portal_contacts').select('display_name').where('id', '=', principal.contactId).executeTakeFirstOrThrow();
    const at = isoNow();
    const comment = await insertComment(trx, project, { body, visibility: 'customer', author: { type: 'contact', id: principal.contactId, name: contact.display_name }, at });
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'project.comment_added',
      subjectType: 'project',
      subjectId: project.id,
      customerId: principal.customerId,
      data: { commentId: comment.id },
    });
    await openFollowUpForSource(trx, {
      workspaceId: principal.workspaceId,
      kind: 'project.comment_added',
      sourceType: 'project',
      sourceId: project.id,
      customerId: principal.customerId,
      contactId: principal.contactId,
      summary: `Comment from ${contact.display_name} on ${project.name}`,
    });
    await enqueueWebhookEvent(trx, {
      workspaceId: principal.workspaceId,
      type: 'project.comment_added',
      data: { projectId: project.id, commentId: comment.id, customerId: principal.customerId, contactId: principal.contactId, projectName: project.name, body, createdAt: at },
    });
    return toPortalComment(comment, principal.contactId);
  });
}

// ---------------------------------------------------------------- workspace: projects

export async function createProject(database: Database, principal: WorkspacePrincipal, input: CreateProject): Promise<Project> {
  const name = requiredText(input.name, 'project_name_required', 'Project name');
  const customer = await findCustomer(database.db, principal.workspaceId, input.customerId);
  if (!customer) throw notFound('customer');
  const row = await database.db.transaction().execute(async (trx) => {
    const project = await insertProject(trx, { workspaceId: principal.workspaceId, customerId: customer.id, name, description: input.description?.trim() ?? '', at: isoNow() });
    await appendAuditEvent(trx, database.dialect, principal, { action: 'project.created', subjectType: 'project', subjectId: project.id, customerId: customer.id });
    return project;
  });
  return toProject(row);
}

export async function updateProject(database: Database, principal: WorkspacePrincipal, projectId: string, input: UpdateProject): Promise<Project> {
  const changes: { name?: string; description?: string; status?: 'active' | 'archived' } = {};
  if (input.name !== undefined) changes.name = requiredText(input.name, 'project_name_required', 'Project name');
  if (input.description !== undefined) changes.description = input.description.trim();
  if (input.status !== undefined) changes.status = input.status;
  const row = await database.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, principal, projectId);
    if (Object.keys(changes).length === 0) return project;
    const updated = await updateProjectRow(trx, project.id, changes, isoNow());
    const action = changes.status && changes.status !== project.status ? (changes.status === 'archived' ? 'project.archived' : 'project.reactivated') : 'project.updated';
    await appendAuditEvent(trx, database.dialect, principal, { action, subjectType: 'project', subjectId: project.id, customerId: project.customer_id, data: { fields: Object.keys(changes) } });
    return updated;
  });
  return toProject(row);
}

// ---------------------------------------------------------------- workspace: tasks

export async function createTask(database: Database, principal: WorkspacePrincipal, projectId: string, input: CreateTask): Promise<Task> {
  const name = requiredText(input.name, 'task_name_required', 'Task name');
  return database.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, principal, projectId);
    const assignee = input.assigneeMemberId ? await requireMember(trx, principal.workspaceId, input.assigneeMemberId) : null;
    const at = isoNow();
    const task = await insertTask(trx, { workspaceId: principal.workspaceId, projectId: project.id, name, status: input.status ?? 'open', assigneeMemberId: assignee?.id ?? null, at });
    await touchProject(trx, project.id, at);
    await appendAuditEvent(trx, database.dialect, principal, { action: 'task.created', subjectType: 'task', subjectId: task.id, customerId: project.customer_id, data: { projectId: project.id } });
    return toTask(task);
  });
}

export async function updateTask(database: Database, principal: WorkspacePrincipal, taskId: string, input: UpdateTask): Promise<Task> {
  const changes: { name?: string; status?: Task['status']; assignee_member_id?: string | null } = {};
  if (input.name !== undefined) changes.name = requiredText(input.name, 'task_name_required', 'Task name');
  if (input.status !== undefined) changes.status = input.status;
  return database.db.transaction().execute(async (trx) => {
    const task = await findWorkspaceTask(trx, principal.workspaceId, taskId);
    if (!task) throw notFound('task');
    if (input.assigneeMemberId !== undefined) changes.assignee_member_id = input.assigneeMemberId === null ? null : (await requireMember(trx, principal.workspaceId, input.assigneeMemberId)).id;
    if (Object.keys(changes).length === 0) return toTask(task);
    const at = isoNow();
    const updated = await updateTaskRow(trx, { workspaceId: principal.workspaceId, id: task.id }, changes, at);
    await touchProject(trx, task.project_id, at);
    const project = await trx.selectFrom('projects').select('customer_id').where('id', '=', task.project_id).executeTakeFirstOrThrow();
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'task.updated',
      subjectType: 'task',
      subjectId: task.id,
      customerId: project.customer_id,
      data: { projectId: task.project_id, fields: Object.keys(changes), ...(changes.status ? { status: changes.status } : {}) },
    });
    return toTask(updated);
  });
}

// ---------------------------------------------------------------- workspace: time entries

/** Hours as stored: hundredths, 1 to 2,400, from a number with at most two decimals. */
export function checkedCentiHours(hours: number): number {
  const centi = Math.round(hours * 100);
  if (!Number.isFinite(hours) || Math.abs(hours * 100 - centi) > 1e-6 || centi < 1 || centi > 2400) {
    throw new Problem(422, 'time_entry_hours_invalid', 'Invalid hours', 'Hours are 0.01 to 24 with at most two decimals.', [{ field: 'hours', message: 'at most two decimals, 0.01 to 24' }]);
  }
  return centi;
}

function checkedDate(date: string): string {
  const parsed = new Date(`${date}T00:00:00.000Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
    throw new Problem(422, 'time_entry_date_invalid', 'Invalid date', 'The date is a calendar day written YYYY-MM-DD.', [{ field: 'date', message: 'not a calendar day' }]);
  }
  return date;
}

export async function createTimeEntry(database: Database, principal: WorkspacePrincipal, projectId: string, input: CreateTimeEntry): Promise<TimeEntry> {
  const centiHours = checkedCentiHours(input.hours);
  const date = checkedDate(input.date);
  return database.db.transaction().execute(async (trx) => {
    const project = await requireProject(trx, principal, projectId);
    const member = await requireMember(trx, principal.workspaceId, input.memberId);
    const at = isoNow();
    const entry = await insertTimeEntry(trx, {
      workspace_id: principal.workspaceId,
      project_id: project.id,
      member_id: member.id,
      member_name: member.name,
      date,
      centi_hours: centiHours,
      billable: input.billable ? 1 : 0,
      rate_amount: input.hourlyRate?.amount ?? null,
      rate_currency: input.hourlyRate?.currency ?? null,
      cost_amount: input.hourlyCost?.amount ?? null,
      cost_currency: input.hourlyCost?.currency ?? null,
      created_at: at,
    });
    await touchProject(trx, project.id, at);
    await appendAuditEvent(trx, database.dialect, principal, {
      action: 'time_entry.created',
      subjectType: 'time_entry',
      subjectId: entry.id,
      customerId: project.customer_id,
      data: { projectId: project.id, hours: centiHours / 100, billable: input.billable },
    });
    return toTimeEntry(entry);
  });
}

// ---------------------------------------------------------------- workspace: comments

export async function readTeamComments({ db }: Database, principal: WorkspacePrincipal, projectId: string, page: PageRequest): Promise<Page<Comment>> {
  const project = await requireProject(db, principal, projectId);
  return listProjectComments(db, project.id, { includeInternal: true }, page, toComment);
}

/** A member or API key comments for the customer to see, or internally for the team only. */
export function postTeamComment(database: Database, principal: WorkspacePrincipal, projectId: string, input: CreateComment, key: IdempotencyKey | undefined): Promise<Comment> {
  const body = checkedCommentBody(input.body);
  return runIdempotent(database, key, async (trx: Transaction<DB>) => {
    const project = await requireProject(trx, principal, projectId);
    const comment = await insertComment(trx, project, { body, visibility: input.visibility, author: await teamAuthor(trx, principal), at: isoNow() });
    await appendAuditEvent(trx, database.dialect, principal, {
      action: input.visibility === 'internal' ? 'project.internal_comment_added' : 'project.comment_added',
      subjectType: 'project',
      subjectId: project.id,
      customerId: project.customer_id,
      data: { commentId: comment.id },
    });
    return toComment(comment);
  });
}
