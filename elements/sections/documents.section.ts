import { html } from 'lit';
import type { PortalSectionDefinition } from './section.js';

// Defines the section's element, and exports its class from the package (elements/index.ts).
export { TabaDocumentList } from '../taba-document-list/taba-document-list.js';

/** Documents: every document shared on the customer's active projects. */
export const documentsSection: PortalSectionDefinition<'documents'> = {
  id: 'documents',
  label: 'Documents',
  render: () => html`<taba-document-list></taba-document-list>`,
};
