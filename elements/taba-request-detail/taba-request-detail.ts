import { TabaRequestDetail } from './taba-request-detail.component.js';

export { TabaRequestDetail };

if (!customElements.get('taba-request-detail')) customElements.define('taba-request-detail', TabaRequestDetail);

declare global {
  interface HTMLElementTagNameMap {
    'taba-request-detail': TabaRequestDetail;
  }
}
