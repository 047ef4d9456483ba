import { consume } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalThread } from '../../sdk/contract/messages.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDate } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { strings } from '../shared/strings.js';
import { messageThreadsStyles } from './taba-message-threads.styles.js';

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

  readonly #list = new PagedListController<PortalThread>(this, {
    load: (client, query) => client.threads.list(query),
    labels: () => strings.messageThreads,
    rowSelector: "[part~='row']",
    focusSelector: "[part~='title']",
  });

  /** Reloads the list from its first page, e.g. after the contact read or wrote in a conversation. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override render(): unknown {
    return this.#list.render((threads, busy) => this.#renderThreads(threads, busy));
  }

  #renderThreads(threads: PortalThread[], busy: boolean): TemplateResult {
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
            ${this.#list.renderMore()}
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

  #select(thread: PortalThread): void {
    emit(this, 'taba-thread-select', { thread });
  }

  readonly #onNew = (): void => {
    emit(this, 'taba-thread-new', {});
  };
}
