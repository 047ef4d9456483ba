import { consume } from '@lit/context';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalDeliveryCard } from '../../sdk/contract/deliveries.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDateTime } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { PortalElement } from '../shared/portal-element.js';
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
 * @attr {'light' | 'dark'} theme - The colour theme. Without it the element follows the `<taba-portal>` (or other element) it is in, else `--taba-color-scheme`, else the system's (`prefers-color-scheme`). See docs/theming.md.
 *
 * @cssprop --taba-color-scheme - The themes followed without a `theme` attribute: `light dark` (the system's), `light` or `dark`.
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-line-height - Line height of text.
 * @cssprop --taba-color-background - The element's own background (in light, none: the page shows through).
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Labels, dates and other secondary text.
 * @cssprop --taba-color-surface - Background of cards, rows, tables, buttons and fields.
 * @cssprop --taba-color-border - Borders of cards, rows, tables and buttons.
 * @cssprop --taba-color-field-border - Borders of text fields and selects (at least 3:1 against the surface).
 * @cssprop --taba-color-accent - Titles that open an item, links, primary buttons, the current tab.
 * @cssprop --taba-color-on-accent - Text on the accent: primary buttons, unread counts.
 * @cssprop --taba-color-accent-surface - A background tinted with the accent: a proof just sent, the team's messages.
 * @cssprop --taba-color-team-surface - Background of the team's messages and comments (defaults to the accent surface).
 * @cssprop --taba-color-focus - Focus ring (defaults to the accent).
 * @cssprop --taba-color-danger - Errors, overdue dates, the confirm-decline button.
 * @cssprop --taba-color-on-danger - Text on the danger colour.
 * @cssprop --taba-color-danger-surface - Background of error alerts and of declined, overdue or returned badges.
 * @cssprop --taba-color-warning - Text of waiting badges (pending, sent, awaiting response) and "expires soon".
 * @cssprop --taba-color-warning-surface - Background of those.
 * @cssprop --taba-color-success - Text of done badges (accepted, approved, paid, delivered).
 * @cssprop --taba-color-success-surface - Background of those.
 * @cssprop --taba-color-info - Text of moving badges (open, in progress, under review, in transit).
 * @cssprop --taba-color-info-surface - Background of those.
 * @cssprop --taba-color-neutral - Text of finished badges and notes (expired, void, cancelled, closed).
 * @cssprop --taba-color-neutral-surface - Background of those.
 * @cssprop --taba-radius - Corner radius of cards, buttons and fields.
 * @cssprop --taba-radius-badge - Corner radius of badges (a pill by default).
 * @cssprop --taba-space - Inner spacing of cards, alerts and notes.
 */
export class TabaDeliveryList extends PortalElement {
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
    const when = formatDateTime(time);
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
