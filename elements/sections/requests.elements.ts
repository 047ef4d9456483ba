// The Requests section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `requestsSection.load()` imports the first time the section is shown.
export { TabaRequestDetail } from '../taba-request-detail/taba-request-detail.js';
export { TabaRequestList } from '../taba-request-list/taba-request-list.js';
export { TabaRequestProgress } from '../taba-request-progress/taba-request-progress.js';
