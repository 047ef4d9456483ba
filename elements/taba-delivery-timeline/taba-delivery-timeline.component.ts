import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalDelivery, PortalDeliveryEvent } from '../../sdk/contract/deliveries.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { formatDateTime } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { deliveryLinks, deliveryStatusBadge } from './delivery.template.js';
import { deliveryStyles } from './delivery.styles.js';
import { deliveryStrings } from './taba-delivery.strings.js';
import { deliveryTimelineStyles } from './taba-delivery-timeline.styles.js';

/**
 * @tagname taba-delivery-timeline
 * @summary One delivery to the signed-in contact's customer: carrier, tracking reference, status,
 * what it is for, and its tracking events as an ordered list, oldest first, each with what
 * happened, when, where, and the carrier's note.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`, and
 * `delivery-id` (`dlv_…`, e.g. from `<taba-delivery-list>`'s `taba-delivery-select`). A delivery
 * whose latest event is an exception says so in words at the top ("There is a problem with this
 * delivery") and each exception event says "Delivery problem" with its note, besides its colour.
 *
 * @csspart base - The delivery.
 * @csspart title - The carrier and tracking reference (a heading; `focus()` focuses it).
 * @csspart status - The status badge in words, with `status-<status>` (`status-in-transit`, `status-exception`, …).
 * @csspart links - What the delivery is for: `invoice`, `estimate` and `order`, those it has.
 * @csspart problem - The notice at the top while the latest event is an exception.
 * @csspart subheading - The heading above the events.
 * @csspart timeline - The ordered list of events, oldest first.
 * @csspart event - One event; also `event-<type>` (`event-in-transit`, `event-exception`, …).
 * @csspart event-type - What happened, in words.
 * @csspart event-marker - The "!" before an exception (hidden from screen readers; the words say it).
 * @csspart event-time - When it happened, in the reader's time zone.
 * @csspart event-location - Where, when the carrier said.
 * @csspart event-note - The carrier's note (an exception's always; "Problem:" before it).
 * @csspart loading - Shown while the delivery loads.
 * @csspart empty - Shown when the delivery has no tracking event yet.
 * @csspart notice - Shown when no portal client or no `delivery-id` is given.
 * @csspart error - The alert shown when loading failed (including a delivery that does not exist).
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
export class TabaDeliveryTimeline extends PortalElement {
  static override styles = [baseStyles, deliveryStyles, deliveryTimelineStyles];

  /** The delivery to show (`dlv_…`). */
  @property({ attribute: 'delivery-id' })
  accessor deliveryId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** Set by `focus()` before the delivery is shown: focus goes to it once it is. */
  #focusWhenShown = false;

  readonly #delivery = new Task(this, {
    args: () => [this.client, this.deliveryId] as const,
    task: async ([client, deliveryId]) => {
      if (!client || !deliveryId) return initialState;
      return client.deliveries.retrieve(deliveryId);
    },
  });

  /**
   * Focuses the delivery's heading, so that a screen reader reads what just opened. While it
   * loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#delivery.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#delivery.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override render(): unknown {
    const text = deliveryStrings;
    return this.#delivery.render({
      initial: () => html`<p part="notice">${this.client ? text.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(text.loadingOne),
      complete: (delivery) => this.#renderDelivery(delivery),
      error: (error) => errorAlert(error, text.loadOneFailed, () => void this.#delivery.run()),
    });
  }

  #renderDelivery(delivery: PortalDelivery): TemplateResult {
    const text = deliveryStrings;
    const problem = delivery.status === 'exception' ? delivery.events.findLast((event) => event.type === 'exception') : undefined;
    return html`
      <article part="base" aria-labelledby="title">
        <div class="heading">
          <h3 part="title" id="title" tabindex="-1">${text.title(delivery.carrier, delivery.trackingReference)}</h3>
          ${deliveryStatusBadge(delivery.status)}
        </div>
        ${deliveryLinks(delivery)}
        ${delivery.status === 'exception'
          ? html`<p part="problem">
              <strong>${text.problemNotice}</strong>${problem?.note ? html` ${problem.note}` : nothing}
            </p>`
          : nothing}
        <h4 id="timeline-heading" part="subheading">${text.timelineHeading}</h4>
        ${delivery.events.length === 0
          ? html`<p part="empty" role="status">${text.noEvents}</p>`
          : html`<ol part="timeline" aria-labelledby="timeline-heading">
              ${delivery.events.map((event) => this.#renderEvent(event))}
            </ol>`}
      </article>
    `;
  }

  #renderEvent(event: PortalDeliveryEvent): TemplateResult {
    const text = deliveryStrings;
    const exception = event.type === 'exception';
    return html`
      <li part="event event-${event.type.replace('_', '-')}">
        <p class="what">
          ${exception ? html`<span class="marker" part="event-marker" aria-hidden="true">!</span>` : nothing}
          <strong part="event-type">${text.eventType[event.type]}</strong>
          <time part="event-time" datetime=${event.occurredAt}>${formatDateTime(event.occurredAt)}</time>
        </p>
        ${event.location ? html`<p part="event-location">${text.location(event.location)}</p>` : nothing}
        ${event.note ? html`<p part="event-note" dir="auto">${exception ? text.problemNote(event.note) : event.note}</p>` : nothing}
      </li>
    `;
  }
}
