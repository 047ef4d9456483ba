import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, ProblemResponses } from '../../../sdk/contract/common.js';
import { CreateProposal, Proposal, ProposalListQuery, ProposalParams } from '../../../sdk/contract/proposals.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import { appendAuditEvent } from '../audit/repository.js';
import { customerHasContact } from '../contacts/repository.js';
import { findCustomer } from '../customers/repository.js';
import { createProposal, findWorkspaceProposal, listWorkspaceProposals, markProposalSent, proposalStatus, toProposal } from './repository.js';

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
    async (request, reply) => {
      const { workspaceId } = request.workspace;
      const customer = await findCustomer(app.db, workspaceId, request.body.customerId);
      if (!customer) throw notFound('customer');
      const row = await app.db.transaction().execute(async (trx) => {
        const created = await createProposal(trx, workspaceId, request.body);
        await appendAuditEvent(trx, app.dialect, {
          workspaceId,
          actorType: request.workspace.actorType,
          actorId: request.workspace.actorId,
          action: 'proposal.created',
          subjectType: 'proposal',
          subjectId: created.id,
          customerId: customer.id,
        });
        return created;
      });
      return reply.code(201).send(toProposal(row));
    },
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
    async (request) => {
      const { workspaceId } = request.workspace;
      const row = await app.db.transaction().execute(async (trx) => {
        const proposal = await findWorkspaceProposal(trx, workspaceId, request.params.proposalId);
        if (!proposal) throw notFound('proposal');
        const at = isoNow();
        if (proposal.status !== 'draft') {
          throw new Problem(409, 'proposal_already_sent', 'Proposal already sent', `This proposal is ${proposalStatus(proposal, at)}.`);
        }
        if (proposal.expires_at <= at) {
          throw new Problem(409, 'proposal_expired', 'Proposal expired', 'Its expiry date has passed; set a later one before sending.');
        }
        if (!(await customerHasContact(trx, proposal.customer_id))) {
          throw new Problem(
            409,
            'no_portal_contact',
            'Customer has no portal contact',
            'Add a portal contact to the customer before sending proposals.',
          );
        }
        if (!(await markProposalSent(trx, proposal.id, at))) {
          throw new Problem(409, 'proposal_already_sent', 'Proposal already sent', 'Another request sent it first.');
        }
        await appendAuditEvent(trx, app.dialect, {
          workspaceId,
          actorType: request.workspace.actorType,
          actorId: request.workspace.actorId,
          action: 'proposal.sent',
          subjectType: 'proposal',
          subjectId: proposal.id,
          customerId: proposal.customer_id,
        });
        return findWorkspaceProposal(trx, workspaceId, proposal.id);
      });
      if (!row) throw notFound('proposal');
      return toProposal(row);
    },
  );
};
