import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Page } from '../../sdk/contract/common.js';
import type { PortalProposal } from '../../sdk/contract/proposals.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { proposalStatusBadge } from '../shared/status-badge.js';
import { strings } from '../shared/strings.js';
import { proposalListStyles } from './taba-proposal-list.styles.js';

/** The first page, remembered with the client that loaded it. */
interface FirstPage {
  client: PortalApi;
  page: Page<PortalProposal>;
}

/** A further page, remembered with the first page it continues. */
interface FollowingPage {
  first: FirstPage;
  page: Page<PortalProposal>;
}

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

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
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Row background.
 * @cssprop --taba-color-border - Row border.
 * @cssprop --taba-color-accent - Titles, hover and focus colour.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaProposalList extends LitElement {
  static override styles = [baseStyles, proposalListStyles];

  /** How many proposals to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  @state()
  private accessor followingPages: FollowingPage[] = [];

  readonly #firstPage = new Task(this, {
    args: () => [this.client, this.#limit] as const,
    task: async ([client, limit]): Promise<FirstPage | typeof initialState> => {
      if (!client) return initialState;
      return { client, page: await client.proposals.list({ limit }) };
    },
    onComplete: () => {
      this.followingPages = [];
    },
  });

  readonly #nextPage = new Task(this, {
    autoRun: false,
    task: async ([first, cursor, limit]: readonly [FirstPage, string, number]): Promise<FollowingPage> => ({
      first,
      page: await first.client.proposals.list({ limit, cursor }),
    }),
    onComplete: (following) => {
      // A page that arrives after a reload continues a list that is no longer shown.
      if (following.first !== this.#firstPage.value) return;
      const firstNewRow = this.renderRoot.querySelectorAll("[part~='row']").length;
      this.followingPages = [...this.followingPages, following];
      // The Load more button may be gone now: focus moves to the first proposal it brought.
      void this.updateComplete.then(() =>
        this.renderRoot.querySelectorAll<HTMLElement>("[part~='title']")[firstNewRow]?.focus(),
      );
    },
  });

  /** The first page the next-page task was last started for. */
  #nextPageFor: FirstPage | undefined;

  /** Reloads the list from its first page, e.g. after a proposal changed elsewhere. */
  refresh(): Promise<void> {
    return this.#firstPage.run();
  }

  get #limit(): number {
    const size = Math.trunc(this.pageSize);
    return Number.isFinite(size) && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }

  get #nextCursor(): string | null {
    const last = this.followingPages.at(-1)?.page ?? this.#firstPage.value?.page;
    return last?.nextCursor ?? null;
  }

  override render(): unknown {
    return this.#firstPage.render({
      initial: () => html`<p part="notice">${strings.common.notConnected}</p>`,
      pending: () => {
        // On a reload for the same client, keep showing what we have instead of flashing a spinner.
        const shown = this.#firstPage.value;
        return shown && shown.client === this.client
          ? this.#renderProposals(shown, true)
          : loadingStatus(strings.proposalList.loading);
      },
      complete: (first) => this.#renderProposals(first, false),
      error: (error) => errorAlert(error, strings.proposalList.loadFailed, () => void this.refresh()),
    });
  }

  #renderProposals(first: FirstPage, busy: boolean): TemplateResult {
    const proposals = [first.page, ...this.followingPages.map((following) => following.page)].flatMap(
      (page) => page.items,
    );
    if (proposals.length === 0) {
      return html`<p part="empty" role="status">${strings.proposalList.empty}</p>`;
    }
    return html`
      <ul part="list" aria-busy=${busy ? 'true' : 'false'}>
        ${proposals.map((proposal) => this.#renderRow(proposal))}
      </ul>
      ${this.#renderMore(first)}
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
          <span part="amount">${formatMoney(proposal.fee, strings.locale)}</span>
          <span part="sent">
            <time datetime=${proposal.sentAt}>${strings.proposalList.sentOn(formatDate(proposal.sentAt, strings.locale))}</time>
          </span>
        </p>
      </li>
    `;
  }

  #renderMore(first: FirstPage): TemplateResult | typeof nothing {
    const cursor = this.#nextCursor;
    const current = this.#nextPageFor === first;
    const loading = current && this.#nextPage.status === TaskStatus.PENDING;
    const failed = current && this.#nextPage.status === TaskStatus.ERROR;
    if (!cursor && !failed) return nothing;
    return html`
      ${failed ? errorAlert(this.#nextPage.error, strings.proposalList.loadMoreFailed) : nothing}
      ${cursor
        ? html`<button
            type="button"
            part="load-more"
            aria-disabled=${loading ? 'true' : 'false'}
            @click=${() => this.#loadMore(first, cursor, loading)}
          >
            ${loading ? strings.proposalList.loadingMore : strings.proposalList.loadMore}
          </button>`
        : nothing}
    `;
  }

  #loadMore(first: FirstPage, cursor: string, loading: boolean): void {
    // aria-disabled rather than disabled, so the button keeps focus while the page loads.
    if (loading) return;
    this.#nextPageFor = first;
    void this.#nextPage.run([first, cursor, this.#limit]);
  }

  #select(proposal: PortalProposal): void {
    emit(this, 'taba-proposal-select', { proposal });
  }
}
