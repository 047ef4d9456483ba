import type { FastifyPluginAsync } from 'fastify';
import { acceptanceEndpoints } from '../../../sdk/contract/acceptances.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { sendCertificate } from './certificate-reply.js';
import { resendAcceptance, sendAcceptance, teamAcceptanceCertificate } from './actions.js';
import { findWorkspaceAcceptance, listWorkspaceAcceptances, toAcceptance } from './repository.js';

export const acceptanceWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, acceptanceEndpoints.list, (request) =>
    listWorkspaceAcceptances(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, status: request.query.status },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );

  route(app, acceptanceEndpoints.retrieve, async (request) => {
    const row = await findWorkspaceAcceptance(app.db, request.workspace.workspaceId, request.params.acceptanceId);
    if (!row) throw notFound('acceptance');
    return toAcceptance(row);
  });

  route(app, acceptanceEndpoints.send, (request) => sendAcceptance(app, request.workspace, request.body));

  route(app, acceptanceEndpoints.resend, (request) => resendAcceptance(app, request.workspace, request.params.acceptanceId, request.body));

  route(app, acceptanceEndpoints.downloadCertificate, async (request, reply) =>
    sendCertificate(reply, await teamAcceptanceCertificate(app.db, request.workspace, request.params.acceptanceId)),
  );
};
