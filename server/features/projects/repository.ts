import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { Page } from '../../../sdk/contract/common.js';
import type { Comment, PortalComment, PortalProjectCard, PortalTask, Project, Task, TaskStatus, TimeEntry } from '../../../sdk/contract/projects.js';
import type { DB, MessageAuthorType, ProjectCommentRow, ProjectRow, ProjectStatus, ProjectTaskRow, TimeEntryRow } from '../../db/schema.js';
import type { QueryParameters } from '../../lib/compiled-query.js';
import { compiledQuery } from '../../lib/compiled-query.js';
import { newId } from '../../lib/ids.js';
import { compiledKeysetList, keysetPage, type PageRequest } from '../../lib/keyset.js';

// ---------------------------------------------------------------- mappers

export function toProject(row: ProjectRow): Project {
  return {
    id: row.id,
    customerId: row.customer_id,
    name: row.name,
    description: row.description,
    status: row.status,
    lastActivityAt: row.last_activity_at,
    createdAt: row.created_at,
  };
}

type CardRow = Pick<ProjectRow, 'id' | 'name' | 'description' | 'last_activity_at'> & { document_count: number | string | null };

export function toPortalProjectCard(row: CardRow): PortalProjectCard {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    documentCount: Number(row.document_count),
    lastActivityAt: row.last_activity_at,
  };
}

type TaskWithAssignee = ProjectTaskRow & { assignee_name: string | null };

