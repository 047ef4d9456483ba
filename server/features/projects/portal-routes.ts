import type { FastifyPluginAsync } from 'fastify';
import { portalProjectCommentEndpoints, portalProjectEndpoints } from '../../../sdk/contract/projects.js';
import { idempotencyKeyOf } from '../../lib/idempotency.js';
import { route } from '../../lib/route.js';
import { postCustomerComment, readCustomerComments, readCustomerProject } from './actions.js';
import { listCustomerProjects } from './repository.js';

export const projectPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalProjectEndpoints.list, (request) =>
    listCustomerProjects(app.db, request.portal.customerId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalProjectEndpoints.retrieve, (request) => readCustomerProject(app, request.portal, request.params.projectId));

  route(app, portalProjectCommentEndpoints.list, (request) =>
    readCustomerComments(app, request.portal, request.params.projectId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalProjectCommentEndpoints.create, (request) =>
    postCustomerComment(app, request.portal, request.params.projectId, request.body, idempotencyKeyOf(request, `contact:${request.portal.contactId}`)),
  );
};
