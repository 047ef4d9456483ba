import type { PortalProposal } from '../../sdk/contract/proposals.js';

export interface ProposalEventDetail {
  proposal: PortalProposal;
}

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
  /** A contact finished signing in by email code, link or customer choice. */
  'taba-signed-in': SessionEventDetail;
  /** A contact signed out of the portal. */
  'taba-signed-out': SessionEventDetail;
}

export type TabaEventName = keyof TabaEventDetails;

/** Dispatches a taba event from `element`; it bubbles and crosses shadow roots. */
export function emit<Name extends TabaEventName>(
  element: HTMLElement,
  name: Name,
  detail: TabaEventDetails[Name],
): boolean {
  return element.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  interface HTMLElementEventMap {
    'taba-proposal-accepted': CustomEvent<ProposalEventDetail>;
    'taba-proposal-declined': CustomEvent<ProposalEventDetail>;
    'taba-proposal-select': CustomEvent<ProposalEventDetail>;
    'taba-signed-in': CustomEvent<SessionEventDetail>;
    'taba-signed-out': CustomEvent<SessionEventDetail>;
  }
}
