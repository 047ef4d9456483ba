// The package's elements entry: importing this module defines every taba element. Everything of the
// browser bundle's entry (the shell, sign-in, each section's definition, events, formatting, words) …
export * from './browser.js';
// … and each section's elements, which the browser bundle loads on demand (`<x>Section.load()`).
export * from './sections/acceptances.elements.js';
export * from './sections/deliveries.elements.js';
export * from './sections/documents.elements.js';
export * from './sections/estimates.elements.js';
export * from './sections/home.elements.js';
export * from './sections/invoices.elements.js';
export * from './sections/messages.elements.js';
export * from './sections/profile.elements.js';
export * from './sections/projects.elements.js';
export * from './sections/proposals.elements.js';
export * from './sections/requests.elements.js';
export * from './sections/statements.elements.js';
// Each section's words (the browser bundle leaves them to the section's chunk).
export { acceptanceStrings } from './taba-acceptance-card/acceptance.strings.js';
export { deliveryStrings, type DeliveryStrings } from './taba-delivery-timeline/taba-delivery.strings.js';
export { estimateStrings, type EstimateStrings } from './taba-estimate-list/taba-estimate.strings.js';
export { lineItemStrings, type LineItemStrings } from './taba-estimate-detail/line-items.strings.js';
export { homeStrings, type HomeStrings } from './taba-home/home.strings.js';
export { invoiceStrings, type InvoiceStrings } from './taba-invoice-list/taba-invoice.strings.js';
export { requestStrings, type RequestStrings } from './taba-request-progress/taba-request.strings.js';
export { statementStrings, type StatementStrings } from './taba-statement/taba-statement.strings.js';
// The shell's events for a host router and for widgets asking it to announce a change.
export { announce, type AnnounceEventDetail } from './taba-portal/announce.js';
export type { NavigateEventDetail } from './taba-portal/taba-portal.component.js';
