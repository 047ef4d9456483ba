import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Page } from '../../sdk/contract/common.js';
import type { PortalThread } from '../../sdk/contract/messages.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { formatDate } from '../shared/format.js';
import { strings } from '../shared/strings.js';
import { messageThreadsStyles } from './taba-message-threads.styles.js';

/** The first page, remembered with the client that loaded it. */
interface FirstPage {
  client: PortalApi;
  page: Page<PortalThread>;
}

/** A further page, remembered with the first page it continues. */
interface FollowingPage {
  first: FirstPage;
  page: Page<PortalThread>;
}

const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/**
 * @tagname taba-message-threads
 * @summary The signed-in contact's conversations with the team, newest activity first, each with
 * its count of unread team messages, and a "New conversation" button.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * Choosing a conversation or "New conversation" only emits an event: show `<taba-message-thread>`
 * in answer (`<taba-portal>` does).
 *
 * @event taba-thread-select - The contact chose a conversation (click, Enter or Space);
 *   `event.detail.thread` is the chosen `PortalThread`.
 * @event taba-thread-new - The contact pressed "New conversation".
 *
 * @csspart new - The "New conversation" button.
 * @csspart list - The list of conversations.
 * @csspart row - One conversation; also `row-unread` while it has unread messages.
 * @csspart title - The conversation's title; a button that selects the row.
 * @csspart unread - The unread badge, e.g. "3 unread" (the word is for screen readers only).
 * @csspart last-message - When the newest message was sent.
 * @csspart load-more - The "Load more" button, shown while there are further pages.
 * @csspart loading - Shown while the first page loads.
 * @csspart empty - Shown when there are no conversations.
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
 * @cssprop --taba-color-accent - Titles, the unread badge, hover and focus colour.
 * @cssprop --taba-color-on-accent - Text on the unread badge and the "New conversation" button.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaMessageThreads extends LitElement {
  static override styles = [baseStyles, messageThreadsStyles];

  /** How many conversations to fetch per page (1–100). */
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
      return { client, page: await client.threads.list({ limit }) };
    },
    onComplete: () => {
      this.followingPages = [];
    },
  });

  readonly #nextPage = new Task(this, {
    autoRun: false,
    task: async ([first, cursor, limit]: readonly [FirstPage, string, number]): Promise<FollowingPage> => ({
      first,
      page: await first.client.threads.list({ limit, cursor }),
    }),
    onComplete: (following) => {
      // A page that arrives after a reload continues a list that is no longer shown.
      if (following.first !== this.#firstPage.value) return;
      const firstNewRow = this.renderRoot.querySelectorAll("[part~='row']").length;
      this.followingPages = [...this.followingPages, following];
      void this.updateComplete.then(() =>
        this.renderRoot.querySelectorAll<HTMLElement>("[part~='title']")[firstNewRow]?.focus(),
      );
    },
  });

  #nextPageFor: FirstPage | undefined;

  /** Reloads the list from its first page, e.g. after the contact read or wrote in a conversation. */
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
          ? this.#renderThreads(shown, true)
          : loadingStatus(strings.messageThreads.loading);
      },
      complete: (first) => this.#renderThreads(first, false),
      error: (error) => errorAlert(error, strings.messageThreads.loadFailed, () => void this.refresh()),
    });
  }

  #renderThreads(first: FirstPage, busy: boolean): TemplateResult {
    const threads = [first.page, ...this.followingPages.map((following) => following.page)].flatMap((page) => page.items);
    return html`
      <div class="toolbar">
        <button type="button" class="primary" part="new" @click=${this.#onNew}>
          ${strings.messageThreads.newConversation}
        </button>
      </div>
      ${threads.length === 0
        ? html`<p part="empty" role="status">${strings.messageThreads.empty}</p>`
        : html`
            <ul part="list" aria-label=${strings.messageThreads.listLabel} aria-busy=${busy ? 'true' : 'false'}>
              ${threads.map((thread) => this.#renderRow(thread))}
            </ul>
            ${this.#renderMore(first)}
          `}
    `;
  }

  #renderRow(thread: PortalThread): TemplateResult {
    const unread = thread.unreadCount > 0;
    return html`
      <li part=${unread ? 'row row-unread' : 'row'}>
        <div class="heading">
          <button type="button" part="title" @click=${() => this.#select(thread)}>
            ${thread.title}${unread
              ? html`<span part="unread">
                  <span aria-hidden="true">${thread.unreadCount}</span
                  ><span class="visually-hidden">${strings.messageThreads.unread(thread.unreadCount)}</span>
                </span>`
              : nothing}
          </button>
        </div>
        <p part="last-message">
          <time datetime=${thread.lastMessageAt}
            >${strings.messageThreads.lastMessage(formatDate(thread.lastMessageAt, strings.locale))}</time
          >
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
      ${failed ? errorAlert(this.#nextPage.error, strings.messageThreads.loadMoreFailed) : nothing}
      ${cursor
        ? html`<button
            type="button"
            part="load-more"
            aria-disabled=${loading ? 'true' : 'false'}
            @click=${() => this.#loadMore(first, cursor, loading)}
          >
            ${loading ? strings.messageThreads.loadingMore : strings.messageThreads.loadMore}
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

  #select(thread: PortalThread): void {
    emit(this, 'taba-thread-select', { thread });
  }

  readonly #onNew = (): void => {
    emit(this, 'taba-thread-new', {});
  };
}
