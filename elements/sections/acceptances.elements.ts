// The Acceptances section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `acceptancesSection.load()` imports the first time the section is shown.
export { TabaAcceptanceCard } from '../taba-acceptance-card/taba-acceptance-card.js';
export { TabaAcceptanceList } from '../taba-acceptance-list/taba-acceptance-list.js';
export { TabaAcceptanceReview } from '../taba-acceptance-review/taba-acceptance-review.js';
