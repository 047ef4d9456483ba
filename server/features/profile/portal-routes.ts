import type { FastifyPluginAsync } from 'fastify';
import { portalProfileEndpoints } from '../../../sdk/contract/profile.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { appendAuditEvent } from '../audit/repository.js';
import { setContactLocale } from '../contacts/repository.js';
import { findPortalProfile } from './repository.js';

export const profilePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalProfileEndpoints.retrieve, async (request) => {
    const profile = await findPortalProfile(app.db, request.portal.customerId, request.portal.contactId);
    if (!profile) throw notFound('contact');
    return profile;
  });

  // The contact's own language: a change and its audit event commit together; the same language
  // again changes nothing and is not audited.
  route(app, portalProfileEndpoints.update, async (request) => {
    const { customerId, contactId } = request.portal;
    const { locale } = request.body;
    if (locale !== undefined) {
      await app.db.transaction().execute(async (trx) => {
        const outcome = await setContactLocale(trx, customerId, contactId, locale);
        if (!outcome) throw notFound('contact');
        if (outcome === 'unchanged') return;
        await appendAuditEvent(trx, app.dialect, request.portal, {
          action: 'contact.locale_changed',
          subjectType: 'portal_contact',
          subjectId: contactId,
          customerId,
          data: { locale },
        });
      });
    }
    const profile = await findPortalProfile(app.db, customerId, contactId);
    if (!profile) throw notFound('contact');
    return profile;
  });
};
