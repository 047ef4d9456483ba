import { msg } from '../shared/localize.js';

/**
 * The words of the lines table and totals that estimates and invoices share, in the portal's
 * language (ids `lineItems.*`; see elements/shared/strings.ts).
 */
export const lineItemStrings = {
  get tableLabel() { return msg('Lines', { id: 'lineItems.tableLabel' }); },
  get description() { return msg('Description', { id: 'lineItems.description' }); },
  get quantity() { return msg('Quantity', { id: 'lineItems.quantity' }); },
  get unitPrice() { return msg('Unit price', { id: 'lineItems.unitPrice' }); },
  get discount() { return msg('Discount', { id: 'lineItems.discount' }); },
  get tax() { return msg('Tax', { id: 'lineItems.tax' }); },
  get lineTotal() { return msg('Line total', { id: 'lineItems.lineTotal' }); },
  /** A discount or tax that is not charged on a line. */
  get none() { return msg('—', { id: 'lineItems.none' }); },
  get noLines() { return msg('No lines', { id: 'lineItems.noLines' }); },
  get totals() { return msg('Totals', { id: 'lineItems.totals' }); },
  get discountTotal() { return msg('Discounts applied', { id: 'lineItems.discountTotal' }); },
  get subtotal() { return msg('Subtotal', { id: 'lineItems.subtotal' }); },
  get taxTotal() { return msg('Tax', { id: 'lineItems.taxTotal' }); },
  get total() { return msg('Total', { id: 'lineItems.total' }); },
};

export type LineItemStrings = typeof lineItemStrings;
