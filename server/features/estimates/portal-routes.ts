import type { FastifyPluginAsync } from 'fastify';
import { portalEstimateEndpoints } from '../../../sdk/contract/estimates.js';
import { idempotencyKeyOf } from '../../lib/idempotency.js';
import { route } from '../../lib/route.js';
import { todayUtc } from '../finance/repository.js';
import { approveEstimate, declineEstimate, readContactEstimate } from './actions.js';
import { listCustomerEstimates } from './repository.js';

export const estimatePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalEstimateEndpoints.list, (request) =>
    listCustomerEstimates(app.db, request.portal.customerId, request.query.tab ?? 'open', todayUtc(), { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalEstimateEndpoints.retrieve, (request) => readContactEstimate(app, request.portal, request.params.estimateId));

  route(app, portalEstimateEndpoints.approve, (request) =>
    approveEstimate(
      app,
      request.portal,
      request.params.estimateId,
      request.body,
      { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' },
      idempotencyKeyOf(request, `contact:${request.portal.contactId}`),
    ),
  );

  route(app, portalEstimateEndpoints.decline, (request) =>
    declineEstimate(app, request.portal, request.params.estimateId, request.body, idempotencyKeyOf(request, `contact:${request.portal.contactId}`)),
  );
};
