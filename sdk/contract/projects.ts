import { Type, type Static } from 'typebox';
import { Id, Money, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

/** The longest comment body, in Unicode code points after trimming (an emoji counts as one). */
export const COMMENT_BODY_MAX_LENGTH = 2_000;

/** How long a comment body is, the way the server counts it: code points after trimming. */
export function commentBodyLength(body: string): number {
  return [...body.trim()].length;
}

/** An archived project is the team's record only: the portal no longer shows it. */
export const ProjectStatus = Type.Enum(['active', 'archived']);
export type ProjectStatus = Static<typeof ProjectStatus>;

/** The order the portal lists tasks in: open work first. */
export const taskStatuses = ['in_progress', 'open', 'done', 'cancelled'] as const;
export const TaskStatus = Type.Enum([...taskStatuses]);
export type TaskStatus = Static<typeof TaskStatus>;

export const CommentVisibility = Type.Enum(['customer', 'internal']);
export type CommentVisibility = Static<typeof CommentVisibility>;

/** A comment body as sent: plain text, 1–2,000 code points after trimming (422 `comment_empty` / `comment_too_long`). */
const CommentBody = Type.String({
  description: 'Plain text; 1 to 2,000 Unicode code points after trimming. Stored trimmed, always rendered as text.',
});

/** Hours as a number with at most two decimals. */
const Hours = Type.Number({ minimum: 0, description: 'Hours, at most two decimals.' });

// ---------------------------------------------------------------- portal shapes

/** A project as a card in the portal's list. */
export const PortalProjectCard = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  /** How many documents the team shared on this project. */
  documentCount: Type.Integer({ minimum: 0 }),
  /** The newest change the customer can see: a task, a shared document, a customer-visible comment, logged time. */
  lastActivityAt: Timestamp,
});
export type PortalProjectCard = Static<typeof PortalProjectCard>;

/** A task as the customer sees it: the assignee by display name only. */
export const PortalTask = Type.Object({
  id: Id,
  name: Type.String(),
  status: TaskStatus,
  assigneeName: Type.Union([Type.String(), Type.Null()]),
});
export type PortalTask = Static<typeof PortalTask>;

/** One project in the portal: hours logged and its tasks, open work first (in progress, open, done, cancelled; then by name). */
export const PortalProject = Type.Object({
  ...PortalProjectCard.properties,
  totalHours: Hours,
  billableHours: Hours,
  tasks: Type.Array(PortalTask),
});
export type PortalProject = Static<typeof PortalProject>;

/** Who wrote a comment, as a contact sees it: a contact of the customer, or the team. */
export const PortalCommentAuthor = Type.Object({
  type: Type.Enum(['contact', 'team']),
  name: Type.String(),
  /** Whether the signed-in contact wrote it. */
  isYou: Type.Boolean(),
});
export type PortalCommentAuthor = Static<typeof PortalCommentAuthor>;

/** A customer-visible comment on a project. */
export const PortalComment = Type.Object({
  id: Id,
  projectId: Id,
  body: Type.String(),
  author: PortalCommentAuthor,
  createdAt: Timestamp,
});
export type PortalComment = Static<typeof PortalComment>;

export const CreatePortalComment = Type.Object(
  { body: CommentBody },
  { additionalProperties: false, examples: [{ body: 'Looks good, thank you.' }] },
);
export type CreatePortalComment = Static<typeof CreatePortalComment>;

// ---------------------------------------------------------------- workspace shapes

export const Project = Type.Object({
  id: Id,
  customerId: Id,
  name: Type.String(),
  description: Type.String(),
  status: ProjectStatus,
  lastActivityAt: Timestamp,
  createdAt: Timestamp,
});
export type Project = Static<typeof Project>;

const ProjectName = Type.String({ minLength: 1, maxLength: 200 });
const ProjectDescription = Type.String({ maxLength: 5_000 });

export const CreateProject = Type.Object(
  { customerId: Id, name: ProjectName, description: Type.Optional(ProjectDescription) },
  { additionalProperties: false, examples: [{ customerId: 'cus_k3x9q2m7p4t8v6w5y2z3', name: 'Website redesign', description: 'New design and a rebuilt catalogue.' }] },
);
export type CreateProject = Static<typeof CreateProject>;

