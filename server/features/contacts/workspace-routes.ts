import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { CreatePortalContact, PortalContact } from '../../../sdk/contract/contacts.js';
import { CustomerParams } from '../../../sdk/contract/customers.js';
import { notFound, Problem } from '../../lib/problem.js';
import { findCustomer } from '../customers/repository.js';
import { createPortalContact, findContactByEmail, listPortalContacts, toPortalContact } from './repository.js';

export const contactWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers/:customerId/contacts',
    {
      config: { permission: 'contacts.read' },
      schema: {
        tags: ['workspace'],
        summary: "List a customer's portal contacts",
        params: CustomerParams,
        querystring: PageQuery,
        response: { 200: Page(PortalContact), ...ProblemResponses },
      },
    },
    async (request) => {
      const customer = await findCustomer(app.db, request.workspace.workspaceId, request.params.customerId);
      if (!customer) throw notFound('customer');
      return listPortalContacts(app.db, customer.id, request.query.limit ?? 20, request.query.cursor);
    },
  );

  app.post(
    '/customers/:customerId/contacts',
    {
      config: { permission: 'contacts.write' },
      schema: {
        tags: ['workspace'],
        summary: 'Add a portal contact to a customer',
        params: CustomerParams,
        body: CreatePortalContact,
        response: { 201: PortalContact, ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const customer = await findCustomer(app.db, request.workspace.workspaceId, request.params.customerId);
      if (!customer) throw notFound('customer');
      if (await findContactByEmail(app.db, customer.id, request.body.email)) {
        throw new Problem(409, 'contact_exists', 'Contact already exists', 'This customer already has a portal contact with that email.');
      }
      const row = await createPortalContact(app.db, customer.workspace_id, customer.id, request.body);
      return reply.code(201).send(toPortalContact(row));
    },
  );
};
