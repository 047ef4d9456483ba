import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { DeclineProposal, PortalProposal, ProposalParams } from '../../../sdk/contract/proposals.js';
import { notFound } from '../../lib/problem.js';
import { decideOnProposal } from './actions.js';
import { findCustomerProposal, listCustomerProposals, toPortalProposal } from './repository.js';

export const proposalPortalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/proposals',
    {
      schema: {
        tags: ['portal'],
        summary: 'List the proposals sent to the signed-in customer',
        querystring: PageQuery,
        response: { 200: Page(PortalProposal), ...ProblemResponses },
      },
    },
    (request) => listCustomerProposals(app.db, request.portal.customerId, request.query.limit ?? 20, request.query.cursor),
  );

  app.get(
    '/proposals/:proposalId',
    {
      schema: {
        tags: ['portal'],
        summary: 'Retrieve a proposal',
        params: ProposalParams,
        response: { 200: PortalProposal, ...ProblemResponses },
      },
    },
    async (request) => {
      const row = await findCustomerProposal(app.db, request.portal.customerId, request.params.proposalId);
      if (!row) throw notFound('proposal');
      return toPortalProposal(row);
    },
  );

  app.post(
    '/proposals/:proposalId/accept',
    {
      schema: {
        tags: ['portal'],
        summary: 'Accept a pending proposal (idempotent)',
        params: ProposalParams,
        response: { 200: PortalProposal, ...ProblemResponses },
      },
    },
    (request) => decideOnProposal(app, request.portal, request.params.proposalId, 'accepted', null),
  );

  app.post(
    '/proposals/:proposalId/decline',
    {
      schema: {
        tags: ['portal'],
        summary: 'Decline a pending proposal, optionally saying why (idempotent)',
        params: ProposalParams,
        body: DeclineProposal,
        response: { 200: PortalProposal, ...ProblemResponses },
      },
    },
    (request) => decideOnProposal(app, request.portal, request.params.proposalId, 'declined', request.body?.reason?.trim() || null),
  );
};
