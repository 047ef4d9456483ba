import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, ProblemResponses } from '../../../sdk/contract/common.js';
import { CreateProposal, Proposal, ProposalListQuery, ProposalParams } from '../../../sdk/contract/proposals.js';
import { notFound } from '../../lib/problem.js';
import { createDraftProposal, sendProposal } from './actions.js';
import { findWorkspaceProposal, listWorkspaceProposals, toProposal } from './repository.js';

export const proposalWorkspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/proposals',
    {
      config: { permission: 'proposals.read' },
      schema: {
        tags: ['workspace'],
        summary: 'List proposals, newest first',
        querystring: ProposalListQuery,
        response: { 200: Page(Proposal), ...ProblemResponses },
      },
    },
    (request) =>
      listWorkspaceProposals(app.db, request.workspace.workspaceId, {
        limit: request.query.limit ?? 20,
        cursor: request.query.cursor,
        customerId: request.query.customerId,
      }),
  );

  app.get(
    '/proposals/:proposalId',
    {
      config: { permission: 'proposals.read' },
      schema: { tags: ['workspace'], summary: 'Retrieve a proposal', params: ProposalParams, response: { 200: Proposal, ...ProblemResponses } },
    },
    async (request) => {
      const row = await findWorkspaceProposal(app.db, request.workspace.workspaceId, request.params.proposalId);
      if (!row) throw notFound('proposal');
      return toProposal(row);
    },
  );

  app.post(
    '/proposals',
    {
      config: { permission: 'proposals.write' },
      schema: { tags: ['workspace'], summary: 'Create a draft proposal', body: CreateProposal, response: { 201: Proposal, ...ProblemResponses } },
    },
    async (request, reply) => reply.code(201).send(await createDraftProposal(app, request.workspace, request.body)),
  );

  app.post(
    '/proposals/:proposalId/send',
    {
      config: { permission: 'proposals.send' },
      schema: {
        tags: ['workspace'],
        summary: "Send a draft proposal to the customer's portal",
        description: 'Refused with `no_portal_contact` while the customer has no portal contact.',
        params: ProposalParams,
        response: { 200: Proposal, ...ProblemResponses },
      },
    },
    (request) => sendProposal(app, request.workspace, request.params.proposalId),
  );
};
