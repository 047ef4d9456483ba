import { TabaInvoiceDetail } from './taba-invoice-detail.component.js';

export { TabaInvoiceDetail };

if (!customElements.get('taba-invoice-detail')) customElements.define('taba-invoice-detail', TabaInvoiceDetail);

declare global {
  interface HTMLElementTagNameMap {
    'taba-invoice-detail': TabaInvoiceDetail;
  }
}
