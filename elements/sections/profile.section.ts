import { html } from 'lit';
import { strings } from '../shared/strings.js';
import '../taba-profile/taba-profile.js';
import type { PortalSectionDefinition } from './section.js';

/** Profile: the contact and their customer. */
export const profileSection: PortalSectionDefinition<'profile'> = {
  id: 'profile',
  get label() {
    return strings.portal.sections.profile;
  },
  render: () => html`<taba-profile></taba-profile>`,
};
