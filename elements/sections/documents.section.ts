import { html } from 'lit';
import type { PortalSectionDefinition } from './section.js';

/** Documents: every document shared on the customer's active projects. */
export const documentsSection: PortalSectionDefinition<'documents'> = {
  id: 'documents',
  label: 'Documents',
  load: () => import('./documents.elements.js'),
  render: () => html`<taba-document-list></taba-document-list>`,
};
