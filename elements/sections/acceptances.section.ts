import { html, nothing } from 'lit';
import type { AcceptanceEventDetail } from '../shared/events.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition, SectionShell } from './section.js';

/** The list stays mounted behind the review; reload it so it shows the new status on return. */
function refreshList(shell: SectionShell): void {
  void shell.root.querySelector('taba-acceptance-list')?.refresh();
}

/** Acceptances: the documents sent for acceptance, and one opened from its card to review and accept, with a Back button. */
export const acceptancesSection: PortalSectionDefinition<'acceptances'> = {
  id: 'acceptances',
  get label() {
    return msg('Acceptances', { id: 'section.acceptances' });
  },
  load: () => import('./acceptances.elements.js'),
  render(shell) {
    const acceptanceId = shell.openItem?.id;
    return html`
      <taba-acceptance-list
        ?hidden=${shell.openItem !== null}
        @taba-acceptance-select=${(event: CustomEvent<AcceptanceEventDetail>) =>
          // The list that had focus steps aside: focus the opened acceptance's heading (once it has loaded).
          shell.open({ id: event.detail.acceptance.id }, 'taba-acceptance-review')}
      ></taba-acceptance-list>
      ${acceptanceId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${msg('Back to acceptances', { id: 'acceptance.backToList' })}</button>
            <taba-acceptance-review
              acceptance-id=${acceptanceId}
              @taba-acceptance-accepted=${() => refreshList(shell)}
            ></taba-acceptance-review>
          `}
    `;
  },
};
