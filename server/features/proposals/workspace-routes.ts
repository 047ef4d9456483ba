import type { FastifyPluginAsync } from 'fastify';
import { proposalEndpoints } from '../../../sdk/contract/proposals.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { createDraftProposal, sendProposal } from './actions.js';
import { findWorkspaceProposal, listWorkspaceProposals, toProposal } from './repository.js';

export const proposalWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  route(app, proposalEndpoints.list, (request) =>
    listWorkspaceProposals(app.db, request.workspace.workspaceId, {
      limit: request.query.limit ?? 20,
      cursor: request.query.cursor,
      customerId: request.query.customerId,
    }),
  );

  route(app, proposalEndpoints.retrieve, async (request) => {
    const row = await findWorkspaceProposal(app.db, request.workspace.workspaceId, request.params.proposalId);
    if (!row) throw notFound('proposal');
    return toProposal(row);
  });

  route(app, proposalEndpoints.create, (request) => createDraftProposal(app, request.workspace, request.body));

  route(app, proposalEndpoints.send, (request) => sendProposal(app, request.workspace, request.params.proposalId));
};
