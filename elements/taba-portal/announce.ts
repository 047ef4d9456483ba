import { emit } from '../shared/events.js';

/** What `taba-announce` carries: the words to say. */
export interface AnnounceEventDetail {
  /** A short status in the language shown, e.g. "Proposal accepted". */
  message: string;
}

declare module '../shared/events.js' {
  interface TabaEventDetails {
    /**
     * Asks the `<taba-portal>` around the sender to say `message` in its polite live region (a
     * status change that moves no focus). Outside a portal nobody hears it.
     */
    'taba-announce': AnnounceEventDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'taba-announce': CustomEvent<AnnounceEventDetail>;
  }
}

/**
 * Asks the portal shell around `element` to announce `message` to screen readers, politely: the
 * shared way for a widget to tell a status change ("Proposal accepted") that moves no focus. The
 * event bubbles and crosses shadow roots, so a widget anywhere inside `<taba-portal>` reaches it.
 */
export function announce(element: HTMLElement, message: string): void {
  emit(element, 'taba-announce', { message });
}
