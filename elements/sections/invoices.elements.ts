// The Invoices section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `invoicesSection.load()` imports the first time the section is shown.
export { TabaInvoiceDetail } from '../taba-invoice-detail/taba-invoice-detail.js';
export { TabaInvoiceList } from '../taba-invoice-list/taba-invoice-list.js';
export { TabaPaymentProofForm } from '../taba-payment-proof-form/taba-payment-proof-form.js';
