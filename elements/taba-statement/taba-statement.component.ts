import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalStatement, PortalStatementPageQuery, PortalStatementQuery, StatementEntry } from '../../sdk/contract/statements.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatDateTime, formatDay, formatMoney } from '../shared/format.js';
import { openLink } from '../shared/open-link.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { invoiceStrings } from '../taba-invoice-list/taba-invoice.strings.js';
import { statementStrings } from './taba-statement.strings.js';
import { statementStyles } from './taba-statement.styles.js';

type Download = 'pdf' | 'csv';

/** How many entries each page of the statement asks for. */
const PAGE_SIZE = 100;

/** The further pages of entries appended to one first page, and how the next one is going. */
interface FurtherPages {
  /** The first page (the statement shown) these continue; with another first page they are dropped. */
  first: PortalStatement;
  /** The entries the further pages brought, in order. */
  entries: StatementEntry[];
  /** The cursor of the page after the last one loaded; null when every entry is shown. */
  nextCursor: string | null;
  loading: boolean;
  /** Why the next page could not be loaded (wrapped: anything can be thrown). */
  failure: { error: unknown } | null;
  /** What the live region says, e.g. "100 more entries shown". */
  announcement: string;
  /** The index among all rows of the first row the last further page brought. */
  firstNewRow: number | null;
}

