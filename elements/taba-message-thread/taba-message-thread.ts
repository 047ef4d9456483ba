import { TabaMessageThread } from './taba-message-thread.component.js';

export { TabaMessageThread };

if (!customElements.get('taba-message-thread')) customElements.define('taba-message-thread', TabaMessageThread);

declare global {
  interface HTMLElementTagNameMap {
    'taba-message-thread': TabaMessageThread;
  }
}
