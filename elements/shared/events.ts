import type { PortalAcceptance, PortalAcceptanceCard } from '../../sdk/contract/acceptances.js';
import type { PortalDeliveryCard } from '../../sdk/contract/deliveries.js';
import type { DownloadLink, PortalDocument } from '../../sdk/contract/documents.js';
import type { PortalEstimate, PortalEstimateCard } from '../../sdk/contract/estimates.js';
import type { PortalInvoiceCard } from '../../sdk/contract/invoices.js';
import type { PortalPaymentProof } from '../../sdk/contract/payment-proofs.js';
import type { PortalMessage, PortalThread } from '../../sdk/contract/messages.js';
import type { PortalComment, PortalProjectCard } from '../../sdk/contract/projects.js';
import type { PortalProposal } from '../../sdk/contract/proposals.js';
import type { PortalRequest, PortalRequestCard, PortalRequestItem } from '../../sdk/contract/requests.js';

export interface ProposalEventDetail {
  proposal: PortalProposal;
}

export interface ThreadEventDetail {
  thread: PortalThread;
}

export interface MessageEventDetail {
  /** The thread the message belongs to, as it was when the message was sent. */
  thread: PortalThread;
  message: PortalMessage;
}

export interface ProjectEventDetail {
  /** The project as its list shows it (the detail loads the rest). */
  project: PortalProjectCard;
}

export interface CommentEventDetail {
  comment: PortalComment;
}

export interface DocumentDownloadEventDetail {
  document: PortalDocument;
  /** The fresh, short-lived link the download is about to open. */
  link: DownloadLink;
}

export interface AcceptanceEventDetail {
  /** The acceptance as its card shows it (the review loads the rest). */
  acceptance: PortalAcceptanceCard;
}

export interface AcceptanceAcceptedEventDetail {
  /** The acceptance as the server answered the accept: status `accepted`, with `acceptedName` and `acceptedAt`. */
  acceptance: PortalAcceptance;
}

export interface RequestEventDetail {
  requestId: string;
  /** The request as its card shows it (the detail loads the rest). */
  request: PortalRequestCard;
}

export interface RequestItemAnsweredEventDetail {
  /** The request as the server answered it, with the item's new state and answer. */
  request: PortalRequest;
  item: PortalRequestItem;
}

export interface EstimateEventDetail {
  estimateId: string;
  /** The estimate as its card shows it (the detail loads the rest). */
  estimate: PortalEstimateCard;
}

export interface EstimateDecidedEventDetail {
  /** The estimate as the server answered the approval or decline. */
  estimate: PortalEstimate;
}

export interface InvoiceEventDetail {
  invoiceId: string;
  /** The invoice as its card shows it (the detail loads the rest). */
  invoice: PortalInvoiceCard;
}

export interface PaymentProofSubmittedEventDetail {
  invoiceId: string;
  /** The proof as the server stored it: status `under_review`. */
  proof: PortalPaymentProof;
}

export interface DeliveryEventDetail {
  /** The delivery as its card shows it (the timeline loads its events). */
  delivery: PortalDeliveryCard;
}

/** Asking for a new conversation carries no data: the host decides where to show it. */
export type NewThreadEventDetail = Record<string, never>;

/** Signing in and out carries no data: tokens never leave the client, and the profile is one `me()` away. */
export type SessionEventDetail = Record<string, never>;

