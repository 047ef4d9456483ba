import type { PortalAcceptanceStatus } from '../../sdk/contract/acceptances.js';
import { msg, str } from '../shared/localize.js';

/**
 * The acceptance elements' own words, in the portal's language (ids `acceptance.*`; see
 * elements/shared/strings.ts); shared words such as Retry come from `strings.common`.
 */
export const acceptanceStrings = {
  status: {
    get pending() { return msg('Pending', { id: 'acceptance.status.pending' }); },
    get accepted() { return msg('Accepted', { id: 'acceptance.status.accepted' }); },
    get expired() { return msg('Expired', { id: 'acceptance.status.expired' }); },
  } satisfies Record<PortalAcceptanceStatus, string>,
  get loading() { return msg('Loading acceptances…', { id: 'acceptance.loading' }); },
  get loadFailed() { return msg('Could not load your acceptances.', { id: 'acceptance.loadFailed' }); },
  get empty() { return msg('Nothing to accept yet', { id: 'acceptance.empty' }); },
  get listLabel() { return msg('Acceptances', { id: 'acceptance.listLabel' }); },
  get loadMore() { return msg('Load more', { id: 'acceptance.loadMore' }); },
  get loadingMore() { return msg('Loading more acceptances…', { id: 'acceptance.loadingMore' }); },
  get loadMoreFailed() { return msg('Could not load more acceptances.', { id: 'acceptance.loadMoreFailed' }); },
  get loadingOne() { return msg('Loading acceptance…', { id: 'acceptance.loadingOne' }); },
  get loadOneFailed() { return msg('Could not load this acceptance.', { id: 'acceptance.loadOneFailed' }); },
  get noneSelected() { return msg('No acceptance selected.', { id: 'acceptance.noneSelected' }); },
  sentOn: (date: string) => msg(str`Sent ${date}`, { id: 'acceptance.sentOn' }),
  expiresOn: (date: string) => msg(str`Expires ${date}`, { id: 'acceptance.expiresOn' }),
  /** Shown with the amber expiry date, so the urgency is in words and not colour alone. */
  get expiresSoon() { return msg('less than 48 hours left', { id: 'acceptance.expiresSoon' }); },
  expiredOn: (date: string) => msg(str`Expired ${date}`, { id: 'acceptance.expiredOn' }),
  acceptedOn: (date: string) => msg(str`Accepted ${date}`, { id: 'acceptance.acceptedOn' }),
  get review() { return msg('Review & Accept', { id: 'acceptance.review' }); },
  get view() { return msg('View', { id: 'acceptance.view' }); },
  get document() { return msg('Document', { id: 'acceptance.document' }); },
  get viewDocument() { return msg('View document', { id: 'acceptance.viewDocument' }); },
  get opening() { return msg('Opening…', { id: 'acceptance.opening' }); },
  get openFailed() { return msg('Could not open the document.', { id: 'acceptance.openFailed' }); },
  fingerprint: (sha256: string) => msg(str`SHA-256 fingerprint: ${sha256}`, { id: 'acceptance.fingerprint' }),
  get fullName() { return msg('Your full name', { id: 'acceptance.fullName' }); },
  get confirm() { return msg('I have read and accept this document', { id: 'acceptance.confirm' }); },
  get acceptHint() { return msg('Type your full name and tick the box to accept.', { id: 'acceptance.acceptHint' }); },
  get accept() { return msg('Accept', { id: 'acceptance.accept' }); },
  get accepting() { return msg('Accepting…', { id: 'acceptance.accepting' }); },
  get acceptFailed() { return msg('Your acceptance was not recorded.', { id: 'acceptance.acceptFailed' }); },
  get documentChanged() {
    return msg(
      'This document changed after it was sent to you, so it can no longer be accepted. Ask the business to send it to you again.',
      { id: 'acceptance.documentChanged' },
    );
  },
  get expiredNotice() {
    return msg('This acceptance has expired and can no longer be accepted. Ask the business to send it to you again.', { id: 'acceptance.expiredNotice' });
  },
  acceptedBy: (name: string, time: string) => msg(str`Accepted by ${name} on ${time}.`, { id: 'acceptance.acceptedBy' }),
  get downloadCertificate() { return msg('Download certificate', { id: 'acceptance.downloadCertificate' }); },
  get downloadingCertificate() { return msg('Preparing…', { id: 'acceptance.downloadingCertificate' }); },
  get certificateFailed() { return msg('Could not download the certificate.', { id: 'acceptance.certificateFailed' }); },
  certificateName: (title: string) => msg(str`${title} - acceptance certificate.pdf`, { id: 'acceptance.certificateName' }),
};
