import { TabaDeliveryTimeline } from './taba-delivery-timeline.component.js';

export { TabaDeliveryTimeline };

if (!customElements.get('taba-delivery-timeline')) customElements.define('taba-delivery-timeline', TabaDeliveryTimeline);

declare global {
  interface HTMLElementTagNameMap {
    'taba-delivery-timeline': TabaDeliveryTimeline;
  }
}
