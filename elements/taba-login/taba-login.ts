import { TabaLogin } from './taba-login.component.js';

export { TabaLogin };

if (!customElements.get('taba-login')) customElements.define('taba-login', TabaLogin);

declare global {
  interface HTMLElementTagNameMap {
    'taba-login': TabaLogin;
  }
}
