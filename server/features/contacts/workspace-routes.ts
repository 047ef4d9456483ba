import type { FastifyPluginAsync } from 'fastify';
import { contactEndpoints } from '../../../sdk/contract/contacts.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { appendAuditEvent } from '../audit/repository.js';
import { findCustomer } from '../customers/repository.js';
import { revokeContactSessions } from '../portal-sessions/repository.js';
import { createPortalContact, deletePortalContact, findPortalContact, listPortalContacts, toPortalContact, updatePortalContact } from './repository.js';

export const contactWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, contactEndpoints.list, async (request) => {
    const customer = await findCustomer(app.db, request.workspace.workspaceId, request.params.customerId);
    if (!customer) throw notFound('customer');
    return listPortalContacts(app.db, customer.id, request.query.limit ?? 20, request.query.cursor);
  });

  route(app, contactEndpoints.create, async (request) => {
    const customer = await findCustomer(app.db, request.workspace.workspaceId, request.params.customerId);
    if (!customer) throw notFound('customer');
    return toPortalContact(await createPortalContact(app.db, customer.workspace_id, customer.id, request.body));
  });

  route(app, contactEndpoints.update, async (request) => {
    const { workspaceId } = request.workspace;
    const { customerId, contactId } = request.params;
    return app.db.transaction().execute(async (trx) => {
      const contact = await updatePortalContact(trx, workspaceId, customerId, contactId, request.body);
      if (!contact) throw notFound('contact');
      await appendAuditEvent(trx, app.dialect, request.workspace, {
        action: 'contact.updated',
        subjectType: 'portal_contact',
        subjectId: contact.id,
        customerId: contact.customer_id,
        data: { ...request.body },
      });
      return toPortalContact(contact);
    });
  });

  route(app, contactEndpoints.remove, async (request) => {
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
    return null;
  });

  route(app, contactEndpoints.revokeSessions, async (request) => {
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
  });
};