export function toTask(row: TaskWithAssignee): Task {
  return {
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    status: row.status,
    assigneeMemberId: row.assignee_member_id,
    assigneeName: row.assignee_name,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The customer's view of a task: the assignee's display name, nothing else about them. */
export function toPortalTask(row: Pick<TaskWithAssignee, 'id' | 'name' | 'status' | 'assignee_name'>): PortalTask {
  return { id: row.id, name: row.name, status: row.status, assigneeName: row.assignee_name };
}

/** Hours are stored as hundredths: 150 → 1.5. */
export const hoursOf = (centiHours: number | string | null): number => Number(centiHours ?? 0) / 100;

export function toTimeEntry(row: TimeEntryRow): TimeEntry {
  return {
    id: row.id,
    projectId: row.project_id,
    memberId: row.member_id,
    memberName: row.member_name,
    date: row.date,
    hours: hoursOf(row.centi_hours),
    billable: row.billable === 1,
    hourlyRate: row.rate_amount !== null && row.rate_currency !== null ? { amount: Number(row.rate_amount), currency: row.rate_currency } : null,
    hourlyCost: row.cost_amount !== null && row.cost_currency !== null ? { amount: Number(row.cost_amount), currency: row.cost_currency } : null,
    createdAt: row.created_at,
  };
}

export function toComment(row: ProjectCommentRow): Comment {
  return {
    id: row.id,
    projectId: row.project_id,
    body: row.body,
    visibility: row.visibility,
    author: { type: row.author_type, id: row.author_id, name: row.author_name },
    createdAt: row.created_at,
  };
}

export function toPortalComment(row: ProjectCommentRow, contactId: string): PortalComment {
  if (row.visibility !== 'customer') throw new Error(`internal comment ${row.id} reached the portal mapper`);
  const byContact = row.author_type === 'contact';
  return {
    id: row.id,
    projectId: row.project_id,
    body: row.body,
    author: { type: byContact ? 'contact' : 'team', name: row.author_name, isYou: byContact && row.author_id === contactId },
    createdAt: row.created_at,
  };
}

// ---------------------------------------------------------------- projects

/** A project of this workspace, whatever its status; undefined for anyone else's. */
export function findWorkspaceProject(db: Kysely<DB>, workspaceId: string, projectId: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', projectId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** An active project of this customer; an archived one is the team's record only and answers like a missing one. */
export function findCustomerProject(db: Kysely<DB>, customerId: string, projectId: string): Promise<ProjectRow | undefined> {
  return db.selectFrom('projects').selectAll().where('id', '=', projectId).where('customer_id', '=', customerId).where('status', '=', 'active').executeTakeFirst();
}

/** How many documents of the project the customer sees. */
const sharedDocumentCount = (eb: ExpressionBuilder<DB, 'projects'>) =>
  eb
    .selectFrom('documents')
    .select((inner) => inner.fn.countAll<number>().as('n'))
    .whereRef('documents.project_id', '=', 'projects.id')
    .where('documents.shared', '=', 1)
    .as('document_count');

/** The portal's project cards, compiled once: every visit to the projects page runs it. */
const customerProjects = compiledKeysetList(
  (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
    db
      .selectFrom('projects')
      .select(['projects.id', 'projects.name', 'projects.description', 'projects.last_activity_at'])
      .select(sharedDocumentCount)
      .where('projects.customer_id', '=', p.customerId)
      .where('projects.status', '=', 'active'),
  [['projects.last_activity_at', 'desc'], ['projects.id', 'desc']],
);

/** The customer's active projects, most recent activity first. */
export function listCustomerProjects(db: Kysely<DB>, customerId: string, page: PageRequest): Promise<Page<PortalProjectCard>> {
  return customerProjects.page(db, { customerId }, page, toPortalProjectCard);
}

/** One active project of the customer as a card (with its shared-document count). */
export function findCustomerProjectCard(db: Kysely<DB>, customerId: string, projectId: string): Promise<CardRow | undefined> {
  return db
    .selectFrom('projects')
    .select(['projects.id', 'projects.name', 'projects.description', 'projects.last_activity_at'])
    .select(sharedDocumentCount)
    .where('projects.id', '=', projectId)
    .where('projects.customer_id', '=', customerId)
    .where('projects.status', '=', 'active')
    .executeTakeFirst();
}

export interface ProjectFilter {
  customerId?: string | undefined;
  status?: ProjectStatus | undefined;
}

/** The workspace's projects, most recent activity first. */
export function listWorkspaceProjects(db: Kysely<DB>, workspaceId: string, filter: ProjectFilter, page: PageRequest): Promise<Page<Project>> {
  let query = db.selectFrom('projects').selectAll().where('workspace_id', '=', workspaceId);
  if (filter.customerId !== undefined) query = query.where('customer_id', '=', filter.customerId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return keysetPage(query, [['last_activity_at', 'desc'], ['id', 'desc']], page, toProject);
}

export async function insertProject(trx: Kysely<DB>, project: { workspaceId: string; customerId: string; name: string; description: string; at: string }): Promise<ProjectRow> {
  return trx
    .insertInto('projects')
    .values({
      id: newId('prj'),
      workspace_id: project.workspaceId,
      customer_id: project.customerId,
      name: project.name,
      description: project.description,
      status: 'active',
      last_activity_at: project.at,
      created_at: project.at,
      updated_at: project.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateProjectRow(
  trx: Kysely<DB>,
  projectId: string,
  changes: { name?: string; description?: string; status?: ProjectStatus },
  at: string,
): Promise<ProjectRow> {
  return trx
    .updateTable('projects')
    .set({ ...changes, updated_at: at })
    .where('id', '=', projectId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Something the customer can see changed: the project moves up their list. Never moves the time back. */
export async function touchProject(trx: Kysely<DB>, projectId: string, at: string): Promise<void> {
  await trx.updateTable('projects').set({ last_activity_at: at }).where('id', '=', projectId).where('last_activity_at', '<', at).execute();
}

// ---------------------------------------------------------------- hours

const projectHours = compiledQuery((db, p: QueryParameters<{ projectId: string }>) =>
  db
    .selectFrom('time_entries')
    .select([
      sql<number | string | null>`sum(centi_hours)`.as('total'),
      sql<number | string | null>`sum(case when billable = 1 then centi_hours else 0 end)`.as('billable'),
    ])
    .where('project_id', '=', p.projectId),
);

/** Total and billable hours logged on a project, exact to the hundredth. */
export async function hoursOfProject(db: Kysely<DB>, projectId: string): Promise<{ totalHours: number; billableHours: number }> {
  const row = await projectHours.first(db, { projectId });
  return { totalHours: hoursOf(row?.total ?? 0), billableHours: hoursOf(row?.billable ?? 0) };
}

// ---------------------------------------------------------------- tasks

function tasksWithAssignee(db: Kysely<DB>) {
  return db
    .selectFrom('project_tasks')
    .leftJoin('members', 'members.id', 'project_tasks.assignee_member_id')
    .leftJoin('people', 'people.id', 'members.person_id')
    .selectAll('project_tasks')
    .select('people.name as assignee_name');
}

/** Open work first: in progress, open, done, cancelled; then by name (case-insensitive), then id. */
const statusRank = sql<number>`case ${sql.ref('project_tasks.status')} when 'in_progress' then 0 when 'open' then 1 when 'done' then 2 else 3 end`;

const customerTasks = compiledQuery((db, p: QueryParameters<{ projectId: string }>) =>
  db
    .selectFrom('project_tasks')
    .leftJoin('members', 'members.id', 'project_tasks.assignee_member_id')
    .leftJoin('people', 'people.id', 'members.person_id')
    .select(['project_tasks.id', 'project_tasks.name', 'project_tasks.status', 'people.name as assignee_name'])
    .where('project_tasks.project_id', '=', p.projectId)
    .orderBy(statusRank)
    .orderBy(sql`lower(${sql.ref('project_tasks.name')})`)
    .orderBy('project_tasks.id'),
);

/** Every task of a project, in the portal's order. */
export async function listCustomerTasks(db: Kysely<DB>, projectId: string): Promise<PortalTask[]> {
  return (await customerTasks.all(db, { projectId })).map(toPortalTask);
}

/** A project's tasks for the team, oldest first. */
export function listProjectTasks(db: Kysely<DB>, projectId: string, page: PageRequest): Promise<Page<Task>> {
  return keysetPage(
    tasksWithAssignee(db).where('project_tasks.project_id', '=', projectId),
    [['project_tasks.created_at', 'asc'], ['project_tasks.id', 'asc']],
    page,
    toTask,
  );
}

/** A task of a project of this workspace. */
export function findWorkspaceTask(db: Kysely<DB>, workspaceId: string, taskId: string): Promise<TaskWithAssignee | undefined> {
  return tasksWithAssignee(db).where('project_tasks.id', '=', taskId).where('project_tasks.workspace_id', '=', workspaceId).executeTakeFirst();
}

export async function insertTask(
  trx: Kysely<DB>,
  task: { workspaceId: string; projectId: string; name: string; status: TaskStatus; assigneeMemberId: string | null; at: string },
): Promise<TaskWithAssignee> {
  const id = newId('tsk');
  await trx
    .insertInto('project_tasks')
    .values({
      id,
      workspace_id: task.workspaceId,
      project_id: task.projectId,
      name: task.name,
      status: task.status,
      assignee_member_id: task.assigneeMemberId,
      created_at: task.at,
      updated_at: task.at,
    })
    .execute();
  return (await findWorkspaceTask(trx, task.workspaceId, id))!;
}

export async function updateTaskRow(
  trx: Kysely<DB>,
  task: { workspaceId: string; id: string },
  changes: { name?: string; status?: TaskStatus; assignee_member_id?: string | null },
  at: string,
): Promise<TaskWithAssignee> {
  await trx.updateTable('project_tasks').set({ ...changes, updated_at: at }).where('id', '=', task.id).execute();
  return (await findWorkspaceTask(trx, task.workspaceId, task.id))!;
}

/** An active member of the workspace and the name the team and the customer see. */
export async function findActiveMember(db: Kysely<DB>, workspaceId: string, memberId: string): Promise<{ id: string; name: string } | undefined> {
  const row = await db
    .selectFrom('members')
    .leftJoin('people', 'people.id', 'members.person_id')
    .select(['members.id', 'members.email', 'people.name'])
    .where('members.id', '=', memberId)
    .where('members.workspace_id', '=', workspaceId)
    .where('members.status', '=', 'active')
    .executeTakeFirst();
  return row ? { id: row.id, name: row.name ?? row.email } : undefined;
}

// ---------------------------------------------------------------- time entries

export function listTimeEntries(db: Kysely<DB>, projectId: string, page: PageRequest): Promise<Page<TimeEntry>> {
  return keysetPage(db.selectFrom('time_entries').selectAll().where('project_id', '=', projectId), [['date', 'desc'], ['id', 'desc']], page, toTimeEntry);
}

export async function insertTimeEntry(trx: Kysely<DB>, entry: Omit<TimeEntryRow, 'id'>): Promise<TimeEntryRow> {
  return trx
    .insertInto('time_entries')
    .values({ id: newId('tim'), ...entry })
    .returningAll()
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------- comments

/** Oldest first; the portal's list leaves internal comments out in the query itself. */
export function listProjectComments<Item>(
  db: Kysely<DB>,
  projectId: string,
  options: { includeInternal: boolean },
  page: PageRequest,
  toItem: (row: ProjectCommentRow) => Item,
): Promise<Page<Item>> {
  let query = db.selectFrom('project_comments').selectAll().where('project_id', '=', projectId);
  if (!options.includeInternal) query = query.where('visibility', '=', 'customer');
  return keysetPage(query, [['seq', 'asc', 'integer'], ['id', 'asc']], page, toItem);
}

export interface NewComment {
  body: string;
  visibility: 'customer' | 'internal';
  author: { type: MessageAuthorType; id: string; name: string };
  at: string;
}

/**
 * Adds a comment: the project's row first (it numbers the comment, and on PostgreSQL its lock
 * orders concurrent posts); a comment the customer sees also moves the project's last activity.
 */
export async function insertComment(trx: Transaction<DB>, project: Pick<ProjectRow, 'id' | 'workspace_id'>, comment: NewComment): Promise<ProjectCommentRow> {
  const updated = await trx
    .updateTable('projects')
    .set((eb) => ({
      comment_count: eb('comment_count', '+', 1),
      ...(comment.visibility === 'customer' ? { last_activity_at: sql<string>`case when last_activity_at < ${comment.at} then ${comment.at} else last_activity_at end` } : {}),
    }))
    .where('id', '=', project.id)
    .returning('comment_count')
    .executeTakeFirstOrThrow();
  const row: ProjectCommentRow = {
    id: newId('cmt'),
    workspace_id: project.workspace_id,
    project_id: project.id,
    seq: updated.comment_count,
    body: comment.body,
    visibility: comment.visibility,
    author_type: comment.author.type,
    author_id: comment.author.id,
    author_name: comment.author.name,
    created_at: comment.at,
  };
  await trx.insertInto('project_comments').values(row).execute();
  return row;
}
