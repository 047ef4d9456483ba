import { html } from 'lit';
import type { PortalSectionDefinition } from './section.js';

/** Profile: the contact and their customer. */
export const profileSection: PortalSectionDefinition<'profile'> = {
  id: 'profile',
  label: 'Profile',
  load: () => import('./profile.elements.js'),
  render: () => html`<taba-profile></taba-profile>`,
};
