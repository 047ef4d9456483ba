import type { FastifyPluginAsync } from 'fastify';
import { webhookEndpointEndpoints } from '../../../sdk/contract/webhooks.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { createEndpoint, deleteEndpoint, updateEndpoint, type WebhookPolicy } from './actions.js';
import { findWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints } from './repository.js';

export const webhookWorkspaceRoutes: FastifyPluginAsync<{ policy: WebhookPolicy }> = async (app, { policy }) => {
  route(app, webhookEndpointEndpoints.create, (request) => createEndpoint(app, request.workspace, request.body, policy));

  route(app, webhookEndpointEndpoints.list, (request) =>
    listWebhookEndpoints(app.db, request.workspace.workspaceId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, webhookEndpointEndpoints.retrieve, async (request) => {
    const endpoint = await findWebhookEndpoint(app.db, request.workspace.workspaceId, request.params.endpointId);
    if (!endpoint) throw notFound('webhook endpoint');
    return endpoint;
  });

  route(app, webhookEndpointEndpoints.update, (request) => updateEndpoint(app, request.workspace, request.params.endpointId, request.body, policy));

  route(app, webhookEndpointEndpoints.delete, async (request) => {
    await deleteEndpoint(app, request.workspace, request.params.endpointId);
    return null;
  });

  route(app, webhookEndpointEndpoints.deliveries, async (request) => {
    const { workspaceId } = request.workspace;
    // Another workspace's endpoint answers 404, not an empty log.
    if (!(await findWebhookEndpoint(app.db, workspaceId, request.params.endpointId))) throw notFound('webhook endpoint');
    return listWebhookDeliveries(app.db, workspaceId, request.params.endpointId, { limit: request.query.limit ?? 20, cursor: request.query.cursor });
  });
};
