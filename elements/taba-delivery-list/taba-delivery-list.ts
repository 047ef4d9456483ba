import { TabaDeliveryList } from './taba-delivery-list.component.js';

export { TabaDeliveryList };

if (!customElements.get('taba-delivery-list')) customElements.define('taba-delivery-list', TabaDeliveryList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-delivery-list': TabaDeliveryList;
  }
}
