import type { FastifyPluginAsync } from 'fastify';
import { portalProposalEndpoints } from '../../../sdk/contract/proposals.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { decideOnProposal } from './actions.js';
import { findCustomerProposal, listCustomerProposals, toPortalProposal } from './repository.js';

export const proposalPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalProposalEndpoints.list, (request) =>
    listCustomerProposals(app.db, request.portal.customerId, request.query.limit ?? 20, request.query.cursor),
  );

  route(app, portalProposalEndpoints.retrieve, async (request) => {
    const row = await findCustomerProposal(app.db, request.portal.customerId, request.params.proposalId);
    if (!row) throw notFound('proposal');
    return toPortalProposal(row);
  });

  route(app, portalProposalEndpoints.accept, (request) => decideOnProposal(app, request.portal, request.params.proposalId, 'accepted', null));

  route(app, portalProposalEndpoints.decline, (request) =>
    decideOnProposal(app, request.portal, request.params.proposalId, 'declined', request.body?.reason?.trim() || null),
  );
};
