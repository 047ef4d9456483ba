import { Type, type Static } from 'typebox';
import { Id, Page, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

export const FollowUpState = Type.Enum(['open', 'done', 'dismissed']);
export type FollowUpState = Static<typeof FollowUpState>;

/** What made the follow-up, e.g. `proposal.accepted`, `message.received`; `invoice.*` and `payment_proof.*` are finance kinds. */
export const FollowUpKind = Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+\\.[a-z_]+$' });

/** A work item for the tenant team, made by a customer action. */
export const FollowUp = Type.Object({
  id: Id,
  kind: Type.String(),
  /** The record it is about, e.g. `{ type: 'proposal', id: 'prop_…' }`. */
  source: Type.Object({ type: Type.String(), id: Type.String() }),
  customerId: Id,
  contactId: Type.Union([Id, Type.Null()]),
  summary: Type.String(),
  state: FollowUpState,
  assigneeMemberId: Type.Union([Id, Type.Null()]),
  dueAt: Type.Union([Timestamp, Type.Null()]),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** When it was completed or dismissed; null while open. */
  closedAt: Type.Union([Timestamp, Type.Null()]),
});
export type FollowUp = Static<typeof FollowUp>;

export const FollowUpParams = Type.Object({ followUpId: Id });

export const FollowUpListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    state: Type.Optional(FollowUpState),
    assigneeMemberId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    kind: Type.Optional(FollowUpKind),
    sourceType: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z_]+$' })),
    sourceId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type FollowUpListQuery = Static<typeof FollowUpListQuery>;

/** How many follow-ups match the list's filters in each state (the `state` filter aside). */
export const FollowUpCounts = Type.Object({ open: Type.Integer(), done: Type.Integer(), dismissed: Type.Integer() });
export type FollowUpCounts = Static<typeof FollowUpCounts>;

export const FollowUpList = Type.Object({
  ...Page(FollowUp).properties,
  counts: FollowUpCounts,
});
export type FollowUpList = Static<typeof FollowUpList>;

/** Assign (a member's id, or null to unassign) and set or clear the due date. */
export const UpdateFollowUp = Type.Object(
  {
    assigneeMemberId: Type.Optional(Type.Union([Id, Type.Null()])),
    dueAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFollowUp = Static<typeof UpdateFollowUp>;

export const followUpEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/follow-ups',
    operationId: 'listFollowUps',
    summary: 'List follow-ups, newest first, with counts by state',
    surface: 'workspace',
    permission: 'follow_ups.read',
    query: FollowUpListQuery,
    status: 200,
    response: FollowUpList,
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/follow-ups/:followUpId',
    operationId: 'retrieveFollowUp',
    summary: 'Retrieve a follow-up',
    surface: 'workspace',
    permission: 'follow_ups.read',
    params: FollowUpParams,
    status: 200,
    response: FollowUp,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/follow-ups/:followUpId',
    operationId: 'updateFollowUp',
    summary: 'Assign a follow-up to a member or set its due date',
    description: 'Assigning it to a member emails that member. An assignee that is not an active member is refused with `assignee_not_member`.',
    surface: 'workspace',
    permission: 'follow_ups.work',
    params: FollowUpParams,
    body: UpdateFollowUp,
    status: 200,
    response: FollowUp,
  }),
  complete: endpoint({
    method: 'POST',
    path: '/v1/workspace/follow-ups/:followUpId/complete',
    operationId: 'completeFollowUp',
    summary: 'Mark an open follow-up done (idempotent)',
    surface: 'workspace',
    permission: 'follow_ups.work',
    params: FollowUpParams,
    status: 200,
    response: FollowUp,
  }),
  reopen: endpoint({
    method: 'POST',
    path: '/v1/workspace/follow-ups/:followUpId/reopen',
    operationId: 'reopenFollowUp',
    summary: 'Reopen a done or dismissed follow-up (idempotent)',
    surface: 'workspace',
    permission: 'follow_ups.work',
    params: FollowUpParams,
    status: 200,
    response: FollowUp,
  }),
  dismiss: endpoint({
    method: 'POST',
    path: '/v1/workspace/follow-ups/:followUpId/dismiss',
    operationId: 'dismissFollowUp',
    summary: 'Dismiss an open follow-up that needs no work (idempotent)',
    surface: 'workspace',
    permission: 'follow_ups.dismiss',
    params: FollowUpParams,
    status: 200,
    response: FollowUp,
  }),
};
