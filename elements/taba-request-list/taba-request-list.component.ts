import { consume } from '@lit/context';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalRequestCard } from '../../sdk/contract/requests.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { PortalElement, isRightToLeft } from '../shared/portal-element.js';
import { projectListStyles } from '../taba-project-list/taba-project-list.styles.js';
import { requestMeta, requestProgressBar } from '../taba-request-progress/request-progress.js';
import { requestSummaryStyles } from '../taba-request-progress/taba-request-progress.styles.js';
import { requestStrings } from '../taba-request-progress/taba-request.strings.js';
import { requestListStyles } from './taba-request-list.styles.js';

/** The tabs, in order: `open` (sent or in progress) and `completed` (completed or cancelled). */
const TABS = ['open', 'completed'] as const;
export type RequestTab = (typeof TABS)[number];

/**
 * @tagname taba-request-list
 * @summary The information requests the team sent the signed-in contact's customer, in two tabs:
 * Open (sent or in progress) and Completed (completed or cancelled), newest sent first, one page
 * at a time.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * The tabs follow the ARIA tabs pattern: Tab moves into the tab list and on to the requests;
 * Left and Right (and Home, End) move between the tabs and open them.
 *
 * @event taba-request-select - The contact opened a request (click, Enter or Space on its card);
 *   `event.detail.requestId` is its id and `event.detail.request` the `PortalRequestCard`.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - A tab; the open one also has `tab-selected`.
 * @csspart panel - A tab panel.
 * @csspart list - The grid of request cards.
 * @csspart card - One request.
 * @csspart name - The request's number and title (a heading holding the button that opens it; the whole card is its hit area).
 * @csspart open - The button inside the name that opens the request.
 * @csspart number - The request's number, e.g. `REQ-0001`.
 * @csspart meta - The line with the status, the project and the sent date.
 * @csspart status - The status badge, with `status-sent`, `status-in-progress`, `status-completed` or `status-cancelled`.
 * @csspart project - The project the request is about (absent when it is about none).
 * @csspart sent - The date the team sent the request.
 * @csspart progress - The label holding the progress text and bar; also `progress-none` (text only) when the request has no items.
 * @csspart progress-text - How many items were accepted, e.g. "2 of 5 accepted"; the bar's accessible name.
 * @csspart progress-bar - The `<progress>` bar: value accepted, max the item count.
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first request.
 * @csspart loading - Shown while the first page of a tab loads.
 * @csspart empty - Shown when a tab has no requests.
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
export class TabaRequestList extends PortalElement {
  // The same card grid as the projects' list.
  static override styles = [baseStyles, projectListStyles, requestSummaryStyles, requestListStyles];

  /** The open tab: `open` or `completed`. */
  @property({ reflect: true })
  accessor tab: RequestTab = 'open';

  /** How many requests to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #list = new PagedListController<PortalRequestCard, RequestTab>(this, {
    key: () => this.tab,
    load: (client, query, tab) => client.requests.list({ ...query, tab }),
    labels: () => requestStrings.list,
    rowSelector: "[part~='card']",
    focusSelector: "[part~='open']",
  });

  /** Reloads the open tab from its first page, e.g. after a request was answered. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override willUpdate(): void {
    if (!TABS.includes(this.tab)) this.tab = 'open';
  }

  override render(): unknown {
    if (!this.client) return this.#list.render(() => nothing);
    return html`
      <div part="tabs" role="tablist" aria-label=${requestStrings.list.tabsLabel} @keydown=${this.#onTabKeydown}>
        ${TABS.map((tab) => this.#renderTab(tab))}
      </div>
      ${TABS.map(
        (tab) => html`
          <div role="tabpanel" id="panel-${tab}" part="panel" aria-labelledby="tab-${tab}" ?hidden=${tab !== this.tab}>
            ${tab === this.tab ? this.#list.render((requests, busy) => this.#renderRequests(requests, busy)) : nothing}
          </div>
        `,
      )}
    `;
  }

  #renderTab(tab: RequestTab): TemplateResult {
    const selected = tab === this.tab;
    return html`
      <button
        type="button"
        role="tab"
        id="tab-${tab}"
        part=${selected ? 'tab tab-selected' : 'tab'}
        aria-selected=${selected ? 'true' : 'false'}
        aria-controls="panel-${tab}"
        tabindex=${selected ? '0' : '-1'}
        @click=${() => this.#select(tab, false)}
      >
        ${requestStrings.list[tab]}
      </button>
    `;
  }

  #renderRequests(requests: PortalRequestCard[], busy: boolean): TemplateResult {
    const text = requestStrings.list;
    if (requests.length === 0) {
      return html`<p part="empty" role="status">${this.tab === 'open' ? text.emptyOpen : text.emptyCompleted}</p>`;
    }
    return html`
      <ul part="list" aria-label=${text[this.tab]} aria-busy=${busy ? 'true' : 'false'}>
        ${requests.map(
          (request) => html`
            <li part="card">
              <h3 part="name">
                <button type="button" part="open" @click=${() => emit(this, 'taba-request-select', { requestId: request.id, request })}>
                  <span part="number">${request.number}</span> ${request.title}
                </button>
              </h3>
              ${requestMeta(request)} ${requestProgressBar(request)}
            </li>
          `,
        )}
      </ul>
      ${this.#list.renderMore()}
    `;
  }

  /** Opens `tab`; from the keyboard, focus follows to it. */
  #select(tab: RequestTab, focus: boolean): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  readonly #onTabKeydown = (event: KeyboardEvent): void => {
    const index = TABS.indexOf(this.tab);
    const step = isRightToLeft(this) ? -1 : 1;
    const next: Partial<Record<string, number>> = {
      // Right to left (Arabic), ArrowLeft moves on to the next tab.
      ArrowRight: (index + step + TABS.length) % TABS.length,
      ArrowLeft: (index - step + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.#select(TABS[target]!, true);
  };
}
