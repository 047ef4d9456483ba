import { TabaProfile } from './taba-profile.component.js';

export { TabaProfile };

if (!customElements.get('taba-profile')) customElements.define('taba-profile', TabaProfile);

declare global {
  interface HTMLElementTagNameMap {
    'taba-profile': TabaProfile;
  }
}
