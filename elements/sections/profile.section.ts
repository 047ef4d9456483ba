import { html } from 'lit';
import type { PortalSectionDefinition } from './section.js';

// Defines the section's element, and exports its class from the package (elements/index.ts).
export { TabaProfile } from '../taba-profile/taba-profile.js';

/** Profile: the contact and their customer. */
export const profileSection: PortalSectionDefinition<'profile'> = {
  id: 'profile',
  label: 'Profile',
  render: () => html`<taba-profile></taba-profile>`,
};
