import type { CreateProposal, PortalProposal, Proposal } from '../../../sdk/contract/proposals.js';
import type { Database } from '../../db/database.js';
import { notFound, Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';
import type { PortalPrincipal, WorkspacePrincipal } from '../../plugins/auth.js';
import { appendAuditEvent } from '../audit/repository.js';
import { customerHasContact } from '../contacts/repository.js';
import { findCustomer } from '../customers/repository.js';
import { createFollowUp } from '../follow-ups/repository.js';
import { enqueueProposalSentEmails } from '../notifications/enqueue.js';
import { enqueueWebhookEvent } from '../outbox/repository.js';
import {
  createProposal,
  decideProposal,
  findCustomerProposal,
  findWorkspaceProposal,
  markProposalSent,
  proposalStatus,
  toPortalProposal,
  toProposal,
} from './repository.js';

/** A tenant drafts a proposal for one of its customers; the customer sees nothing until it is sent. */
export async function createDraftProposal({ db, dialect }: Database, principal: WorkspacePrincipal, input: CreateProposal): Promise<Proposal> {
  const customer = await findCustomer(db, principal.workspaceId, input.customerId);
  if (!customer) throw notFound('customer');
  const row = await db.transaction().execute(async (trx) => {
    const created = await createProposal(trx, principal.workspaceId, input);
    await appendAuditEvent(trx, dialect, principal, {
      action: 'proposal.created',
      subjectType: 'proposal',
      subjectId: created.id,
      customerId: customer.id,
    });
    return created;
  });
  return toProposal(row);
}

/** Sends a draft to the customer's portal; the customer needs a contact to see it, and it must not have expired. */
export async function sendProposal({ db, dialect }: Database, principal: WorkspacePrincipal, proposalId: string): Promise<Proposal> {
  const row = await db.transaction().execute(async (trx) => {
    const proposal = await findWorkspaceProposal(trx, principal.workspaceId, proposalId);
    if (!proposal) throw notFound('proposal');
    const at = isoNow();
    if (proposal.status !== 'draft') {
      throw new Problem(409, 'proposal_already_sent', 'Proposal already sent', `This proposal is ${proposalStatus(proposal, at)}.`);
    }
    if (proposal.expires_at <= at) {
      throw new Problem(409, 'proposal_expired', 'Proposal expired', 'Its expiry date has passed; set a later one before sending.');
    }
    if (!(await customerHasContact(trx, proposal.customer_id))) {
      throw new Problem(409, 'no_portal_contact', 'Customer has no portal contact', 'Add a portal contact to the customer before sending proposals.');
    }
    // The update decides: of concurrent sends only one moves the draft.
    const sent = await markProposalSent(trx, proposal.id, at);
    if (!sent) throw new Problem(409, 'proposal_already_sent', 'Proposal already sent', 'Another request sent it first.');
    await appendAuditEvent(trx, dialect, principal, {
      action: 'proposal.sent',
      subjectType: 'proposal',
      subjectId: sent.id,
      customerId: sent.customer_id,
    });
    await enqueueProposalSentEmails(trx, sent);
    return sent;
  });
  return toProposal(row);
}

/**
 * A contact accepts or declines a pending proposal. Idempotent: asking for the decision already
 * made answers the proposal as it is, without a second audit event.
 */
export function decideOnProposal(
  { db, dialect }: Database,
  principal: PortalPrincipal,
  proposalId: string,
  decision: 'accepted' | 'declined',
  reason: string | null,
): Promise<PortalProposal> {
  return db.transaction().execute(async (trx) => {
    const row = await findCustomerProposal(trx, principal.customerId, proposalId);
    if (!row) throw notFound('proposal');
    const at = isoNow();
    const status = proposalStatus(row, at);
    if (status === decision) return toPortalProposal(row, at);
    if (status === 'expired') {
      throw new Problem(409, 'proposal_expired', 'Proposal expired', `This proposal expired at ${row.expires_at}; ask for a new one.`);
    }
    const decided = status === 'pending' ? await decideProposal(trx, row.id, { status: decision, contactId: principal.contactId, reason, at }) : undefined;
    if (!decided) {
      // Another request decided first: the same decision is still a success, another one is a conflict.
      const current = await findCustomerProposal(trx, principal.customerId, proposalId);
      if (current && proposalStatus(current, at) === decision) return toPortalProposal(current, at);
      throw new Problem(409, 'proposal_already_decided', 'Proposal already decided', `This proposal is already ${current ? proposalStatus(current, at) : status}.`);
    }
    await appendAuditEvent(trx, dialect, principal, {
      action: `proposal.${decision}`,
      subjectType: 'proposal',
      subjectId: decided.id,
      customerId: principal.customerId,
      data: reason ? { reason } : {},
    });
    await createFollowUp(trx, {
      workspaceId: principal.workspaceId,
      kind: `proposal.${decision}`,
      sourceType: 'proposal',
      sourceId: decided.id,
      customerId: principal.customerId,
      contactId: principal.contactId,
      summary: `Proposal ${decided.number} "${decided.title}" ${decision}${decision === 'declined' && reason ? `: ${reason}` : ''}`,
    });
    await enqueueWebhookEvent(trx, {
      workspaceId: principal.workspaceId,
      type: `proposal.${decision}`,
      data: {
        proposalId: decided.id,
        number: decided.number,
        title: decided.title,
        customerId: principal.customerId,
        contactId: principal.contactId,
        status: decision,
        decidedAt: decided.decided_at,
        ...(decision === 'declined' && { reason }),
      },
    });
    return toPortalProposal(decided, at);
  });
}
