import { TabaProposalList } from './taba-proposal-list.component.js';

export { TabaProposalList };

if (!customElements.get('taba-proposal-list')) customElements.define('taba-proposal-list', TabaProposalList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-proposal-list': TabaProposalList;
  }
}
