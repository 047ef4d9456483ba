import { consume } from '@lit/context';
import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalDeliveryCard } from '../../sdk/contract/deliveries.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDateTime } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { strings } from '../shared/strings.js';
import { deliveryLinks, deliveryStatusBadge } from '../taba-delivery-timeline/delivery.template.js';
import { deliveryStyles } from '../taba-delivery-timeline/delivery.styles.js';
import { deliveryStrings } from '../taba-delivery-timeline/taba-delivery.strings.js';
import { deliveryListStyles } from './taba-delivery-list.styles.js';

/**
 * @tagname taba-delivery-list
 * @summary The deliveries to the signed-in contact's customer, as cards (carrier, tracking
 * reference, status, what it is for, last update), the most recent activity first; one page at a time.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * Show one delivery's timeline with `<taba-delivery-timeline delivery-id>` when the contact picks it.
 *
 * @event taba-delivery-select - The contact pressed "View tracking"; `event.detail.delivery` is the chosen `PortalDeliveryCard`.
 *
 * @csspart list - The list of deliveries.
 * @csspart card - One delivery.
 * @csspart title - The carrier (a heading).
 * @csspart status - The status badge in words, with `status-pending`, `status-scheduled`, `status-dispatched`, `status-in-transit`, `status-delivered` or `status-exception`.
 * @csspart tracking - The tracking reference.
 * @csspart links - What the delivery is for: `invoice`, `estimate` and `order`, those it has.
 * @csspart updated - When its latest tracking event happened (or, before any, when it was recorded).
 * @csspart select - The "View tracking" button.
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first delivery's button.
 * @csspart loading - Shown while the first page loads.
 * @csspart empty - Shown when there are no deliveries.
 * @csspart notice - Shown when no portal client is provided.
 * @csspart error - The alert shown when loading failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the error alert.
 *
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Card background.
 * @cssprop --taba-color-border - Card border.
 * @cssprop --taba-color-accent - Focus colour.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaDeliveryList extends LitElement {
  static override styles = [baseStyles, deliveryStyles, deliveryListStyles];

  /** How many deliveries to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #list = new PagedListController<PortalDeliveryCard>(this, {
    load: (client, query) => client.deliveries.list(query),
    labels: () => deliveryStrings,
    rowSelector: "[part~='card']",
    focusSelector: "[part~='select']",
  });

  /** Reloads the list from its first page. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override render(): unknown {
    return this.#list.render((deliveries, busy) => this.#renderDeliveries(deliveries, busy));
  }

  #renderDeliveries(deliveries: PortalDeliveryCard[], busy: boolean): TemplateResult {
    const text = deliveryStrings;
    if (deliveries.length === 0) return html`<p part="empty" role="status">${text.empty}</p>`;
    return html`
      <ul part="list" aria-label=${text.listLabel} aria-busy=${busy ? 'true' : 'false'}>
        ${deliveries.map((delivery) => html`<li part="card">${this.#renderCard(delivery)}</li>`)}
      </ul>
      ${this.#list.renderMore()}
    `;
  }

  #renderCard(delivery: PortalDeliveryCard): TemplateResult {
    const text = deliveryStrings;
    const time = delivery.lastEventAt ?? delivery.createdAt;
    const when = formatDateTime(time, strings.locale);
    return html`
      <div class="heading">
        <h3 part="title">${delivery.carrier}</h3>
        ${deliveryStatusBadge(delivery.status)}
      </div>
      <p part="tracking">${text.trackingReference(delivery.trackingReference)}</p>
      ${deliveryLinks(delivery)}
      <p part="updated">
        <time datetime=${time}>${delivery.lastEventAt ? text.lastUpdate(when) : text.recorded(when)}</time>
      </p>
      <button type="button" part="select" @click=${() => emit(this, 'taba-delivery-select', { delivery })}>
        ${text.view}<span class="visually-hidden"> ${text.title(delivery.carrier, delivery.trackingReference)}</span>
      </button>
    `;
  }
}
