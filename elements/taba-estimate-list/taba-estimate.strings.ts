import type { PortalEstimateStatus } from '../../sdk/contract/estimates.js';

/**
 * The words of the estimate elements (`<taba-estimate-list>`, `<taba-estimate-detail>`); shared
 * words (Retry, "Not connected") are in `strings.common`, the lines table's in `lineItemStrings`.
 * To localise, replace values before the elements render, e.g.
 * `Object.assign(estimateStrings.status, { sent: 'Offen' })`.
 */
export const estimateStrings = {
  /** An estimate's status as the contact sees it (drafts never reach the portal). */
  status: {
    sent: 'Awaiting decision',
    approved: 'Approved',
    declined: 'Declined',
    expired: 'Expired',
    converted: 'Invoiced',
  } satisfies Record<PortalEstimateStatus, string>,

  validUntil: (date: string) => `Valid until ${date}`,
  sentOn: (date: string) => `Sent ${date}`,
  total: 'Total',
  loading: 'Loading estimate…',
  loadFailed: 'Could not load this estimate.',
  noneSelected: 'No estimate selected.',

  /** The portal's button from an estimate back to the list. */
  backToEstimates: 'Back to estimates',

  list: {
    tabsLabel: 'Estimates',
    open: 'Open',
    closed: 'Closed',
    loading: 'Loading estimates…',
    loadFailed: 'Could not load your estimates.',
    emptyOpen: 'No estimates awaiting your decision. When the team sends you one, it shows here.',
    emptyClosed: 'No approved, declined or expired estimates yet',
    loadMore: 'Load more',
    loadingMore: 'Loading more estimates…',
    loadMoreFailed: 'Could not load more estimates.',
  },

  detail: {
    notes: 'Notes from the team',
    decision: 'Your decision',
    approveHeading: 'Approve this estimate',
    fullName: 'Your full name',
    nameMissing: 'Type your full name to approve.',
    approveHint: (version: number) => `Typing your full name and pressing Approve records your approval of this estimate as shown (version ${version}).`,
    approve: 'Approve',
    approving: 'Approving…',
    approveFailed: 'Your approval was not recorded.',
    declineOpen: 'Decline…',
    declineHeading: 'Decline this estimate',
    reason: 'Why do you decline it?',
    reasonHint: 'The team reads this. Required.',
    reasonMissing: 'Write a reason before declining.',
    charactersLeft: (count: string) => `${count} characters left`,
    charactersOver: (count: string) => `${count} characters over the limit. Shorten your reason to decline.`,
    decline: 'Decline estimate',
    declining: 'Declining…',
    declineFailed: 'Your decline was not recorded.',
    cancel: 'Cancel',
    changed: 'The team changed this estimate while you had it open. It now shows the new version: review it, then approve again.',
    expired: 'This estimate has expired and can no longer be approved. Ask the team to send you a new one.',
    notPending: 'This estimate was already decided, so your decision was not recorded. It now shows as it is.',
    approvedBy: (name: string, time: string) => `Approved by ${name} on ${time}.`,
    declinedOn: (time: string) => `Declined on ${time}.`,
    declineReason: 'Reason:',
    convertedNote: 'This estimate was approved and the team has turned it into an invoice.',
    approvedDone: 'Estimate approved.',
    declinedDone: 'Estimate declined.',
  },
};

export type EstimateStrings = typeof estimateStrings;
