import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { CreateCustomer, Customer } from '../../../sdk/contract/customers.js';
import { createCustomer, listCustomers, toCustomer } from './repository.js';

export const customerWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers',
    {
      config: { permission: 'customers.read' },
      schema: { tags: ['workspace'], summary: 'List customers', querystring: PageQuery, response: { 200: Page(Customer), ...ProblemResponses } },
    },
    (request) => listCustomers(app.db, request.workspace.workspaceId, request.query.limit ?? 20, request.query.cursor),
  );

  app.post(
    '/customers',
    {
      config: { permission: 'customers.write' },
      schema: { tags: ['workspace'], summary: 'Create a customer', body: CreateCustomer, response: { 201: Customer, ...ProblemResponses } },
    },
    async (request, reply) => {
      const row = await createCustomer(app.db, request.workspace.workspaceId, request.body.name.trim());
      return reply.code(201).send(toCustomer(row));
    },
  );
};
