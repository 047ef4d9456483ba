import { Type, type Static } from 'typebox';
import { Id, Money, Timestamp } from './common.js';

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
  { additionalProperties: false },
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
