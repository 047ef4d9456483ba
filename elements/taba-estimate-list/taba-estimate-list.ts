import { TabaEstimateList } from './taba-estimate-list.component.js';

export { TabaEstimateList };

if (!customElements.get('taba-estimate-list')) customElements.define('taba-estimate-list', TabaEstimateList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-estimate-list': TabaEstimateList;
  }
}
