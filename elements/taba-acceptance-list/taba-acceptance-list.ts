import { TabaAcceptanceList } from './taba-acceptance-list.component.js';

export { TabaAcceptanceList };

if (!customElements.get('taba-acceptance-list')) customElements.define('taba-acceptance-list', TabaAcceptanceList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-acceptance-list': TabaAcceptanceList;
  }
}
