import { TabaAcceptanceCard } from './taba-acceptance-card.component.js';

export { TabaAcceptanceCard };

if (!customElements.get('taba-acceptance-card')) customElements.define('taba-acceptance-card', TabaAcceptanceCard);

declare global {
  interface HTMLElementTagNameMap {
    'taba-acceptance-card': TabaAcceptanceCard;
  }
}
