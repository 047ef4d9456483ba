import { html } from 'lit';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/**
 * Home: what needs the contact across every section (`<taba-home>`). Choosing an entry opens it in
 * its own section; `<taba-portal>` hears `taba-home-select` and does that, so this section keeps no
 * open item of its own.
 */
export const homeSection: PortalSectionDefinition<'home'> = {
  id: 'home',
  get label() {
    return msg('Home', { id: 'section.home' });
  },
  load: () => import('./home.elements.js'),
  render: () => html`<taba-home></taba-home>`,
};
