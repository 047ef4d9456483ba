import type { Kysely, Transaction } from 'kysely';
import type { CreateProposal, PortalProposal, PortalProposalStatus, Proposal, ProposalStatus } from '../../../sdk/contract/proposals.js';
import type { DB, ProposalRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';
import { compiledKeysetList, keysetPage } from '../../lib/keyset.js';
import { isoNow } from '../../lib/time.js';

/** A pending proposal past its expiry is Expired; nothing stored changes when the time passes. */
export function proposalStatus(row: Pick<ProposalRow, 'status' | 'expires_at'>, now = isoNow()): ProposalStatus {
  return row.status === 'pending' && row.expires_at <= now ? 'expired' : row.status;
}

export function toProposal(row: ProposalRow, now = isoNow()): Proposal {
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    feeModel: row.fee_model,
    fee: { amount: row.fee_amount, currency: row.currency },
    summary: row.summary,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    declineReason: row.decline_reason,
    customerId: row.customer_id,
    status: proposalStatus(row, now),
    sentAt: row.sent_at,
    internalNotes: row.internal_notes,
    createdAt: row.created_at,
  };
}

/** The only columns the portal reads: internal ones are never even selected. */
const portalColumns = [
  'id',
  'number',
  'title',
  'fee_model',
  'fee_amount',
  'currency',
  'summary',
  'status',
  'sent_at',
  'expires_at',
  'decided_at',
  'decline_reason',
] as const satisfies readonly (keyof ProposalRow)[];
export type PortalProposalRow = Pick<ProposalRow, (typeof portalColumns)[number]>;

/** One object literal, not spreads: this runs for every row of the hottest portal route. */
export function toPortalProposal(row: PortalProposalRow, now = isoNow()): PortalProposal {
  const status = proposalStatus(row, now);
  if (status === 'draft' || row.sent_at === null) throw new Error(`draft proposal ${row.id} reached the portal mapper`);
  return {
    id: row.id,
    number: row.number,
    title: row.title,
    feeModel: row.fee_model,
    fee: { amount: row.fee_amount, currency: row.currency },
    summary: row.summary,
    expiresAt: row.expires_at,
    decidedAt: row.decided_at,
    declineReason: row.decline_reason,
    status: status satisfies PortalProposalStatus,
    sentAt: row.sent_at,
  };
}

export async function createProposal(trx: Transaction<DB>, workspaceId: string, input: CreateProposal): Promise<ProposalRow> {
  const counter = await trx
    .updateTable('workspaces')
    .set((eb) => ({ next_proposal_number: eb('next_proposal_number', '+', 1) }))
    .where('id', '=', workspaceId)
    .returning('next_proposal_number')
    .executeTakeFirstOrThrow();
  const now = isoNow();
  const row: ProposalRow = {
    id: newId('prop'),
    workspace_id: workspaceId,
    customer_id: input.customerId,
    number: `PROP-${String(counter.next_proposal_number - 1).padStart(4, '0')}`,
    title: input.title.trim(),
    fee_model: input.feeModel,
    fee_amount: input.fee.amount,
    currency: input.fee.currency,
    summary: input.summary ?? '',
    internal_notes: input.internalNotes ?? '',
    status: 'draft',
    sent_at: null,
    expires_at: new Date(input.expiresAt).toISOString(),
    decided_at: null,
    decided_by_contact_id: null,
    decline_reason: null,
    created_at: now,
  };
  await trx.insertInto('proposals').values(row).execute();
  return row;
}

export function findWorkspaceProposal(db: Kysely<DB>, workspaceId: string, proposalId: string): Promise<ProposalRow | undefined> {
  return db
    .selectFrom('proposals')
    .selectAll()
    .where('id', '=', proposalId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** Every portal read and decision of one proposal starts here, so it is compiled once. */
const customerProposal = compiledQuery((db, p: QueryParameters<{ customerId: string; proposalId: string }>) =>
  db.selectFrom('proposals').select(portalColumns).where('id', '=', p.proposalId).where('customer_id', '=', p.customerId).where('sent_at', 'is not', null),
);

/** A proposal as one customer may see it: sent to that customer, never a draft. */
export function findCustomerProposal(db: Kysely<DB>, customerId: string, proposalId: string): Promise<PortalProposalRow | undefined> {
  return customerProposal.first(db, { customerId, proposalId });
}

/** The portal's list, most recently sent first; compiled once, as it runs on every portal visit. */
const customerProposals = compiledKeysetList(
  (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) =>
    db.selectFrom('proposals').select(portalColumns).where('customer_id', '=', p.customerId).where('sent_at', 'is not', null),
  [['sent_at', 'desc'], ['id', 'desc']],
);

export function listCustomerProposals(db: Kysely<DB>, customerId: string, limit: number, cursor: string | undefined) {
  const now = isoNow();
  return customerProposals.page(db, { customerId }, { limit, cursor }, (row) => toPortalProposal(row, now));
}

/** Newest first. */
export function listWorkspaceProposals(
  db: Kysely<DB>,
  workspaceId: string,
  options: { limit: number; cursor?: string; customerId?: string },
) {
  let query = db.selectFrom('proposals').selectAll().where('workspace_id', '=', workspaceId);
  if (options.customerId) query = query.where('customer_id', '=', options.customerId);
  const now = isoNow();
  return keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], options, (row) => toProposal(row, now));
}

interface Decision {
  status: 'accepted' | 'declined';
  contactId: string;
  reason: string | null;
  at: string;
}

/** The write of every accept and decline; compiled once. */
const decision = compiledQuery((db, p: QueryParameters<Decision & { proposalId: string }>) =>
  db
    .updateTable('proposals')
    .set({ status: p.status, decided_at: p.at, decided_by_contact_id: p.contactId, decline_reason: p.reason })
    .where('id', '=', p.proposalId)
    .where('status', '=', 'pending')
    .where('expires_at', '>', p.at)
    .returning(portalColumns),
);

/** Moves a pending, unexpired proposal to a decision; undefined when another request got there first. */
export function decideProposal(trx: Transaction<DB>, proposalId: string, decided: Decision): Promise<PortalProposalRow | undefined> {
  return decision.first(trx, { ...decided, proposalId });
}

/** Moves a draft to pending; undefined when it was no longer a draft. */
export function markProposalSent(trx: Transaction<DB>, proposalId: string, at: string): Promise<ProposalRow | undefined> {
  return trx
    .updateTable('proposals')
    .set({ status: 'pending', sent_at: at })
    .where('id', '=', proposalId)
    .where('status', '=', 'draft')
    .returningAll()
    .executeTakeFirst();
}
