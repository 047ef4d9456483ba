import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { ContactParams, CreatePortalContact, CustomerContactParams, PortalContact, RevokedSessions } from '../../../sdk/contract/contacts.js';
import { CustomerParams } from '../../../sdk/contract/customers.js';
import { notFound } from '../../lib/problem.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findCustomer } from '../customers/repository.js';
import { revokeContactSessions } from '../portal-sessions/repository.js';
import { createPortalContact, deletePortalContact, findPortalContact, listPortalContacts, toPortalContact } from './repository.js';

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
      const row = await createPortalContact(app.db, customer.workspace_id, customer.id, request.body);
      return reply.code(201).send(toPortalContact(row));
    },
  );

  app.delete(
    '/customers/:customerId/contacts/:contactId',
    {
      config: { permission: 'contacts.write' },
      schema: {
        tags: ['workspace'],
        summary: 'Remove a portal contact',
        description: 'Access ends at once: the access tokens already issued are refused, refresh tokens stop working and no new session can start.',
        params: CustomerContactParams,
        response: { 204: Type.Null(), ...ProblemResponses },
      },
    },
    async (request, reply) => {
      const { workspaceId } = request.workspace;
      const { customerId, contactId } = request.params;
      await app.db.transaction().execute(async (trx) => {
        // Revoked first, so access ends even where foreign keys do not cascade.
        const revoked = await revokeContactSessions(trx, contactId, { workspaceId, customerId });
        // The delete decides: of concurrent removals only one deletes the row; the others answer 404 and roll back.
        const contact = await deletePortalContact(trx, workspaceId, customerId, contactId);
        if (!contact) throw notFound('contact');
        await appendAuditEvent(trx, app.dialect, request.workspace, {
          action: 'contact.removed',
          subjectType: 'portal_contact',
          subjectId: contact.id,
          customerId: contact.customer_id,
          data: { displayName: contact.display_name, email: contact.email, sessionsRevoked: revoked },
        });
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/contacts/:contactId/revoke-sessions',
    {
      config: { permission: 'contacts.revoke_sessions' },
      schema: {
        tags: ['workspace'],
        summary: 'End every portal session of a contact',
        description: 'Access tokens already issued are refused at once and refresh tokens stop working. The contact can still sign in again; remove the contact to prevent that.',
        params: ContactParams,
        response: { 200: RevokedSessions, ...ProblemResponses },
      },
    },
    async (request) => {
      const { workspaceId } = request.workspace;
      const contact = await findPortalContact(app.db, workspaceId, request.params.contactId);
      if (!contact) throw notFound('contact');
      return app.db.transaction().execute(async (trx) => {
        const revoked = await revokeContactSessions(trx, contact.id, { workspaceId });
        await appendAuditEvent(trx, app.dialect, request.workspace, {
          action: 'contact.sessions_revoked',
          subjectType: 'portal_contact',
          subjectId: contact.id,
          customerId: contact.customer_id,
          data: { revoked },
        });
        return { revoked };
      });
    },
  );
};
