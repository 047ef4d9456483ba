import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Page, PageQuery, ProblemResponses } from '../../../sdk/contract/common.js';
import { DeclineProposal, PortalProposal, ProposalParams } from '../../../sdk/contract/proposals.js';
import type { PortalPrincipal } from '../../plugins/auth.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import { appendAuditEvent } from '../audit/repository.js';
import { decideProposal, findCustomerProposal, listCustomerProposals, proposalStatus, toPortalProposal } from './repository.js';

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
    (request) => decide(app, request.portal, request.params.proposalId, 'accepted', null),
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
    (request) => decide(app, request.portal, request.params.proposalId, 'declined', request.body?.reason?.trim() || null),
  );
};

async function decide(
  app: FastifyInstance,
  principal: PortalPrincipal,
  proposalId: string,
  decision: 'accepted' | 'declined',
  reason: string | null,
) {
  return app.db.transaction().execute(async (trx) => {
    const row = await findCustomerProposal(trx, principal.customerId, proposalId);
    if (!row) throw notFound('proposal');
    const at = isoNow();
    const status = proposalStatus(row, at);
    if (status === decision) return toPortalProposal(row, at);
    if (status === 'expired') {
      throw new Problem(409, 'proposal_expired', 'Proposal expired', `This proposal expired at ${row.expires_at}; ask for a new one.`);
    }
    if (status !== 'pending' || !(await decideProposal(trx, row.id, { status: decision, contactId: principal.contactId, reason, at }))) {
      const current = await findCustomerProposal(trx, principal.customerId, proposalId);
      if (current && proposalStatus(current, at) === decision) return toPortalProposal(current, at);
      throw new Problem(409, 'proposal_already_decided', 'Proposal already decided', `This proposal is already ${current ? proposalStatus(current, at) : status}.`);
    }
    await appendAuditEvent(trx, app.dialect, {
      workspaceId: principal.workspaceId,
      actorType: 'contact',
      actorId: principal.contactId,
      action: `proposal.${decision}`,
      subjectType: 'proposal',
      subjectId: row.id,
      customerId: principal.customerId,
      data: reason ? { reason } : {},
    });
    const updated = await findCustomerProposal(trx, principal.customerId, proposalId);
    if (!updated) throw notFound('proposal');
    return toPortalProposal(updated, at);
  });
}
