// The Home section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `homeSection.load()` imports the first time the section is shown.
export { TabaHome } from '../taba-home/taba-home.js';
export type { HomeSelectEventDetail } from '../taba-home/taba-home.component.js';
