import { TabaEstimateDetail } from './taba-estimate-detail.component.js';

export { TabaEstimateDetail };

if (!customElements.get('taba-estimate-detail')) customElements.define('taba-estimate-detail', TabaEstimateDetail);

declare global {
  interface HTMLElementTagNameMap {
    'taba-estimate-detail': TabaEstimateDetail;
  }
}