export const UpdateProject = Type.Object(
  { name: Type.Optional(ProjectName), description: Type.Optional(ProjectDescription), status: Type.Optional(ProjectStatus) },
  { additionalProperties: false, examples: [{ status: 'archived' }] },
);
export type UpdateProject = Static<typeof UpdateProject>;

export const ProjectParams = Type.Object({ projectId: Id });
export const TaskParams = Type.Object({ taskId: Id });

export const ProjectListQuery = Type.Object(
  { ...PageQuery.properties, customerId: Type.Optional(Id), status: Type.Optional(ProjectStatus) },
  { additionalProperties: false },
);
export type ProjectListQuery = Static<typeof ProjectListQuery>;

export const Task = Type.Object({
  id: Id,
  projectId: Id,
  name: Type.String(),
  status: TaskStatus,
  assigneeMemberId: Type.Union([Id, Type.Null()]),
  assigneeName: Type.Union([Type.String(), Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Task = Static<typeof Task>;

const TaskName = Type.String({ minLength: 1, maxLength: 200 });

export const CreateTask = Type.Object(
  { name: TaskName, assigneeMemberId: Type.Optional(Type.Union([Id, Type.Null()])), status: Type.Optional(TaskStatus) },
  { additionalProperties: false, examples: [{ name: 'Design review', status: 'open' }] },
);
export type CreateTask = Static<typeof CreateTask>;

export const UpdateTask = Type.Object(
  { name: Type.Optional(TaskName), assigneeMemberId: Type.Optional(Type.Union([Id, Type.Null()])), status: Type.Optional(TaskStatus) },
  { additionalProperties: false, examples: [{ status: 'done' }] },
);
export type UpdateTask = Static<typeof UpdateTask>;

/** Time logged on a project; rates and costs are the team's and never reach the portal. */
export const TimeEntry = Type.Object({
  id: Id,
  projectId: Id,
  memberId: Id,
  memberName: Type.String(),
  date: Type.String({ format: 'date' }),
  hours: Hours,
  billable: Type.Boolean(),
  hourlyRate: Type.Union([Money, Type.Null()]),
  hourlyCost: Type.Union([Money, Type.Null()]),
  createdAt: Timestamp,
});
export type TimeEntry = Static<typeof TimeEntry>;

export const CreateTimeEntry = Type.Object(
  {
    date: Type.String({ format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    /** 0.01 to 24, at most two decimals (422 `time_entry_hours_invalid`). */
    hours: Type.Number({ minimum: 0.01, maximum: 24 }),
    billable: Type.Boolean(),
    /** A member of the workspace (422 `member_not_found` otherwise). */
    memberId: Id,
    hourlyRate: Type.Optional(Money),
    hourlyCost: Type.Optional(Money),
  },
  { additionalProperties: false, examples: [{ date: '2026-11-20', hours: 1.5, billable: true, memberId: 'mem_k3x9q2m7p4t8v6w5y2z3' }] },
);
export type CreateTimeEntry = Static<typeof CreateTimeEntry>;

/** Who wrote a comment, as the team sees it. */
export const CommentAuthor = Type.Object({
  type: Type.Enum(['contact', 'member', 'api_key']),
  id: Id,
  name: Type.String(),
});
export type CommentAuthor = Static<typeof CommentAuthor>;

export const Comment = Type.Object({
  id: Id,
  projectId: Id,
  body: Type.String(),
  /** `internal` comments are the team's only; the customer never sees them. */
  visibility: CommentVisibility,
  author: CommentAuthor,
  createdAt: Timestamp,
});
export type Comment = Static<typeof Comment>;

export const CreateComment = Type.Object(
  { body: CommentBody, visibility: CommentVisibility },
  { additionalProperties: false, examples: [{ body: 'The first draft is ready for review.', visibility: 'customer' }] },
);
export type CreateComment = Static<typeof CreateComment>;

// ---------------------------------------------------------------- endpoints

const idempotencyNote =
  'Send an `Idempotency-Key` header (1–255 characters, kept 24 hours) to retry safely: the same key and body answer the first result again without a second comment; the same key with another body is refused with 409 `idempotency_key_reused`.';
const commentLimitNote = 'A body that is empty after trimming is refused with 422 `comment_empty`, one over 2,000 code points with 422 `comment_too_long`; nothing is stored.';

/** The signed-in customer's active projects. */
export const portalProjectEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/projects',
    operationId: 'listPortalProjects',
    summary: "List the customer's active projects, most recent activity first",
    surface: 'portal',
    query: PageQuery,
    status: 200,
    response: Page(PortalProjectCard),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/projects/:projectId',
    operationId: 'retrievePortalProject',
    summary: 'Retrieve a project with its hours and tasks',
    surface: 'portal',
    params: ProjectParams,
    status: 200,
    response: PortalProject,
  }),
};

export const portalProjectCommentEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/projects/:projectId/comments',
    operationId: 'listPortalProjectComments',
    summary: "List a project's comments, oldest first",
    surface: 'portal',
    params: ProjectParams,
    query: PageQuery,
    status: 200,
    response: Page(PortalComment),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/portal/projects/:projectId/comments',
    operationId: 'createPortalProjectComment',
    summary: 'Comment on a project',
    description: `${commentLimitNote} ${idempotencyNote}`,
    surface: 'portal',
    params: ProjectParams,
    body: CreatePortalComment,
    status: 201,
    response: PortalComment,
    extraProblems: [422],
  }),
};

