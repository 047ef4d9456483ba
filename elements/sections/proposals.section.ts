import { html, nothing } from 'lit';
import type { ProposalEventDetail } from '../shared/events.js';
import { strings } from '../shared/strings.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition, SectionShell } from './section.js';

/** The list stays mounted behind the detail; reload it so it shows the new status on return. */
function refreshList(shell: SectionShell): void {
  void shell.root.querySelector('taba-proposal-list')?.refresh();
}

/** Proposals: the list, and one proposal opened from it with a Back button. */
export const proposalsSection: PortalSectionDefinition<'proposals'> = {
  id: 'proposals',
  get label() {
    return msg('Proposals', { id: 'section.proposals' });
  },
  load: () => import('./proposals.elements.js'),
  render(shell) {
    const proposalId = shell.openItem?.id;
    return html`
      <taba-proposal-list
        ?hidden=${shell.openItem !== null}
        @taba-proposal-select=${(event: CustomEvent<ProposalEventDetail>) =>
          // The list that had focus steps aside: focus the opened proposal's heading (once it has loaded).
          shell.open({ id: event.detail.proposal.id }, 'taba-proposal-detail')}
      ></taba-proposal-list>
      ${proposalId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${strings.portal.backToProposals}</button>
            <taba-proposal-detail
              proposal-id=${proposalId}
              @taba-proposal-accepted=${() => refreshList(shell)}
              @taba-proposal-declined=${() => refreshList(shell)}
            ></taba-proposal-detail>
          `}
    `;
  },
};
