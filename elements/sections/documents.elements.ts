// The Documents section's elements: importing this module defines them and exports their classes (from
// the package through elements/index.ts). The browser bundle keeps it in a chunk of its own, which
// `documentsSection.load()` imports the first time the section is shown.
export { TabaDocumentList } from '../taba-document-list/taba-document-list.js';