export const projectEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/projects',
    operationId: 'listProjects',
    summary: 'List projects, most recent activity first',
    surface: 'workspace',
    permission: 'projects.read',
    query: ProjectListQuery,
    status: 200,
    response: Page(Project),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/projects',
    operationId: 'createProject',
    summary: 'Create a project for a customer',
    surface: 'workspace',
    permission: 'projects.write',
    body: CreateProject,
    status: 201,
    response: Project,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/projects/:projectId',
    operationId: 'retrieveProject',
    summary: 'Retrieve a project',
    surface: 'workspace',
    permission: 'projects.read',
    params: ProjectParams,
    status: 200,
    response: Project,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/projects/:projectId',
    operationId: 'updateProject',
    summary: 'Rename, describe, archive or reactivate a project',
    surface: 'workspace',
    permission: 'projects.write',
    params: ProjectParams,
    body: UpdateProject,
    status: 200,
    response: Project,
  }),
};

export const taskEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/projects/:projectId/tasks',
    operationId: 'listTasks',
    summary: "List a project's tasks, oldest first",
    surface: 'workspace',
    permission: 'projects.read',
    params: ProjectParams,
    query: PageQuery,
    status: 200,
    response: Page(Task),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/projects/:projectId/tasks',
    operationId: 'createTask',
    summary: 'Add a task to a project',
    description: 'The assignee must be a member of the workspace (422 `member_not_found`).',
    surface: 'workspace',
    permission: 'projects.write',
    params: ProjectParams,
    body: CreateTask,
    status: 201,
    response: Task,
    extraProblems: [422],
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/tasks/:taskId',
    operationId: 'updateTask',
    summary: 'Rename, reassign or move a task to another status',
    surface: 'workspace',
    permission: 'projects.write',
    params: TaskParams,
    body: UpdateTask,
    status: 200,
    response: Task,
    extraProblems: [422],
  }),
};

export const timeEntryEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/projects/:projectId/time-entries',
    operationId: 'listTimeEntries',
    summary: "List a project's time entries, newest date first",
    surface: 'workspace',
    permission: 'projects.read',
    params: ProjectParams,
    query: PageQuery,
    status: 200,
    response: Page(TimeEntry),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/projects/:projectId/time-entries',
    operationId: 'createTimeEntry',
    summary: 'Log time on a project',
    description: 'Hours are 0.01 to 24 with at most two decimals (422 `time_entry_hours_invalid`); the member must belong to the workspace (422 `member_not_found`). Rates and costs stay internal.',
    surface: 'workspace',
    permission: 'projects.write',
    params: ProjectParams,
    body: CreateTimeEntry,
    status: 201,
    response: TimeEntry,
    extraProblems: [422],
  }),
};

export const projectCommentEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/projects/:projectId/comments',
    operationId: 'listProjectComments',
    summary: "List a project's comments, internal ones included, oldest first",
    surface: 'workspace',
    permission: 'projects.read',
    params: ProjectParams,
    query: PageQuery,
    status: 200,
    response: Page(Comment),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/projects/:projectId/comments',
    operationId: 'createProjectComment',
    summary: 'Comment on a project for the customer, or internally for the team',
    description: `${commentLimitNote} ${idempotencyNote}`,
    surface: 'workspace',
    permission: 'projects.write',
    params: ProjectParams,
    body: CreateComment,
    status: 201,
    response: Comment,
    extraProblems: [422],
  }),
};
