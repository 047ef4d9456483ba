import type { FastifyPluginAsync } from 'fastify';
import { portalDeliveryEndpoints } from '../../../sdk/contract/deliveries.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { deliveryEvents, findCustomerDelivery, listCustomerDeliveries, toPortalDelivery } from './repository.js';

export const deliveryPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalDeliveryEndpoints.list, (request) =>
    listCustomerDeliveries(app.db, request.portal.customerId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalDeliveryEndpoints.retrieve, async (request) => {
    const row = await findCustomerDelivery(app.db, request.portal.customerId, request.params.deliveryId);
    if (!row) throw notFound('delivery');
    return toPortalDelivery(row, await deliveryEvents(app.db, row.id));
  });
};