/** `YYYY-MM-DD` of a local date. */
function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The preset periods, up to today (the contact's own calendar day). */
function presetPeriod(preset: 'this-year' | 'last-12-months', today = new Date()): { from: string; to: string } {
  const to = isoDay(today);
  if (preset === 'this-year') return { from: `${today.getFullYear()}-01-01`, to };
  // Twelve calendar months with this one: from the first of the month eleven months back.
  return { from: isoDay(new Date(today.getFullYear(), today.getMonth() - 11, 1)), to };
}

/**
 * @tagname taba-statement
 * @summary The signed-in contact's statement of account: for a period and a currency, the opening
 * balance, every invoice and payment with the running balance, the closing balance, what is
 * outstanding by age, and the same statement as a PDF or CSV download.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * Without `currency`, `from` and `to` the server's defaults apply (the currency of the most recent
 * invoice, the last twelve calendar months); the contact changes them with the form (currency,
 * From and To dates, "Show statement") or the "This year" and "Last 12 months" buttons. Amounts are
 * in the statement's currency; dates are calendar days, shown the same in every time zone.
 * The balances and aging are the whole period's; the entries come 100 at a time, each with its
 * running balance, and "Show more entries" appends the next 100. A new currency or period starts
 * again from the first page. The downloads always hold every entry.
 *
 * @csspart controls - The form choosing the currency and period.
 * @csspart legend - The period fields' legend.
 * @csspart label - A field's label (currency, From, To), holding the field.
 * @csspart currency - The currency select.
 * @csspart from - The From date field.
 * @csspart to - The To date field.
 * @csspart show - The "Show statement" button.
 * @csspart period-error - Why the period cannot be shown (a date missing, From after To).
 * @csspart presets - The group of preset period buttons.
 * @csspart preset - A preset period button ("This year", "Last 12 months").
 * @csspart title - The statement's heading: customer and currency.
 * @csspart period - The period shown, and when the statement was generated.
 * @csspart summary - The balances: opening, invoiced, paid, closing (and credit, when the customer paid ahead).
 * @csspart opening-balance - The opening balance's amount.
 * @csspart invoiced - The amount invoiced in the period.
 * @csspart paid - The amount paid in the period.
 * @csspart closing-balance - The closing balance's amount.
 * @csspart credit - What the customer paid ahead, when anything.
 * @csspart entries-scroll - The scrollable region holding the entries table.
 * @csspart caption - The entries table's caption.
 * @csspart entries - The table of invoices and payments, oldest first.
 * @csspart entry - One row of it; also `entry-invoice` or `entry-payment`.
 * @csspart more - Under the table while not every entry is shown: the "Show more entries" button,
 *   or the alert with Retry when the next page failed.
 * @csspart load-more - The "Show more entries" button ("Loading more entries…" while it loads); it
 *   appends the next page of entries (100 at a time) and keeps focus while more remain. Once the
 *   last page arrives it is gone and focus moves to that page's first row.
 * @csspart more-status - A visually hidden live region saying how many entries a further page added.
 * @csspart aging-heading - The heading of the aging.
 * @csspart aging - What is outstanding at the end of the period, by days overdue; each amount is `aging-current`, `aging-days1To30`, `aging-days31To60`, `aging-days61To90` or `aging-days90Plus`.
 * @csspart downloads - The download buttons.
 * @csspart download-pdf - The "Download PDF" button.
 * @csspart download-csv - The "Download CSV" button.
 * @csspart loading - Shown while the statement loads.
 * @csspart empty - Shown when there are no invoices at all, or none and no payments in the period.
 * @csspart notice - Shown when no portal client is provided.
 * @csspart error - The alert shown when loading or a download failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the loading error alert.
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
export class TabaStatement extends PortalElement {
  static override styles = [baseStyles, statementStyles];

  /** The currency to show first (ISO 4217, e.g. `EUR`); default: the one of the most recent invoice. */
  @property()
  accessor currency: string | undefined;

  /** The first day to show first (`YYYY-MM-DD`); default: twelve calendar months back. */
  @property()
  accessor from: string | undefined;

  /** The last day to show first (`YYYY-MM-DD`); default: today. */
  @property()
  accessor to: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** What the contact chose with the form or a preset; `undefined` follows the attributes. */
  @state()
  private accessor chosen: PortalStatementQuery | undefined;

  /** Why the form's period was not asked for, said next to it. */
  @state()
  private accessor periodError: string | null = null;

  @state()
  private accessor downloading: Download | null = null;

  @state()
  private accessor downloadFailure: unknown = null;

  /** Entries appended with "Show more entries"; only those continuing the statement shown count. */
  @state()
  private accessor further: FurtherPages | null = null;

  readonly #statement = new Task(this, {
    args: () => [this.client, this.#query.currency, this.#query.from, this.#query.to] as const,
    task: async ([client, currency, from, to]) => {
      if (!client) return initialState;
      const query: PortalStatementPageQuery = { limit: PAGE_SIZE };
      if (currency) query.currency = currency;
      if (from) query.from = from;
      if (to) query.to = to;
      return client.statement.retrieve(query);
    },
  });

  get #query(): PortalStatementQuery {
    return this.chosen ?? { currency: this.currency, from: this.from, to: this.to };
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // New attributes or a new session start again from what the page asked for.
    if (changed.has('currency') || changed.has('from') || changed.has('to') || changed.has('client')) {
      if (this.hasUpdated) this.chosen = undefined;
      this.downloadFailure = null;
    }
  }

  /** The further pages continuing `statement`, if any were asked for. */
  #furtherOf(statement: PortalStatement): FurtherPages | null {
    return this.further?.first === statement ? this.further : null;
  }

  override render(): unknown {
    if (!this.client) return html`<p part="notice">${strings.common.notConnected}</p>`;
    const text = statementStrings;
    // The last statement shown keeps the form in place while another loads or fails.
    const shown = this.#statement.value;
    return html`
      ${shown && shown.currencies.length > 0 ? this.#renderControls(shown) : nothing}
      ${this.#statement.render({
        pending: () => loadingStatus(text.loading),
        complete: (statement) => this.#renderStatement(statement),
        error: (error) => errorAlert(error, text.loadFailed, () => void this.#statement.run()),
      })}
    `;
  }

  #renderControls(shown: PortalStatement): TemplateResult {
    const text = statementStrings;
    const currencies = shown.currencies.includes(shown.currency) ? shown.currencies : [shown.currency, ...shown.currencies];
    const loading = this.#statement.status === TaskStatus.PENDING;
    return html`
      <form part="controls" novalidate @submit=${this.#onSubmit}>
        <fieldset>
          <legend part="legend">${text.periodLegend}</legend>
          <label>
            <span>${text.currency}</span>
            <select part="currency" name="currency" .value=${shown.currency}>
              ${currencies.map((code) => html`<option value=${code} ?selected=${code === shown.currency}>${code}</option>`)}
            </select>
          </label>
          <label>
            <span>${text.from}</span>
            <input
              part="from"
              type="date"
              name="from"
              required
              .value=${shown.from}
              aria-invalid=${this.periodError ? 'true' : 'false'}
              aria-describedby=${this.periodError ? 'period-error' : nothing}
            />
          </label>
          <label>
            <span>${text.to}</span>
            <input
              part="to"
              type="date"
              name="to"
              required
              .value=${shown.to}
              aria-invalid=${this.periodError ? 'true' : 'false'}
              aria-describedby=${this.periodError ? 'period-error' : nothing}
            />
          </label>
          <button part="show" class="primary" type="submit" aria-disabled=${loading ? 'true' : 'false'}>${text.show}</button>
        </fieldset>
        ${this.periodError ? html`<p part="period-error" id="period-error" role="alert">${this.periodError}</p>` : nothing}
        <div part="presets" role="group" aria-label=${text.presetsLabel}>
          <button part="preset" type="button" @click=${() => this.#choosePreset('this-year')}>${text.thisYear}</button>
          <button part="preset" type="button" @click=${() => this.#choosePreset('last-12-months')}>${text.last12Months}</button>
        </div>
      </form>
    `;
  }

  #renderStatement(statement: PortalStatement): TemplateResult {
    const text = statementStrings;
    if (statement.currencies.length === 0) return html`<p part="empty" role="status">${text.noInvoices}</p>`;
    const money = (amount: number) => formatMoney(amount, statement.currency);
    const from = formatDay(statement.from);
    const to = formatDay(statement.to);
    return html`
      <section aria-labelledby="title">
        <h3 part="title" id="title">${text.title(statement.customerName, statement.currency)}</h3>
        <p part="period">
          ${text.periodShown(from, to)} · ${text.generatedAt(formatDateTime(statement.generatedAt))}
        </p>
        <dl part="summary" aria-label=${text.summaryLabel}>
          <div><dt>${text.openingBalance(from)}</dt><dd part="opening-balance">${money(statement.openingBalance)}</dd></div>
          <div><dt>${text.invoiced}</dt><dd part="invoiced">${money(statement.invoicedTotal)}</dd></div>
          <div><dt>${text.paid}</dt><dd part="paid">${money(statement.paidTotal)}</dd></div>
          <div><dt>${text.closingBalance(to)}</dt><dd part="closing-balance">${money(statement.closingBalance)}</dd></div>
          ${statement.credit > 0
            ? html`<div><dt>${text.credit}</dt><dd part="credit">${money(statement.credit)}</dd></div>`
            : nothing}
        </dl>
        ${statement.entries.length === 0
          ? html`<p part="empty" role="status">${text.emptyPeriod}</p>`
          : html`${this.#renderEntries(statement, from, to, money)} ${this.#renderMore(statement)}`}
        <h4 part="aging-heading" id="aging-heading">${text.agingHeading(to)}</h4>
        <dl part="aging" aria-labelledby="aging-heading">
          ${(['current', 'days1To30', 'days31To60', 'days61To90', 'days90Plus'] as const).map(
            (bucket) => html`<div><dt>${text.aging[bucket]}</dt><dd part="aging-${bucket}">${money(statement.aging[bucket])}</dd></div>`,
          )}
        </dl>
        ${this.downloadFailure ? errorAlert(this.downloadFailure, text.downloadFailed) : nothing}
        <div part="downloads" role="group" aria-label=${text.downloadsLabel}>
          ${this.#downloadButton(statement, 'pdf')} ${this.#downloadButton(statement, 'csv')}
        </div>
      </section>
    `;
  }

  #renderEntries(statement: PortalStatement, from: string, to: string, money: (amount: number) => string): TemplateResult {
    const text = statementStrings;
    const amount = (value: number) => (value === 0 ? '' : money(value));
    const further = this.#furtherOf(statement);
    const entries = further ? [...statement.entries, ...further.entries] : statement.entries;
    return html`
      <div part="entries-scroll" role="region" aria-labelledby="entries-caption" tabindex="0">
        <table part="entries">
          <caption id="entries-caption" part="caption">${text.entriesCaption(from, to)}</caption>
          <thead>
            <tr>
              <th scope="col">${text.date}</th>
              <th scope="col">${text.reference}</th>
              <th scope="col">${text.description}</th>
              <th scope="col" class="amount">${text.debit}</th>
              <th scope="col" class="amount">${text.creditColumn}</th>
              <th scope="col" class="amount">${text.balance}</th>
            </tr>
          </thead>
          <tbody>
            ${entries.map(
              (entry: StatementEntry, index) => html`
                <tr part="entry entry-${entry.kind}" tabindex=${index === further?.firstNewRow ? '-1' : nothing}>
                  <td><time datetime=${entry.date}>${formatDay(entry.date)}</time></td>
                  <td>${entry.reference}</td>
                  <td><span class="visually-hidden">${text.kind[entry.kind]}: </span>${describe(entry)}</td>
                  <td class="amount">${amount(entry.debit)}</td>
                  <td class="amount">${amount(entry.credit)}</td>
                  <td class="amount">${money(entry.balance)}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  /** The button appending the next page, or why it failed; and the live region saying what was added. */
  #renderMore(statement: PortalStatement): TemplateResult {
    const text = statementStrings;
    const further = this.#furtherOf(statement);
    const cursor = further ? further.nextCursor : statement.nextCursor;
    const loading = further?.loading ?? false;
    const failure = further?.failure ?? null;
    return html`
      ${cursor
        ? html`<div part="more">
            ${failure
              ? errorAlert(failure.error, text.loadMoreFailed, () => void this.#loadMore(statement, cursor))
              : html`<button
                  part="load-more"
                  type="button"
                  aria-disabled=${loading ? 'true' : 'false'}
                  @click=${() => void this.#loadMore(statement, cursor)}
                >
                  ${loading ? text.loadingMore : text.loadMore}
                </button>`}
          </div>`
        : nothing}
      <p part="more-status" class="visually-hidden" role="status">${further?.announcement ?? ''}</p>
    `;
  }

  /** Whether focus is under the table (on the button, or Retry), which the next render may replace. */
  #focusOnMore(): boolean {
    return !!this.shadowRoot?.activeElement?.closest("[part~='more']");
  }

  /** Asks for the page after `cursor` with the statement's own currency and period, and appends its entries. */
  async #loadMore(statement: PortalStatement, cursor: string): Promise<void> {
    const client = this.client;
    const before = this.#furtherOf(statement);
    // aria-disabled rather than disabled, so the button keeps focus while the page loads.
    if (!client || before?.loading) return;
    const shown: FurtherPages = before ?? { first: statement, entries: [], nextCursor: cursor, loading: false, failure: null, announcement: '', firstNewRow: null };
    const fromRetry = shown.failure !== null && this.#focusOnMore();
    this.further = { ...shown, loading: true, failure: null, announcement: '' };
    // From Retry, focus goes on to the busy button that takes its place.
    if (fromRetry) focusAfterUpdate(this, "[part~='load-more']");
    // The statement's own currency and period: the server's defaults, once chosen, stay put.
    const query = { currency: statement.currency, from: statement.from, to: statement.to, limit: PAGE_SIZE, cursor };
    let page: PortalStatement;
    try {
      page = await client.statement.retrieve(query);
    } catch (error) {
      if (!this.#stillShown(statement, client)) return;
      const hadFocus = this.#focusOnMore();
      this.further = { ...shown, loading: false, failure: { error }, announcement: '' };
      if (hadFocus) focusAfterUpdate(this, "[part~='more'] [part~='retry']");
      return;
    }
    // A page that arrives after another statement was asked for continues one no longer shown.
    if (!this.#stillShown(statement, client)) return;
    const hadFocus = this.#focusOnMore();
    this.further = {
      first: statement,
      entries: [...shown.entries, ...page.entries],
      nextCursor: page.nextCursor,
      loading: false,
      failure: null,
      announcement: statementStrings.moreShown(page.entries.length),
      firstNewRow: statement.entries.length + shown.entries.length,
    };
    // While more remain, focus stays on the button; on the last page the button is gone, so focus
    // moves to the first row this page brought.
    if (hadFocus && !page.nextCursor) focusAfterUpdate(this, "[part~='entry'][tabindex='-1']");
  }

  #stillShown(statement: PortalStatement, client: PortalApi): boolean {
    return this.client === client && this.#statement.status === TaskStatus.COMPLETE && this.#statement.value === statement;
  }

  #downloadButton(statement: PortalStatement, kind: Download): TemplateResult {
    const text = statementStrings;
    const busy = this.downloading === kind;
    const label = kind === 'pdf' ? (busy ? text.preparingPdf : text.downloadPdf) : busy ? text.preparingCsv : text.downloadCsv;
    return html`<button
      part="download-${kind}"
      type="button"
      aria-disabled=${this.downloading ? 'true' : 'false'}
      @click=${() => void this.#download(statement, kind)}
    >
      ${label}
    </button>`;
  }

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const currency = String(data.get('currency') ?? '');
    const from = String(data.get('from') ?? '');
    const to = String(data.get('to') ?? '');
    if (!from || !to) this.periodError = statementStrings.datesRequired;
    else if (from > to) this.periodError = statementStrings.fromAfterTo;
    else this.periodError = null;
    if (this.periodError) {
      focusAfterUpdate(this, from ? "[part~='to']" : "[part~='from']");
      return;
    }
    if (this.#statement.status === TaskStatus.PENDING) return;
    this.#choose({ currency, from, to });
  };

  #choosePreset(preset: 'this-year' | 'last-12-months'): void {
    const currency = this.#statement.value?.currency ?? this.#query.currency;
    this.periodError = null;
    this.#choose({ ...(currency ? { currency } : {}), ...presetPeriod(preset) });
  }

  #choose(query: PortalStatementQuery): void {
    this.downloadFailure = null;
    const current = this.#query;
    // The same period again reloads it (the contact asked to see it now).
    if (current.currency === query.currency && current.from === query.from && current.to === query.to) void this.#statement.run();
    this.chosen = query;
  }

  async #download(statement: PortalStatement, kind: Download): Promise<void> {
    const client = this.client;
    if (!client || this.downloading) return;
    this.downloading = kind;
    this.downloadFailure = null;
    const query = { currency: statement.currency, from: statement.from, to: statement.to };
    try {
      const file = kind === 'pdf' ? await client.statement.pdf(query) : await client.statement.csv(query);
      const url = URL.createObjectURL(file);
      openLink(url, `${statementStrings.fileName(statement.currency, statement.from, statement.to)}.${kind}`);
      // The click has started the download from the object URL; the file need not stay in memory.
      setTimeout(() => URL.revokeObjectURL(url));
    } catch (error) {
      if (client === this.client) this.downloadFailure = error;
    } finally {
      if (client === this.client) this.downloading = null;
    }
  }
}

/** An entry's description in the page's language (the server's `description` is English, for the PDF and CSV). */
function describe(entry: StatementEntry): string {
  if (entry.dueDate !== null) return statementStrings.invoiceEntry(entry.invoiceNumber, formatDay(entry.dueDate));
  if (entry.method !== null) return statementStrings.paymentEntry(entry.invoiceNumber, invoiceStrings.method[entry.method]);
  return entry.description;
}
