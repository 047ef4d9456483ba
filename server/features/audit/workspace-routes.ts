import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, ProblemResponses } from '../../../sdk/contract/common.js';
import { AuditEvent, AuditEventListQuery } from '../../../sdk/contract/audit.js';
import { listAuditEvents } from './repository.js';

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
    (request) =>
      listAuditEvents(app.db, request.workspace.workspaceId, {
        subjectId: request.query.subjectId,
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
      }),
  );
};
