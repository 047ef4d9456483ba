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
// The shell's events for a host router and for widgets asking it to announce a change.
export { announce, type AnnounceEventDetail } from './taba-portal/announce.js';
export type { NavigateEventDetail } from './taba-portal/taba-portal.component.js';
