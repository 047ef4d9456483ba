import type { PortalRequestItemState, PortalRequestStatus } from '../../sdk/contract/requests.js';
import { formatNumber } from '../shared/format.js';
import { msg, plural, str } from '../shared/localize.js';

/**
 * The words of the information-request elements (`<taba-request-list>`, `<taba-request-progress>`,
 * `<taba-request-detail>`), in the portal's language (ids `request.*`; see
 * elements/shared/strings.ts); shared words (Retry, "Not connected") are in `strings.common`.
 */
export const requestStrings = {
  /** A request's status as the contact sees it; the portal never shows drafts, the word is here for completeness. */
  status: {
    get draft() { return msg('Draft', { id: 'request.status.draft' }); },
    get sent() { return msg('Sent', { id: 'request.status.sent' }); },
    get in_progress() { return msg('In Progress', { id: 'request.status.in_progress' }); },
    get completed() { return msg('Completed', { id: 'request.status.completed' }); },
    get cancelled() { return msg('Cancelled', { id: 'request.status.cancelled' }); },
  } satisfies Record<PortalRequestStatus | 'draft', string>,

  /** An item's state as the contact sees it. */
  itemState: {
    get awaiting_response() { return msg('Awaiting your answer', { id: 'request.itemState.awaiting_response' }); },
    get under_review() { return msg('Under review', { id: 'request.itemState.under_review' }); },
    get accepted() { return msg('Accepted', { id: 'request.itemState.accepted' }); },
    get returned() { return msg('Returned', { id: 'request.itemState.returned' }); },
  } satisfies Record<PortalRequestItemState, string>,

  /** The progress bar's text and accessible name, e.g. "2 of 5 accepted". */
  accepted: (accepted: number, total: number) =>
    plural(total, 'request.accepted', {
      one: str`${formatNumber(accepted)} of ${formatNumber(total)} accepted`,
      other: str`${formatNumber(accepted)} of ${formatNumber(total)} accepted`,
    }),
  get noItems() { return msg('No items yet', { id: 'request.noItems' }); },
  sentOn: (date: string) => msg(str`Sent ${date}`, { id: 'request.sentOn' }),
  get loading() { return msg('Loading request…', { id: 'request.loading' }); },
  get loadFailed() { return msg('Could not load this request.', { id: 'request.loadFailed' }); },
  get noneSelected() { return msg('No request selected.', { id: 'request.noneSelected' }); },

  /** The portal's button from a request back to the list. */

  list: {
    get tabsLabel() { return msg('Requests', { id: 'request.list.tabsLabel' }); },
    get open() { return msg('Open', { id: 'request.list.open' }); },
    get completed() { return msg('Completed', { id: 'request.list.completed' }); },
    get loading() { return msg('Loading requests…', { id: 'request.list.loading' }); },
    get loadFailed() { return msg('Could not load your requests.', { id: 'request.list.loadFailed' }); },
    get emptyOpen() {
      return msg('No open requests. When the team asks you for information, it shows here.', { id: 'request.list.emptyOpen' });
    },
    get emptyCompleted() { return msg('No completed requests yet', { id: 'request.list.emptyCompleted' }); },
    get loadMore() { return msg('Load more', { id: 'request.list.loadMore' }); },
    get loadingMore() { return msg('Loading more requests…', { id: 'request.list.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more requests.', { id: 'request.list.loadMoreFailed' }); },
  },

  detail: {
    get items() { return msg('What the team asks for', { id: 'request.detail.items' }); },
    get closedCompleted() {
      return msg('This request is completed: every answer was accepted.', { id: 'request.detail.closedCompleted' });
    },
    get closedCancelled() { return msg('This request was cancelled; nothing more is needed.', { id: 'request.detail.closedCancelled' }); },
    get returnReason() { return msg('Why it was returned:', { id: 'request.detail.returnReason' }); },
    get yourAnswer() { return msg('Your answer', { id: 'request.detail.yourAnswer' }); },
    get newAnswer() { return msg('Your new answer', { id: 'request.detail.newAnswer' }); },
    answeredOn: (date: string) => msg(str`Sent ${date}`, { id: 'request.detail.answeredOn' }),
    get send() { return msg('Send', { id: 'request.detail.send' }); },
    get sending() { return msg('Sending…', { id: 'request.detail.sending' }); },
    get sent() { return msg('Answer sent. The team will review it.', { id: 'request.detail.sent' }); },
    get sendFailed() {
      return msg('Your answer was not sent. It is still here; send it again with Retry.', { id: 'request.detail.sendFailed' });
    },
    get refused() { return msg('Your answer was not accepted by the portal.', { id: 'request.detail.refused' }); },
    charactersLeft: (count: number) =>
      plural(count, 'request.detail.charactersLeft', {
        one: str`${formatNumber(count)} character left`,
        other: str`${formatNumber(count)} characters left`,
      }),
    charactersOver: (count: number) =>
      plural(count, 'request.detail.charactersOver', {
        one: str`${formatNumber(count)} character over the limit. Shorten your answer to send it.`,
        other: str`${formatNumber(count)} characters over the limit. Shorten your answer to send it.`,
      }),
    get file() { return msg('File', { id: 'request.detail.file' }); },
    get newFile() { return msg('A new file', { id: 'request.detail.newFile' }); },
    get upload() { return msg('Upload', { id: 'request.detail.upload' }); },
    uploading: (name: string) => msg(str`Uploading ${name}`, { id: 'request.detail.uploading' }),
    uploaded: (name: string) => msg(str`${name} uploaded. The team will review it.`, { id: 'request.detail.uploaded' }),
    uploadFailed: (name: string) => msg(str`${name} was not uploaded.`, { id: 'request.detail.uploadFailed' }),
  },
};

export type RequestStrings = typeof requestStrings;
