import { TabaStatement } from './taba-statement.component.js';

export { TabaStatement };

if (!customElements.get('taba-statement')) customElements.define('taba-statement', TabaStatement);

declare global {
  interface HTMLElementTagNameMap {
    'taba-statement': TabaStatement;
  }
}
