import { html, nothing } from 'lit';
import type { InvoiceEventDetail } from '../shared/events.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Invoices: the Outstanding and All tabs, and one invoice opened from them (to download, or to send proof of payment) with a Back button. */
export const invoicesSection: PortalSectionDefinition<'invoices'> = {
  id: 'invoices',
  get label() {
    return msg('Invoices', { id: 'section.invoices' });
  },
  load: () => import('./invoices.elements.js'),
  render(shell) {
    const invoiceId = shell.openItem?.id;
    return html`
      <taba-invoice-list
        ?hidden=${invoiceId !== undefined}
        @taba-invoice-select=${(event: CustomEvent<InvoiceEventDetail>) =>
          // The list that had focus steps aside: focus the opened invoice's heading (once it has loaded).
          shell.open({ id: event.detail.invoiceId }, 'taba-invoice-detail')}
      ></taba-invoice-list>
      ${invoiceId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${msg('Back to invoices', { id: 'invoice.backToInvoices' })}</button>
            <taba-invoice-detail invoice-id=${invoiceId}></taba-invoice-detail>
          `}
    `;
  },
  /** The list stays mounted behind the invoice; reload it for what changed there. */
  closed(shell) {
    void shell.root.querySelector('taba-invoice-list')?.refresh();
  },
};
