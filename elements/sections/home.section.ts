import { html } from 'lit';
import { homeStrings } from '../taba-home/home.strings.js';
import type { PortalSectionDefinition } from './section.js';

export { homeStrings, type HomeStrings } from '../taba-home/home.strings.js';

/**
 * Home: what needs the contact across every section (`<taba-home>`). Choosing an entry opens it in
 * its own section; `<taba-portal>` hears `taba-home-select` and does that, so this section keeps no
 * open item of its own.
 */
export const homeSection: PortalSectionDefinition<'home'> = {
  id: 'home',
  get label() {
    return homeStrings.label;
  },
  load: () => import('./home.elements.js'),
  render: () => html`<taba-home></taba-home>`,
};
