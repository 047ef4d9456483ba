import type { FastifyPluginAsync } from 'fastify';
import { portalAcceptanceEndpoints } from '../../../sdk/contract/acceptances.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { sendCertificate } from './certificate-reply.js';
import { acceptAcceptance, acceptanceDocumentLink, checkAcceptBody, portalAcceptanceCertificate } from './actions.js';
import { findCustomerAcceptance, listCustomerAcceptances, toPortalAcceptance } from './repository.js';

export const acceptancePortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalAcceptanceEndpoints.list, (request) =>
    listCustomerAcceptances(app.db, request.portal.customerId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalAcceptanceEndpoints.retrieve, async (request) => {
    const row = await findCustomerAcceptance(app.db, request.portal.customerId, request.params.acceptanceId);
    if (!row) throw notFound('acceptance');
    return toPortalAcceptance(row);
  });

  route(app, portalAcceptanceEndpoints.createDocumentLink, (request) => acceptanceDocumentLink(app, request.portal, request.params.acceptanceId));

  // The accept route's own scope: its body rules with stable codes run before schema validation.
  await app.register(async (accepting) => {
    accepting.addHook('preValidation', async (request) => checkAcceptBody(request.body));
    route(accepting, portalAcceptanceEndpoints.accept, (request) =>
      acceptAcceptance(app, request.portal, request.params.acceptanceId, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? '' }),
    );
  });

  route(app, portalAcceptanceEndpoints.downloadCertificate, async (request, reply) =>
    sendCertificate(reply, await portalAcceptanceCertificate(app.db, request.portal, request.params.acceptanceId)),
  );
};
