import { consume } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalInvoiceCard } from '../../sdk/contract/invoices.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { projectListStyles } from '../taba-project-list/taba-project-list.styles.js';
import { requestListStyles } from '../taba-request-list/taba-request-list.styles.js';
import { invoiceMeta, invoiceStatusStyles, invoiceTitle } from './invoice-card.js';
import { invoiceStrings } from './taba-invoice.strings.js';

/** The tabs, in order: `outstanding` (open, partially paid, overdue) and `all`. */
const TABS = ['outstanding', 'all'] as const;
export type InvoiceTab = (typeof TABS)[number];

/**
 * @tagname taba-invoice-list
 * @summary The invoices the team issued to the signed-in contact's customer, in two tabs:
 * Outstanding (open, partially paid or overdue) and All, newest issue date first, one page at a time.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * The tabs follow the ARIA tabs pattern: Tab moves into the tab list and on to the invoices;
 * Left and Right (and Home, End) move between the tabs and open them. Amounts are shown in the
 * invoice's currency and `strings.locale`; an overdue invoice says so in its badge and its due date.
 *
 * @event taba-invoice-select - The contact opened an invoice (click, Enter or Space on its card);
 *   `event.detail.invoiceId` is its id and `event.detail.invoice` the `PortalInvoiceCard`.
 *
 * @csspart tabs - The tab list.
 * @csspart tab - A tab; the open one also has `tab-selected`.
 * @csspart panel - A tab panel.
 * @csspart list - The grid of invoice cards.
 * @csspart card - One invoice.
 * @csspart name - "Invoice" and its number (a heading holding the button that opens it; the whole card is its hit area).
 * @csspart open - The button inside the name that opens the invoice.
 * @csspart number - The invoice's number, e.g. `INV-0001`.
 * @csspart meta - The line with the status, the total, the amount due, the due date and the project.
 * @csspart status - The status badge, with `status-open`, `status-partially-paid`, `status-paid`, `status-overdue` or `status-void`.
 * @csspart total - The invoice's total in its currency.
 * @csspart amount-due - What is still due (absent when nothing is, and on a void invoice).
 * @csspart due - The due date (absent once paid or void); also `due-overdue`, in red and worded "Was due …", when overdue.
 * @csspart project - The project the invoice is for (absent when it is for none).
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first invoice.
 * @csspart loading - Shown while the first page of a tab loads.
 * @csspart empty - Shown when a tab has no invoices.
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
 * @cssprop --taba-color-accent - The open tab, invoice numbers, hover and focus colour.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border, and the due date of an overdue invoice.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaInvoiceList extends LitElement {
  // The same card grid as the projects' list, and the same tabs as the requests'.
  static override styles = [baseStyles, projectListStyles, requestListStyles, invoiceStatusStyles];

  /** The open tab: `outstanding` or `all`. */
  @property({ reflect: true })
  accessor tab: InvoiceTab = 'outstanding';

  /** How many invoices to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #list = new PagedListController<PortalInvoiceCard, InvoiceTab>(this, {
    key: () => this.tab,
    load: (client, query, tab) => client.invoices.list({ ...query, tab }),
    labels: () => invoiceStrings.list,
    rowSelector: "[part~='card']",
    focusSelector: "[part~='open']",
  });

  /** Reloads the open tab from its first page, e.g. after a payment proof was sent. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override willUpdate(): void {
    if (!TABS.includes(this.tab)) this.tab = 'outstanding';
  }

  override render(): unknown {
    if (!this.client) return this.#list.render(() => nothing);
    return html`
      <div part="tabs" role="tablist" aria-label=${invoiceStrings.list.tabsLabel} @keydown=${this.#onTabKeydown}>
        ${TABS.map((tab) => this.#renderTab(tab))}
      </div>
      ${TABS.map(
        (tab) => html`
          <div role="tabpanel" id="panel-${tab}" part="panel" aria-labelledby="tab-${tab}" ?hidden=${tab !== this.tab}>
            ${tab === this.tab ? this.#list.render((invoices, busy) => this.#renderInvoices(invoices, busy)) : nothing}
          </div>
        `,
      )}
    `;
  }

  #renderTab(tab: InvoiceTab): TemplateResult {
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
        ${invoiceStrings.list[tab]}
      </button>
    `;
  }

  #renderInvoices(invoices: PortalInvoiceCard[], busy: boolean): TemplateResult {
    const text = invoiceStrings.list;
    if (invoices.length === 0) {
      return html`<p part="empty" role="status">${this.tab === 'outstanding' ? text.emptyOutstanding : text.emptyAll}</p>`;
    }
    return html`
      <ul part="list" aria-label=${text[this.tab]} aria-busy=${busy ? 'true' : 'false'}>
        ${invoices.map(
          (invoice) => html`
            <li part="card">
              <h3 part="name">
                <button type="button" part="open" @click=${() => emit(this, 'taba-invoice-select', { invoiceId: invoice.id, invoice })}>
                  ${invoiceTitle(invoice)}
                </button>
              </h3>
              ${invoiceMeta(invoice)}
            </li>
          `,
        )}
      </ul>
      ${this.#list.renderMore()}
    `;
  }

  /** Opens `tab`; from the keyboard, focus follows to it. */
  #select(tab: InvoiceTab, focus: boolean): void {
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
