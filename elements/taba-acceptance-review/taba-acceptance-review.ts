import { TabaAcceptanceReview } from './taba-acceptance-review.component.js';

export { TabaAcceptanceReview };

if (!customElements.get('taba-acceptance-review')) customElements.define('taba-acceptance-review', TabaAcceptanceReview);

declare global {
  interface HTMLElementTagNameMap {
    'taba-acceptance-review': TabaAcceptanceReview;
  }
}
