// The Profile section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `profileSection.load()` imports the first time the section is shown.
export { TabaProfile } from '../taba-profile/taba-profile.js';
