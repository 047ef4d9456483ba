import type { FastifyPluginAsync } from 'fastify';
import { deliveryEndpoints } from '../../../sdk/contract/deliveries.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { appendDeliveryEvent, appendDeliveryEvents, createDelivery } from './actions.js';
import { deliveryEvents, findWorkspaceDelivery, listWorkspaceDeliveries, toDelivery } from './repository.js';

export const deliveryWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, deliveryEndpoints.list, (request) =>
    listWorkspaceDeliveries(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, status: request.query.status },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );

  route(app, deliveryEndpoints.create, (request) => createDelivery(app, request.workspace, request.body));

  route(app, deliveryEndpoints.retrieve, async (request) => {
    const row = await findWorkspaceDelivery(app.db, request.workspace.workspaceId, request.params.deliveryId);
    if (!row) throw notFound('delivery');
    return toDelivery(row, await deliveryEvents(app.db, row.id));
  });

  route(app, deliveryEndpoints.appendEvent, (request) => appendDeliveryEvent(app, request.workspace, request.params.deliveryId, request.body));

  route(app, deliveryEndpoints.appendEvents, (request) => appendDeliveryEvents(app, request.workspace, request.body));
};
