import { Type, type Static } from 'typebox';
import { Id, Money, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

export const FeeModel = Type.Enum(['fixed_fee', 'hourly_rate', 'retainer', 'milestone']);
export type FeeModel = Static<typeof FeeModel>;

/** What a customer sees: a proposal is never a draft in the portal. */
export const PortalProposalStatus = Type.Enum(['pending', 'accepted', 'declined', 'expired']);
export type PortalProposalStatus = Static<typeof PortalProposalStatus>;

export const ProposalStatus = Type.Enum(['draft', 'pending', 'accepted', 'declined', 'expired']);
export type ProposalStatus = Static<typeof ProposalStatus>;

const customerFacing = {
  id: Id,
  number: Type.String(),
  title: Type.String(),
  feeModel: FeeModel,
  fee: Money,
  summary: Type.String(),
  expiresAt: Timestamp,
  decidedAt: Type.Union([Timestamp, Type.Null()]),
  declineReason: Type.Union([Type.String(), Type.Null()]),
};

/** A proposal as a portal contact sees it: no internal notes, no drafts. */
export const PortalProposal = Type.Object({
  ...customerFacing,
  status: PortalProposalStatus,
  sentAt: Timestamp,
});
export type PortalProposal = Static<typeof PortalProposal>;

/** A proposal as the tenant's workspace sees it. */
export const Proposal = Type.Object({
  ...customerFacing,
  customerId: Id,
  status: ProposalStatus,
  sentAt: Type.Union([Timestamp, Type.Null()]),
  internalNotes: Type.String(),
  createdAt: Timestamp,
});
export type Proposal = Static<typeof Proposal>;

export const CreateProposal = Type.Object(
  {
    customerId: Id,
    title: Type.String({ minLength: 1, maxLength: 200 }),
    feeModel: FeeModel,
    fee: Money,
    summary: Type.Optional(Type.String({ maxLength: 10_000 })),
    expiresAt: Timestamp,
    internalNotes: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);
export type CreateProposal = Static<typeof CreateProposal>;

export const DeclineProposal = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 2_000 })) },
  { additionalProperties: false, examples: [{ reason: 'The budget moved to next quarter.' }] },
);
export type DeclineProposal = Static<typeof DeclineProposal>;

export const ProposalParams = Type.Object({ proposalId: Id });

export const ProposalListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    customerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type ProposalListQuery = Static<typeof ProposalListQuery>;

/** What a signed-in contact does with the proposals sent to their customer. */
export const portalProposalEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/proposals',
    operationId: 'listPortalProposals',
    summary: 'List the proposals sent to the signed-in customer',
    surface: 'portal',
    query: PageQuery,
    status: 200,
    response: Page(PortalProposal),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/proposals/:proposalId',
    operationId: 'retrievePortalProposal',
    summary: 'Retrieve a proposal',
    surface: 'portal',
    params: ProposalParams,
    status: 200,
    response: PortalProposal,
  }),
  accept: endpoint({
    method: 'POST',
    path: '/v1/portal/proposals/:proposalId/accept',
    operationId: 'acceptPortalProposal',
    summary: 'Accept a pending proposal (idempotent)',
    surface: 'portal',
    params: ProposalParams,
    status: 200,
    response: PortalProposal,
  }),
  decline: endpoint({
    method: 'POST',
    path: '/v1/portal/proposals/:proposalId/decline',
    operationId: 'declinePortalProposal',
    summary: 'Decline a pending proposal, optionally saying why (idempotent)',
    surface: 'portal',
    params: ProposalParams,
    body: DeclineProposal,
    status: 200,
    response: PortalProposal,
  }),
};

export const proposalEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/proposals',
    operationId: 'listProposals',
    summary: 'List proposals, newest first',
    surface: 'workspace',
    permission: 'proposals.read',
    query: ProposalListQuery,
    status: 200,
    response: Page(Proposal),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/proposals/:proposalId',
    operationId: 'retrieveProposal',
    summary: 'Retrieve a proposal',
    surface: 'workspace',
    permission: 'proposals.read',
    params: ProposalParams,
    status: 200,
    response: Proposal,
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/proposals',
    operationId: 'createProposal',
    summary: 'Create a draft proposal',
    surface: 'workspace',
    permission: 'proposals.write',
    body: CreateProposal,
    status: 201,
    response: Proposal,
  }),
  send: endpoint({
    method: 'POST',
    path: '/v1/workspace/proposals/:proposalId/send',
    operationId: 'sendProposal',
    summary: "Send a draft proposal to the customer's portal",
    description: 'Refused with `no_portal_contact` while the customer has no portal contact.',
    surface: 'workspace',
    permission: 'proposals.send',
    params: ProposalParams,
    status: 200,
    response: Proposal,
  }),
};
