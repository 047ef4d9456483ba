import { html, nothing } from 'lit';
import type { EstimateEventDetail } from '../shared/events.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Estimates: the Open and Closed tabs, and one estimate opened from them (to approve or decline) with a Back button. */
export const estimatesSection: PortalSectionDefinition<'estimates'> = {
  id: 'estimates',
  get label() {
    return msg('Estimates', { id: 'section.estimates' });
  },
  load: () => import('./estimates.elements.js'),
  render(shell) {
    const estimateId = shell.openItem?.id;
    return html`
      <taba-estimate-list
        ?hidden=${estimateId !== undefined}
        @taba-estimate-select=${(event: CustomEvent<EstimateEventDetail>) =>
          // The list that had focus steps aside: focus the opened estimate's heading (once it has loaded).
          shell.open({ id: event.detail.estimateId }, 'taba-estimate-detail')}
      ></taba-estimate-list>
      ${estimateId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${msg('Back to estimates', { id: 'estimate.backToEstimates' })}</button>
            <taba-estimate-detail estimate-id=${estimateId}></taba-estimate-detail>
          `}
    `;
  },
  /** The list stays mounted behind the estimate; reload it for a decision made there. */
  closed(shell) {
    void shell.root.querySelector('taba-estimate-list')?.refresh();
  },
};
