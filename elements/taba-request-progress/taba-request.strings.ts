import type { PortalRequestItemState, PortalRequestStatus } from '../../sdk/contract/requests.js';

/**
 * The words of the information-request elements (`<taba-request-list>`, `<taba-request-progress>`,
 * `<taba-request-detail>`); shared words (Retry, "Not connected") are in `strings.common`. To
 * localise, replace values before the elements render, e.g.
 * `Object.assign(requestStrings.status, { sent: 'Gesendet' })`.
 */
export const requestStrings = {
  /** A request's status as the contact sees it; the portal never shows drafts, the word is here for completeness. */
  status: {
    draft: 'Draft',
    sent: 'Sent',
    in_progress: 'In Progress',
    completed: 'Completed',
    cancelled: 'Cancelled',
  } satisfies Record<PortalRequestStatus | 'draft', string>,

  /** An item's state as the contact sees it. */
  itemState: {
    awaiting_response: 'Awaiting your answer',
    under_review: 'Under review',
    accepted: 'Accepted',
    returned: 'Returned',
  } satisfies Record<PortalRequestItemState, string>,

  /** The progress bar's text and accessible name, e.g. "2 of 5 accepted". */
  accepted: (accepted: number, total: number) => `${accepted} of ${total} accepted`,
  noItems: 'No items yet',
  sentOn: (date: string) => `Sent ${date}`,
  loading: 'Loading request…',
  loadFailed: 'Could not load this request.',
  noneSelected: 'No request selected.',

  /** The portal's button from a request back to the list. */
  backToRequests: 'Back to requests',

  list: {
    tabsLabel: 'Requests',
    open: 'Open',
    completed: 'Completed',
    loading: 'Loading requests…',
    loadFailed: 'Could not load your requests.',
    emptyOpen: 'No open requests. When the team asks you for information, it shows here.',
    emptyCompleted: 'No completed requests yet',
    loadMore: 'Load more',
    loadingMore: 'Loading more requests…',
    loadMoreFailed: 'Could not load more requests.',
  },

  detail: {
    items: 'What the team asks for',
    closedCompleted: 'This request is completed: every answer was accepted.',
    closedCancelled: 'This request was cancelled; nothing more is needed.',
    returnReason: 'Why it was returned:',
    yourAnswer: 'Your answer',
    newAnswer: 'Your new answer',
    answeredOn: (date: string) => `Sent ${date}`,
    send: 'Send',
    sending: 'Sending…',
    sent: 'Answer sent. The team will review it.',
    sendFailed: 'Your answer was not sent. It is still here; send it again with Retry.',
    refused: 'Your answer was not accepted by the portal.',
    charactersLeft: (count: string) => `${count} characters left`,
    charactersOver: (count: string) => `${count} characters over the limit. Shorten your answer to send it.`,
    file: 'File',
    newFile: 'A new file',
    upload: 'Upload',
    uploading: (name: string) => `Uploading ${name}`,
    uploaded: (name: string) => `${name} uploaded. The team will review it.`,
    uploadFailed: (name: string) => `${name} was not uploaded.`,
  },
};

export type RequestStrings = typeof requestStrings;
