import type { PortalEstimateStatus } from '../../sdk/contract/estimates.js';
import { formatNumber } from '../shared/format.js';
import { msg, plural, str } from '../shared/localize.js';

/**
 * The words of the estimate elements (`<taba-estimate-list>`, `<taba-estimate-detail>`), in the
 * portal's language (ids `estimate.*`; see elements/shared/strings.ts); shared words (Retry, "Not
 * connected") are in `strings.common`, the lines table's in `lineItemStrings`.
 */
export const estimateStrings = {
  /** An estimate's status as the contact sees it (drafts never reach the portal). */
  status: {
    get sent() { return msg('Awaiting decision', { id: 'estimate.status.sent' }); },
    get approved() { return msg('Approved', { id: 'estimate.status.approved' }); },
    get declined() { return msg('Declined', { id: 'estimate.status.declined' }); },
    get expired() { return msg('Expired', { id: 'estimate.status.expired' }); },
    get converted() { return msg('Invoiced', { id: 'estimate.status.converted' }); },
  } satisfies Record<PortalEstimateStatus, string>,

  validUntil: (date: string) => msg(str`Valid until ${date}`, { id: 'estimate.validUntil' }),
  sentOn: (date: string) => msg(str`Sent ${date}`, { id: 'estimate.sentOn' }),
  get total() { return msg('Total', { id: 'estimate.total' }); },
  get loading() { return msg('Loading estimate…', { id: 'estimate.loading' }); },
  get loadFailed() { return msg('Could not load this estimate.', { id: 'estimate.loadFailed' }); },
  get noneSelected() { return msg('No estimate selected.', { id: 'estimate.noneSelected' }); },

  /** The portal's button from an estimate back to the list. */

  list: {
    get tabsLabel() { return msg('Estimates', { id: 'estimate.list.tabsLabel' }); },
    get open() { return msg('Open', { id: 'estimate.list.open' }); },
    get closed() { return msg('Closed', { id: 'estimate.list.closed' }); },
    get loading() { return msg('Loading estimates…', { id: 'estimate.list.loading' }); },
    get loadFailed() { return msg('Could not load your estimates.', { id: 'estimate.list.loadFailed' }); },
    get emptyOpen() {
      return msg('No estimates awaiting your decision. When the team sends you one, it shows here.', { id: 'estimate.list.emptyOpen' });
    },
    get emptyClosed() { return msg('No approved, declined or expired estimates yet', { id: 'estimate.list.emptyClosed' }); },
    get loadMore() { return msg('Load more', { id: 'estimate.list.loadMore' }); },
    get loadingMore() { return msg('Loading more estimates…', { id: 'estimate.list.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more estimates.', { id: 'estimate.list.loadMoreFailed' }); },
  },

  detail: {
    get notes() { return msg('Notes from the team', { id: 'estimate.detail.notes' }); },
    get decision() { return msg('Your decision', { id: 'estimate.detail.decision' }); },
    get approveHeading() { return msg('Approve this estimate', { id: 'estimate.detail.approveHeading' }); },
    get fullName() { return msg('Your full name', { id: 'estimate.detail.fullName' }); },
    get nameMissing() { return msg('Type your full name to approve.', { id: 'estimate.detail.nameMissing' }); },
    approveHint: (version: number) =>
      msg(str`Typing your full name and pressing Approve records your approval of this estimate as shown (version ${formatNumber(version)}).`, {
        id: 'estimate.detail.approveHint',
      }),
    get approve() { return msg('Approve', { id: 'estimate.detail.approve' }); },
    get approving() { return msg('Approving…', { id: 'estimate.detail.approving' }); },
    get approveFailed() { return msg('Your approval was not recorded.', { id: 'estimate.detail.approveFailed' }); },
    get declineOpen() { return msg('Decline…', { id: 'estimate.detail.declineOpen' }); },
    get declineHeading() { return msg('Decline this estimate', { id: 'estimate.detail.declineHeading' }); },
    get reason() { return msg('Why do you decline it?', { id: 'estimate.detail.reason' }); },
    get reasonHint() { return msg('The team reads this. Required.', { id: 'estimate.detail.reasonHint' }); },
    get reasonMissing() { return msg('Write a reason before declining.', { id: 'estimate.detail.reasonMissing' }); },
    charactersLeft: (count: number) =>
      plural(count, 'estimate.detail.charactersLeft', {
        one: str`${formatNumber(count)} character left`,
        other: str`${formatNumber(count)} characters left`,
      }),
    charactersOver: (count: number) =>
      plural(count, 'estimate.detail.charactersOver', {
        one: str`${formatNumber(count)} character over the limit. Shorten your reason to decline.`,
        other: str`${formatNumber(count)} characters over the limit. Shorten your reason to decline.`,
      }),
    get decline() { return msg('Decline estimate', { id: 'estimate.detail.decline' }); },
    get declining() { return msg('Declining…', { id: 'estimate.detail.declining' }); },
    get declineFailed() { return msg('Your decline was not recorded.', { id: 'estimate.detail.declineFailed' }); },
    get cancel() { return msg('Cancel', { id: 'estimate.detail.cancel' }); },
    get changed() {
      return msg('The team changed this estimate while you had it open. It now shows the new version: review it, then approve again.', { id: 'estimate.detail.changed' });
    },
    get expired() {
      return msg('This estimate has expired and can no longer be approved. Ask the team to send you a new one.', { id: 'estimate.detail.expired' });
    },
    get notPending() {
      return msg('This estimate was already decided, so your decision was not recorded. It now shows as it is.', { id: 'estimate.detail.notPending' });
    },
    approvedBy: (name: string, time: string) => msg(str`Approved by ${name} on ${time}.`, { id: 'estimate.detail.approvedBy' }),
    declinedOn: (time: string) => msg(str`Declined on ${time}.`, { id: 'estimate.detail.declinedOn' }),
    get declineReason() { return msg('Reason:', { id: 'estimate.detail.declineReason' }); },
    get convertedNote() {
      return msg('This estimate was approved and the team has turned it into an invoice.', { id: 'estimate.detail.convertedNote' });
    },
    get approvedDone() { return msg('Estimate approved.', { id: 'estimate.detail.approvedDone' }); },
    get declinedDone() { return msg('Estimate declined.', { id: 'estimate.detail.declinedDone' }); },
  },
};

export type EstimateStrings = typeof estimateStrings;
