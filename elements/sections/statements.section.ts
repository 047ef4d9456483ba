import { html } from 'lit';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Statement: the customer's statement of account for a period and currency, with PDF and CSV downloads. */
export const statementsSection: PortalSectionDefinition<'statements'> = {
  id: 'statements',
  get label() {
    return msg('Statement', { id: 'section.statements' });
  },
  load: () => import('./statements.elements.js'),
  render: () => html`<taba-statement></taba-statement>`,
};
