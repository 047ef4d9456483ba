import { consume } from '@lit/context';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalProposal } from '../../sdk/contract/proposals.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { PortalElement } from '../shared/portal-element.js';
import { proposalStatusBadge } from '../shared/status-badge.js';
import { strings } from '../shared/strings.js';
import { proposalListStyles } from './taba-proposal-list.styles.js';

/**
 * @tagname taba-proposal-list
 * @summary The proposals sent to the signed-in contact's customer, one page at a time.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * @event taba-proposal-select - The contact chose a proposal (click, Enter or Space);
 *   `event.detail.proposal` is the chosen `PortalProposal`.
 *
 * @csspart list - The list of proposals.
 * @csspart row - One proposal.
 * @csspart title - The proposal title; a button that selects the row.
 * @csspart status - The status badge, with `status-pending`, `status-accepted`, `status-declined` or `status-expired`.
 * @csspart meta - The line with number, fee model, amount and sent date.
 * @csspart number - The proposal number.
 * @csspart fee-model - The fee model label.
 * @csspart amount - The fee, formatted in its currency.
 * @csspart sent - The sent date.
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first proposal.
 * @csspart loading - Shown while the first page loads.
 * @csspart empty - Shown when there are no proposals.
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
export class TabaProposalList extends PortalElement {
  static override styles = [baseStyles, proposalListStyles];

  /** How many proposals to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #list = new PagedListController<PortalProposal>(this, {
    load: (client, query) => client.proposals.list(query),
    labels: () => strings.proposalList,
    rowSelector: "[part~='row']",
    focusSelector: "[part~='title']",
  });

  /** Reloads the list from its first page, e.g. after a proposal changed elsewhere. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override render(): unknown {
    return this.#list.render((proposals, busy) => this.#renderProposals(proposals, busy));
  }

  #renderProposals(proposals: PortalProposal[], busy: boolean): TemplateResult {
    if (proposals.length === 0) {
      return html`<p part="empty" role="status">${strings.proposalList.empty}</p>`;
    }
    return html`
      <ul part="list" aria-busy=${busy ? 'true' : 'false'}>
        ${proposals.map((proposal) => this.#renderRow(proposal))}
      </ul>
      ${this.#list.renderMore()}
    `;
  }

  #renderRow(proposal: PortalProposal): TemplateResult {
    return html`
      <li part="row">
        <div class="heading">
          <button type="button" part="title" @click=${() => this.#select(proposal)}>${proposal.title}</button>
          ${proposalStatusBadge(proposal.status)}
        </div>
        <p part="meta">
          <span part="number">${proposal.number}</span>
          <span part="fee-model">${strings.feeModel[proposal.feeModel]}</span>
          <span part="amount">${formatMoney(proposal.fee)}</span>
          <span part="sent">
            <time datetime=${proposal.sentAt}>${strings.proposalList.sentOn(formatDate(proposal.sentAt))}</time>
          </span>
        </p>
      </li>
    `;
  }

  #select(proposal: PortalProposal): void {
    emit(this, 'taba-proposal-select', { proposal });
  }
}
