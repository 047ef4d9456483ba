// The Proposals section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `proposalsSection.load()` imports the first time the section is shown.
export { TabaProposalDetail } from '../taba-proposal-detail/taba-proposal-detail.js';
export { TabaProposalList } from '../taba-proposal-list/taba-proposal-list.js';
