/**
 * The words of the lines table and totals that estimates and invoices share. To localise, replace
 * values before the elements render, e.g. `Object.assign(lineItemStrings, { quantity: 'Menge' })`.
 */
export const lineItemStrings = {
  tableLabel: 'Lines',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  discount: 'Discount',
  tax: 'Tax',
  lineTotal: 'Line total',
  /** A discount or tax that is not charged on a line. */
  none: '—',
  noLines: 'No lines',
  totals: 'Totals',
  discountTotal: 'Discounts applied',
  subtotal: 'Subtotal',
  taxTotal: 'Tax',
  total: 'Total',
};

export type LineItemStrings = typeof lineItemStrings;
