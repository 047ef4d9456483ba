import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { HomeItem, HomeItemKind, PortalHome } from '../../sdk/contract/home.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { formatMoney, formatNumber } from '../shared/format.js';
import { formatLocale } from '../shared/localize.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { deadlineText } from './home-deadline.js';
import { homeStrings } from './home.strings.js';
import { homeStyles } from './taba-home.styles.js';

/** What `taba-home-select` carries: the entry the contact chose. */
export interface HomeSelectEventDetail {
  kind: HomeItemKind;
  /** The object's own id (`prop_…`, `inv_…`, `thr_…`…). */
  id: string;
  /** The entry as the home page showed it. */
  item: HomeItem;
}

declare module '../shared/events.js' {
  interface TabaEventDetails {
    /** A contact chose an entry on the home page, to open it in its section. */
    'taba-home-select': HomeSelectEventDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'taba-home-select': CustomEvent<HomeSelectEventDetail>;
  }
}

/** The summary's counts in the order the contact reads them. */
const COUNTS = ['proposals', 'estimates', 'requestItems', 'acceptances', 'unreadMessages', 'invoices'] as const satisfies readonly (keyof PortalHome['counts'])[];

/**
 * @tagname taba-home
 * @summary What needs the signed-in contact, across every section: a summary of counts by kind, and
 * each waiting proposal, estimate, request, acceptance, unread conversation and invoice, soonest
 * deadline first (overdue first of all).
 *
 * Needs a portal client from `<taba-portal>` (whose Home section shows it) or any other provider of
 * `portalClientContext`. Each entry shows what it is, its title and reference, its deadline (relative
 * and dated, in the language shown), the amount (an estimate's total, an invoice's amount due) or
 * how many items or messages wait. Urgency is said in words, not colour alone: "Overdue" (in the
 * danger colour) and "Due soon" (within 48 hours, in amber). Entries are buttons in reading order;
 * choosing one dispatches `taba-home-select`, and `<taba-portal>` opens the item in its section.
 *
 * @event taba-home-select - The contact chose an entry; `event.detail` is `{ kind, id, item }`
 *   (`kind`: `proposal`, `estimate`, `request`, `acceptance`, `thread` or `invoice`).
 *
 * @csspart heading - "What needs you".
 * @csspart summary - The list of counts by kind (only kinds with something waiting).
 * @csspart count - One count; also `count-<kind>` (`count-proposals`, `count-estimates`, `count-requestItems`, `count-acceptances`, `count-unreadMessages`, `count-invoices`).
 * @csspart list - The list of entries.
 * @csspart entry - One entry; also `entry-<kind>`, and `entry-overdue` or `entry-due-soon`.
 * @csspart kind - What the entry is ("Invoice"), with its reference.
 * @csspart reference - The number beside the title (`INV-0001`), where there is one.
 * @csspart open - The button with the entry's title; the whole entry is its hit area.
 * @csspart details - The line with the urgency, the deadline, the amount and the count.
 * @csspart urgency - "Overdue" (`urgency-overdue`) or "Due soon" (`urgency-due-soon`).
 * @csspart deadline - When it is due or expires, relative and dated.
 * @csspart amount - An estimate's total or an invoice's amount due.
 * @csspart waiting - Items to answer (a request) or unread messages (a conversation).
 * @csspart loading - Shown while the home page loads.
 * @csspart empty - Shown when nothing waits on the contact.
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
export class TabaHome extends PortalElement {
  static override styles = [baseStyles, homeStyles];

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #home = new Task(this, {
    args: () => [this.client] as const,
    task: async ([client]) => {
      if (!client) return initialState;
      return client.home();
    },
  });

  /** Loads what needs the contact again, e.g. after they acted on something elsewhere on the page. */
  async refresh(): Promise<void> {
    await this.#home.run();
  }

  override render(): unknown {
    return this.#home.render({
      initial: () => html`<p part="notice">${strings.common.notConnected}</p>`,
      pending: () => loadingStatus(homeStrings.loading),
      complete: (home) => this.#renderHome(home),
      error: (error) => errorAlert(error, homeStrings.loadFailed, () => void this.#home.run()),
    });
  }

  #renderHome(home: PortalHome): TemplateResult {
    if (home.items.length === 0) {
      return html`
        <div part="empty" role="status">
          <p><strong>${homeStrings.empty}</strong></p>
          <p>${homeStrings.emptyDetail}</p>
        </div>
      `;
    }
    const counts = COUNTS.filter((kind) => home.counts[kind] > 0);
    const now = new Date();
    return html`
      <h3 part="heading" id="heading">${homeStrings.heading}</h3>
      ${counts.length === 0
        ? nothing
        : html`<ul part="summary" aria-label=${homeStrings.summary}>
            ${counts.map(
              (kind) => html`<li part="count count-${kind}">${homeStrings.counts[kind](home.counts[kind], formatNumber(home.counts[kind]))}</li>`,
            )}
          </ul>`}
      <ul part="list" aria-labelledby="heading">
        ${home.items.map((item, index) => this.#renderEntry(item, index, now))}
      </ul>
    `;
  }

  #renderEntry(item: HomeItem, index: number, now: Date): TemplateResult {
    const locale = formatLocale();
    const deadline = deadlineText(item, now, locale);
    const overdue = item.overdue;
    const dueSoon = !overdue && item.dueSoon;
    const urgency = overdue ? 'overdue' : dueSoon ? 'due-soon' : null;
    const amount = item.amount ? formatMoney(item.amount, locale) : null;
    const count = item.count;
    const waiting =
      count === null ? null : item.kind === 'thread' ? homeStrings.unread(count, formatNumber(count)) : homeStrings.itemsToAnswer(count, formatNumber(count));
    return html`
      <li part=${urgency ? `entry entry-${item.kind} entry-${urgency}` : `entry entry-${item.kind}`}>
        <p part="kind" id="kind-${index}">
          ${homeStrings.kind[item.kind]} ${item.reference ? html`<span part="reference">${item.reference}</span>` : nothing}
        </p>
        <button
          type="button"
          part="open"
          aria-describedby="kind-${index} details-${index}"
          @click=${() => emit(this, 'taba-home-select', { kind: item.kind, id: item.id, item })}
        >
          ${item.title}
        </button>
        <p part="details" id="details-${index}">
          ${urgency === 'overdue' ? html`<span part="urgency urgency-overdue">${homeStrings.overdue}</span>` : nothing}
          ${urgency === 'due-soon' ? html`<span part="urgency urgency-due-soon">${homeStrings.dueSoon}</span>` : nothing}
          ${deadline
            ? html`<span part=${urgency ? `deadline deadline-${urgency}` : 'deadline'}><time datetime=${item.deadline ?? ''}>${deadline.text}</time></span>`
            : nothing}
          ${amount === null
            ? nothing
            : html`<span part="amount">${item.kind === 'invoice' ? homeStrings.amountDue(amount) : homeStrings.total(amount)}</span>`}
          ${waiting === null ? nothing : html`<span part="waiting">${waiting}</span>`}
        </p>
      </li>
    `;
  }
}
