import type { FeeModel, PortalProposalStatus } from '../../sdk/contract/proposals.js';

/**
 * Every word the elements show, in one place. To localise, replace values before the elements
 * render, e.g. `Object.assign(strings.proposalStatus, { pending: 'Offen' })`, and set `locale`
 * so that amounts and dates follow.
 */
export const strings = {
  /** BCP 47 locale for amounts and dates; `undefined` uses the browser's. */
  locale: undefined as string | undefined,

  proposalStatus: {
    pending: 'Pending',
    accepted: 'Accepted',
    declined: 'Declined',
    expired: 'Expired',
  } satisfies Record<PortalProposalStatus, string>,

  feeModel: {
    fixed_fee: 'Fixed Fee',
    hourly_rate: 'Hourly Rate',
    retainer: 'Retainer',
    milestone: 'Milestone',
  } satisfies Record<FeeModel, string>,

  common: {
    retry: 'Retry',
    confirm: 'Confirm',
    cancel: 'Cancel',
    notConnected: 'Not connected to a portal session.',
    unexpectedError: 'Something went wrong. Please try again.',
    errorReference: (requestId: string) => `Reference: ${requestId}`,
  },

  portal: {
    navLabel: 'Customer portal',
    sections: {
      proposals: 'Proposals',
      profile: 'Profile',
    },
    noSessionTitle: 'No portal session',
    noSessionDetail:
      'This page has not started a portal session. Open the portal from the link you were sent, ' +
      'or contact the business that shared it with you.',
    backToProposals: 'Back to proposals',
  },

  proposalList: {
    loading: 'Loading proposals…',
    loadFailed: 'Could not load your proposals.',
    empty: 'No proposals yet',
    loadMore: 'Load more',
    loadingMore: 'Loading more proposals…',
    loadMoreFailed: 'Could not load more proposals.',
    sentOn: (date: string) => `Sent ${date}`,
  },

  proposalDetail: {
    loading: 'Loading proposal…',
    loadFailed: 'Could not load this proposal.',
    noneSelected: 'No proposal selected.',
    details: 'Proposal details',
    number: 'Number',
    status: 'Status',
    feeModel: 'Fee model',
    fee: 'Fee',
    sentAt: 'Sent',
    expiresAt: 'Expires',
    decidedAt: 'Decided',
    declineReason: 'Reason for declining',
    summary: 'Summary',
    actions: 'Your decision',
    accept: 'Accept',
    decline: 'Decline',
    confirmAccept: 'Accept this proposal?',
    confirmDecline: 'Decline this proposal?',
    declineReasonLabel: 'Reason (optional)',
    charactersLeft: (count: number) => `${count} characters left`,
    accepted: 'You accepted this proposal.',
    declined: 'You declined this proposal.',
  },

  profile: {
    loading: 'Loading your profile…',
    loadFailed: 'Could not load your profile.',
    details: 'Your profile',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    customer: 'Customer',
  },
};

export type PortalStrings = typeof strings;
