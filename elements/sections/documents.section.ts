import { html } from 'lit';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Documents: every document shared on the customer's active projects. */
export const documentsSection: PortalSectionDefinition<'documents'> = {
  id: 'documents',
  get label() {
    return msg('Documents', { id: 'section.documents' });
  },
  load: () => import('./documents.elements.js'),
  render: () => html`<taba-document-list></taba-document-list>`,
};
