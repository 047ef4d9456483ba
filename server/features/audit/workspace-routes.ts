import { Readable } from 'node:stream';
import type { FastifyPluginAsync } from 'fastify';
import { auditEventEndpoints } from '../../../sdk/contract/audit.js';
import { route } from '../../lib/route.js';
import { auditEventLines, verifyAuditTrail } from './export.js';
import { listAuditEvents } from './repository.js';

export const auditWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, auditEventEndpoints.list, (request) =>
    listAuditEvents(app.db, request.workspace.workspaceId, { ...request.query, limit: request.query.limit ?? 20 }),
  );

  route(app, auditEventEndpoints.verify, (request) => verifyAuditTrail(app.db, request.workspace.workspaceId));

  route(app, auditEventEndpoints.export, (request, reply) => {
    // highWaterMark 1: the next batch is read only once the client has taken the previous one.
    const body = Readable.from(auditEventLines(app.db, request.workspace.workspaceId, request.query), { objectMode: false, highWaterMark: 1 });
    return reply
      .type('application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit-events.jsonl"')
      .header('cache-control', 'no-store')
      .send(body);
  });
};
