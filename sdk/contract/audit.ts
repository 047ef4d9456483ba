import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';

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

export const AuditEventListQuery = Type.Object(
  {
    subjectId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type AuditEventListQuery = Static<typeof AuditEventListQuery>;
