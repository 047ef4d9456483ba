import type { FastifyPluginAsync } from 'fastify';
import { portalStatementEndpoints } from '../../../sdk/contract/statements.js';
import { route } from '../../lib/route.js';
import { portalStatement, portalStatementDocument, tenantNameOf } from './actions.js';
import { renderStatementPdf, sendStatementFile, statementCsv, statementFileName } from './files.js';

export const statementPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalStatementEndpoints.retrieve, (request) => portalStatement(app, request.portal, request.query));

  route(app, portalStatementEndpoints.pdf, async (request, reply) => {
    const statement = await portalStatementDocument(app, request.portal, request.query);
    const pdf = await renderStatementPdf(statement, await tenantNameOf(app, request.portal.workspaceId, request.portal.customerId));
    return sendStatementFile(reply, { fileName: statementFileName(statement, 'pdf'), type: 'application/pdf', body: pdf });
  });

  route(app, portalStatementEndpoints.csv, async (request, reply) => {
    const statement = await portalStatementDocument(app, request.portal, request.query);
    return sendStatementFile(reply, { fileName: statementFileName(statement, 'csv'), type: 'text/csv; charset=utf-8', body: statementCsv(statement) });
  });
};
