import type { PortalAcceptanceStatus } from '../../sdk/contract/acceptances.js';

/**
 * The acceptance elements' own words (shared words such as Retry come from `strings.common`). To
 * localise, replace values before the elements render, e.g.
 * `Object.assign(acceptanceStrings.status, { pending: 'Offen' })`.
 */
export const acceptanceStrings = {
  status: {
    pending: 'Pending',
    accepted: 'Accepted',
    expired: 'Expired',
  } satisfies Record<PortalAcceptanceStatus, string>,
  loading: 'Loading acceptances…',
  loadFailed: 'Could not load your acceptances.',
  empty: 'Nothing to accept yet',
  listLabel: 'Acceptances',
  loadMore: 'Load more',
  loadingMore: 'Loading more acceptances…',
  loadMoreFailed: 'Could not load more acceptances.',
  loadingOne: 'Loading acceptance…',
  loadOneFailed: 'Could not load this acceptance.',
  noneSelected: 'No acceptance selected.',
  backToList: 'Back to acceptances',
  sentOn: (date: string) => `Sent ${date}`,
  expiresOn: (date: string) => `Expires ${date}`,
  /** Shown with the amber expiry date, so the urgency is in words and not colour alone. */
  expiresSoon: 'less than 48 hours left',
  expiredOn: (date: string) => `Expired ${date}`,
  acceptedOn: (date: string) => `Accepted ${date}`,
  review: 'Review & Accept',
  view: 'View',
  document: 'Document',
  viewDocument: 'View document',
  opening: 'Opening…',
  openFailed: 'Could not open the document.',
  fingerprint: (sha256: string) => `SHA-256 fingerprint: ${sha256}`,
  fullName: 'Your full name',
  confirm: 'I have read and accept this document',
  acceptHint: 'Type your full name and tick the box to accept.',
  accept: 'Accept',
  accepting: 'Accepting…',
  acceptFailed: 'Your acceptance was not recorded.',
  documentChanged:
    'This document changed after it was sent to you, so it can no longer be accepted. Ask the business to send it to you again.',
  expiredNotice: 'This acceptance has expired and can no longer be accepted. Ask the business to send it to you again.',
  acceptedBy: (name: string, time: string) => `Accepted by ${name} on ${time}.`,
  downloadCertificate: 'Download certificate',
  downloadingCertificate: 'Preparing…',
  certificateFailed: 'Could not download the certificate.',
  certificateName: (title: string) => `${title} - acceptance certificate.pdf`,
};
