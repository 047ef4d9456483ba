// The Messages section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `messagesSection.load()` imports the first time the section is shown.
export { TabaMessageThread } from '../taba-message-thread/taba-message-thread.js';
export { TabaMessageThreads } from '../taba-message-threads/taba-message-threads.js';
