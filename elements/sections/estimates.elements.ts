// The Estimates section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `estimatesSection.load()` imports the first time the section is shown.
export { TabaEstimateDetail } from '../taba-estimate-detail/taba-estimate-detail.js';
export { TabaEstimateList } from '../taba-estimate-list/taba-estimate-list.js';
