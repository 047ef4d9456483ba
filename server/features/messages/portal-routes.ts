import type { FastifyPluginAsync } from 'fastify';
import { portalMessageEndpoints, portalThreadEndpoints } from '../../../sdk/contract/messages.js';
import { idempotencyKeyOf } from '../../lib/idempotency.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { postCustomerMessage, readCustomerMessages, startCustomerThread } from './actions.js';
import { findCustomerThread, listCustomerThreads, toPortalThread } from './repository.js';

export const messagePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalThreadEndpoints.list, (request) =>
    listCustomerThreads(
      app.db,
      request.portal,
      { subjectType: request.query.subjectType, subjectId: request.query.subjectId },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );

  route(app, portalThreadEndpoints.create, (request) =>
    startCustomerThread(app, request.portal, request.body, idempotencyKeyOf(request, `contact:${request.portal.contactId}`)),
  );

  route(app, portalThreadEndpoints.retrieve, async (request) => {
    const thread = await findCustomerThread(app.db, request.portal.customerId, request.portal.contactId, request.params.threadId);
    if (!thread) throw notFound('thread');
    return toPortalThread(thread);
  });

  route(app, portalMessageEndpoints.list, (request) =>
    readCustomerMessages(app, request.portal, request.params.threadId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalMessageEndpoints.create, (request) =>
    postCustomerMessage(app, request.portal, request.params.threadId, request.body, idempotencyKeyOf(request, `contact:${request.portal.contactId}`)),
  );
};
