// The Deliveries section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `deliveriesSection.load()` imports the first time the section is shown.
export { TabaDeliveryList } from '../taba-delivery-list/taba-delivery-list.js';
export { TabaDeliveryTimeline } from '../taba-delivery-timeline/taba-delivery-timeline.js';
