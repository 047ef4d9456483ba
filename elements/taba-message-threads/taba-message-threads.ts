import { TabaMessageThreads } from './taba-message-threads.component.js';

export { TabaMessageThreads };

if (!customElements.get('taba-message-threads')) customElements.define('taba-message-threads', TabaMessageThreads);

declare global {
  interface HTMLElementTagNameMap {
    'taba-message-threads': TabaMessageThreads;
  }
}
