import { TabaProposalDetail } from './taba-proposal-detail.component.js';

export { TabaProposalDetail };

if (!customElements.get('taba-proposal-detail')) customElements.define('taba-proposal-detail', TabaProposalDetail);

declare global {
  interface HTMLElementTagNameMap {
    'taba-proposal-detail': TabaProposalDetail;
  }
}