/** Every event the elements emit, by name, with its `detail`. */
export interface TabaEventDetails {
  /** A contact accepted a proposal; `proposal` is the updated proposal. */
  'taba-proposal-accepted': ProposalEventDetail;
  /** A contact declined a proposal; `proposal` is the updated proposal. */
  'taba-proposal-declined': ProposalEventDetail;
  /** A contact chose a proposal in a list, to see its details. */
  'taba-proposal-select': ProposalEventDetail;
  /** A contact chose a conversation in a list, to read it. */
  'taba-thread-select': ThreadEventDetail;
  /** A contact asked to start a new conversation. */
  'taba-thread-new': NewThreadEventDetail;
  /** A contact started a conversation; `message` is its first message. */
  'taba-thread-created': MessageEventDetail;
  /** A contact sent a message in an existing conversation. */
  'taba-message-sent': MessageEventDetail;
  /** A contact chose a project in a list, to open it. */
  'taba-project-select': ProjectEventDetail;
  /** A contact posted a comment on a project. */
  'taba-comment-added': CommentEventDetail;
  /**
   * A download is about to start with a freshly made link; cancelable: `preventDefault()` stops the
   * element from opening the link, to handle it yourself.
   */
  'taba-document-download': DocumentDownloadEventDetail;
  /** A contact chose an acceptance (its "Review & Accept" or "View" button), to review it. */
  'taba-acceptance-select': AcceptanceEventDetail;
  /** A contact accepted a document sent for acceptance. */
  'taba-acceptance-accepted': AcceptanceAcceptedEventDetail;
  /** A contact chose an information request in a list, to answer it. */
  'taba-request-select': RequestEventDetail;
  /** A contact answered an item of an information request (text sent or file uploaded). */
  'taba-request-item-answered': RequestItemAnsweredEventDetail;
  /** A contact chose an estimate in a list, to open it. */
  'taba-estimate-select': EstimateEventDetail;
  /** A contact approved an estimate with their typed name. */
  'taba-estimate-approved': EstimateDecidedEventDetail;
  /** A contact declined an estimate with a reason. */
  'taba-estimate-declined': EstimateDecidedEventDetail;
  /** A contact chose an invoice in a list, to open it. */
  'taba-invoice-select': InvoiceEventDetail;
  /** A contact sent proof of a payment of an invoice. */
  'taba-payment-proof-submitted': PaymentProofSubmittedEventDetail;
  /** A contact chose a delivery in a list, to see its tracking timeline. */
  'taba-delivery-select': DeliveryEventDetail;
  /** A contact finished signing in by email code, link or customer choice. */
  'taba-signed-in': SessionEventDetail;
  /** A contact signed out of the portal. */
  'taba-signed-out': SessionEventDetail;
}

export type TabaEventName = keyof TabaEventDetails;

/**
 * Dispatches a taba event from `element`; it bubbles and crosses shadow roots. Answers `false` when
 * a listener called `preventDefault()` on a `cancelable` event.
 */
export function emit<Name extends TabaEventName>(
  element: HTMLElement,
  name: Name,
  detail: TabaEventDetails[Name],
  { cancelable = false }: { cancelable?: boolean } = {},
): boolean {
  return element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable }));
}

declare global {
  interface HTMLElementEventMap {
    'taba-proposal-accepted': CustomEvent<ProposalEventDetail>;
    'taba-proposal-declined': CustomEvent<ProposalEventDetail>;
    'taba-proposal-select': CustomEvent<ProposalEventDetail>;
    'taba-thread-select': CustomEvent<ThreadEventDetail>;
    'taba-thread-new': CustomEvent<NewThreadEventDetail>;
    'taba-thread-created': CustomEvent<MessageEventDetail>;
    'taba-message-sent': CustomEvent<MessageEventDetail>;
    'taba-project-select': CustomEvent<ProjectEventDetail>;
    'taba-comment-added': CustomEvent<CommentEventDetail>;
    'taba-document-download': CustomEvent<DocumentDownloadEventDetail>;
    'taba-acceptance-select': CustomEvent<AcceptanceEventDetail>;
    'taba-acceptance-accepted': CustomEvent<AcceptanceAcceptedEventDetail>;
    'taba-request-select': CustomEvent<RequestEventDetail>;
    'taba-request-item-answered': CustomEvent<RequestItemAnsweredEventDetail>;
    'taba-estimate-select': CustomEvent<EstimateEventDetail>;
    'taba-estimate-approved': CustomEvent<EstimateDecidedEventDetail>;
    'taba-estimate-declined': CustomEvent<EstimateDecidedEventDetail>;
    'taba-invoice-select': CustomEvent<InvoiceEventDetail>;
    'taba-payment-proof-submitted': CustomEvent<PaymentProofSubmittedEventDetail>;
    'taba-delivery-select': CustomEvent<DeliveryEventDetail>;
    'taba-signed-in': CustomEvent<SessionEventDetail>;
    'taba-signed-out': CustomEvent<SessionEventDetail>;
  }
}
