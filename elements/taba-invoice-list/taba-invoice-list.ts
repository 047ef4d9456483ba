import { TabaInvoiceList } from './taba-invoice-list.component.js';

export { TabaInvoiceList };

if (!customElements.get('taba-invoice-list')) customElements.define('taba-invoice-list', TabaInvoiceList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-invoice-list': TabaInvoiceList;
  }
}
