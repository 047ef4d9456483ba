import { consume } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalRequestCard } from '../../sdk/contract/requests.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
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
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Card background.
 * @cssprop --taba-color-border - Card border, and the empty part of the progress bar.
 * @cssprop --taba-color-accent - The open tab, request titles, the filled part of the progress bar, hover and focus colour.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaRequestList extends LitElement {
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
    const next: Partial<Record<string, number>> = {
      ArrowRight: (index + 1) % TABS.length,
      ArrowLeft: (index - 1 + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.#select(TABS[target]!, true);
  };
}
