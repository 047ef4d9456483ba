import { TabaPortal } from './taba-portal.component.js';

export { TabaPortal };

if (!customElements.get('taba-portal')) customElements.define('taba-portal', TabaPortal);

declare global {
  interface HTMLElementTagNameMap {
    'taba-portal': TabaPortal;
  }
}
