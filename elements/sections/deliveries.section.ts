import { html, nothing } from 'lit';
import type { DeliveryEventDetail } from '../shared/events.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/**
 * Deliveries: the list of deliveries, and one delivery's tracking timeline opened from it with a
 * Back button (`#/deliveries/dlv_…` with `routing="hash"`).
 */
export const deliveriesSection: PortalSectionDefinition<'deliveries'> = {
  id: 'deliveries',
  get label() {
    return msg('Deliveries', { id: 'section.deliveries' });
  },
  load: () => import('./deliveries.elements.js'),
  render(shell) {
    const deliveryId = shell.openItem?.id;
    return html`
      <taba-delivery-list
        ?hidden=${shell.openItem !== null}
        @taba-delivery-select=${(event: CustomEvent<DeliveryEventDetail>) =>
          // The list that had focus steps aside: focus the opened delivery's heading (once it has loaded).
          shell.open({ id: event.detail.delivery.id }, 'taba-delivery-timeline')}
      ></taba-delivery-list>
      ${deliveryId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${msg('Back to deliveries', { id: 'delivery.backToList' })}</button>
            <taba-delivery-timeline delivery-id=${deliveryId}></taba-delivery-timeline>
          `}
    `;
  },
  /** The list stays mounted behind the timeline; reload it for events that arrived meanwhile. */
  closed(shell) {
    void shell.root.querySelector('taba-delivery-list')?.refresh();
  },
};
