import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, ProblemResponses } from '../../../sdk/contract/common.js';
import { AuditEvent, AuditEventListQuery } from '../../../sdk/contract/audit.js';
import type { AuditEventRow } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { Problem } from '../../lib/problem.js';
import { listAuditEvents } from './repository.js';

function toAuditEvent(row: AuditEventRow): AuditEvent {
  return {
    id: row.id,
    seq: row.seq,
    actorType: row.actor_type,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    customerId: row.customer_id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    createdAt: row.created_at,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export const auditWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit-events',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags: ['workspace'],
        summary: 'List audit events, oldest first, optionally for one subject',
        querystring: AuditEventListQuery,
        response: { 200: Page(AuditEvent), ...ProblemResponses },
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 20;
      const position = decodeCursor(request.query.cursor);
      const afterSeq = position ? Number(position.after) : undefined;
      if (afterSeq !== undefined && !Number.isSafeInteger(afterSeq)) {
        throw new Problem(400, 'invalid_cursor', 'Invalid cursor', 'Pass back the nextCursor of a previous page unchanged.');
      }
      const rows = await listAuditEvents(app.db, request.workspace.workspaceId, {
        subjectId: request.query.subjectId,
        afterSeq,
        limit,
      });
      return toPage(rows, limit, (row) => ({ after: String(row.seq), id: row.id }), toAuditEvent);
    },
  );
};
