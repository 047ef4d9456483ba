import { TabaRequestList } from './taba-request-list.component.js';

export { TabaRequestList };

if (!customElements.get('taba-request-list')) customElements.define('taba-request-list', TabaRequestList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-request-list': TabaRequestList;
  }
}
