import type { PortalProposal } from '../../sdk/contract/proposals.js';

export interface ProposalEventDetail {
  proposal: PortalProposal;
}

/** Every event the elements emit, by name, with its `detail`. */
export interface TabaEventDetails {
  /** A contact accepted a proposal; `proposal` is the updated proposal. */
  'taba-proposal-accepted': ProposalEventDetail;
  /** A contact declined a proposal; `proposal` is the updated proposal. */
  'taba-proposal-declined': ProposalEventDetail;
  /** A contact chose a proposal in a list, to see its details. */
  'taba-proposal-select': ProposalEventDetail;
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
  }
}
