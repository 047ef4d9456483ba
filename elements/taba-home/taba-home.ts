import { TabaHome } from './taba-home.component.js';

export { TabaHome };

if (!customElements.get('taba-home')) customElements.define('taba-home', TabaHome);

declare global {
  interface HTMLElementTagNameMap {
    'taba-home': TabaHome;
  }
}
