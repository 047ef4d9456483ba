import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ProblemResponses } from '../../../sdk/contract/common.js';
import { PortalProfile } from '../../../sdk/contract/profile.js';
import { notFound } from '../../lib/problem.js';

export const profilePortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/me',
    {
      schema: { tags: ['portal'], summary: 'The signed-in contact and their customer', response: { 200: PortalProfile, ...ProblemResponses } },
    },
    async (request) => {
      const row = await app.db
        .selectFrom('portal_contacts as c')
        .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
        .select(['c.id', 'c.display_name', 'c.email', 'c.role', 'cu.id as customer_id', 'cu.name as customer_name'])
        .where('c.id', '=', request.portal.contactId)
        .where('c.customer_id', '=', request.portal.customerId)
        .executeTakeFirst();
      if (!row) throw notFound('contact');
      return {
        contact: { id: row.id, displayName: row.display_name, email: row.email, role: row.role },
        customer: { id: row.customer_id, name: row.customer_name },
      };
    },
  );
};
