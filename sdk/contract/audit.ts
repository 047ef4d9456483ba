import { Type, type Static } from 'typebox';
import { Id, Page, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

/** One entry of a workspace's hash-chained audit trail. */
export const AuditEvent = Type.Object({
  id: Id,
  seq: Type.Integer(),
  actorType: Type.Enum(['contact', 'api_key', 'member', 'system']),
  actorId: Type.String(),
  action: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  customerId: Type.Union([Id, Type.Null()]),
  data: Type.Record(Type.String(), Type.Unknown()),
  createdAt: Timestamp,
  prevHash: Type.String(),
  hash: Type.String(),
});
export type AuditEvent = Static<typeof AuditEvent>;

/** Narrows the trail; every filter given must match. `from` is inclusive, `to` exclusive. */
const auditEventFilters = {
  subjectType: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  subjectId: Type.Optional(Id),
  actorType: Type.Optional(Type.Enum(['contact', 'api_key', 'member', 'system'])),
  actorId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  customerId: Type.Optional(Id),
  from: Type.Optional(Timestamp),
  to: Type.Optional(Timestamp),
};

export const AuditEventListQuery = Type.Object(
  {
    ...auditEventFilters,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AuditEventListQuery = Static<typeof AuditEventListQuery>;

export const AuditEventExportQuery = Type.Object(auditEventFilters, { additionalProperties: false });
export type AuditEventExportQuery = Static<typeof AuditEventExportQuery>;

/** The result of recomputing the workspace's hash chain from its first event. */
export const AuditVerification = Type.Object({
  intact: Type.Boolean(),
  /** How many events were checked (all of them when intact; up to the first broken one otherwise). */
  checked: Type.Integer(),
  firstBrokenEventId: Type.Union([Id, Type.Null()]),
});
export type AuditVerification = Static<typeof AuditVerification>;

export const auditEventEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/audit-events',
    operationId: 'listAuditEvents',
    summary: 'List audit events, oldest first, filtered by subject, actor, action, customer or time',
    surface: 'workspace',
    permission: 'audit.read',
    query: AuditEventListQuery,
    status: 200,
    response: Page(AuditEvent),
  }),
  verify: endpoint({
    method: 'POST',
    path: '/v1/workspace/audit-events/verify',
    operationId: 'verifyAuditEvents',
    summary: "Recompute the workspace's audit hash chain and report the first broken event",
    surface: 'workspace',
    permission: 'audit.read',
    status: 200,
    response: AuditVerification,
  }),
  export: endpoint({
    method: 'GET',
    path: '/v1/workspace/audit-events/export',
    operationId: 'exportAuditEvents',
    summary: 'Export audit events as JSON Lines, oldest first',
    description:
      'Streams `application/x-ndjson`: one `AuditEvent` per line, in chain order, up to the last event when the export started. Takes the filters of the list.',
    surface: 'workspace',
    permission: 'audit.read',
    query: AuditEventExportQuery,
    status: 200,
    // Described per content type (Fastify's form): the body is a stream of lines, each one AuditEvent.
    response: Type.Unsafe<unknown>({ description: 'JSON Lines: one AuditEvent per line', content: { 'application/x-ndjson': { schema: AuditEvent } } }),
  }),
};
