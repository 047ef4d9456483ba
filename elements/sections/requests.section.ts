import { html, nothing } from 'lit';
import type { RequestEventDetail } from '../shared/events.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Requests: the Open and Completed tabs of information requests, and one request opened from them with a Back button. */
export const requestsSection: PortalSectionDefinition<'requests'> = {
  id: 'requests',
  get label() {
    return msg('Requests', { id: 'section.requests' });
  },
  load: () => import('./requests.elements.js'),
  render(shell) {
    const requestId = shell.openItem?.id;
    return html`
      <taba-request-list
        ?hidden=${requestId !== undefined}
        @taba-request-select=${(event: CustomEvent<RequestEventDetail>) =>
          shell.open({ id: event.detail.requestId }, 'taba-request-detail')}
      ></taba-request-list>
      ${requestId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${msg('Back to requests', { id: 'request.backToRequests' })}</button>
            <taba-request-detail request-id=${requestId}></taba-request-detail>
          `}
    `;
  },
  /** The list stays mounted behind the request; reload it for the answers given there. */
  closed(shell) {
    void shell.root.querySelector('taba-request-list')?.refresh();
  },
};
