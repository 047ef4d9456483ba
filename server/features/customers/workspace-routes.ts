import type { FastifyPluginAsync } from 'fastify';
import { customerEndpoints } from '../../../sdk/contract/customers.js';
import { route } from '../../lib/route.js';
import { createCustomer, listCustomers, toCustomer } from './repository.js';

export const customerWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, customerEndpoints.list, (request) => listCustomers(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor));

  route(app, customerEndpoints.create, async (request) => toCustomer(await createCustomer(app.db, request.workspace.workspaceId, request.body.name.trim())));
};
