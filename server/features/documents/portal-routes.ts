import type { FastifyPluginAsync } from 'fastify';
import { portalDocumentEndpoints } from '../../../sdk/contract/documents.js';
import { route } from '../../lib/route.js';
import { customerDownloadLink } from './actions.js';
import { listCustomerDocuments } from './repository.js';

export const documentPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalDocumentEndpoints.list, (request) =>
    listCustomerDocuments(app.db, request.portal.customerId, { projectId: request.query.projectId }, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalDocumentEndpoints.createDownloadLink, (request) => customerDownloadLink(app, request.portal, request.params.documentId));
};
