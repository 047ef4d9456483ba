import { html } from 'lit';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Profile: the contact and their customer. */
export const profileSection: PortalSectionDefinition<'profile'> = {
  id: 'profile',
  get label() {
    return msg('Profile', { id: 'section.profile' });
  },
  load: () => import('./profile.elements.js'),
  render: () => html`<taba-profile></taba-profile>`,
};
