import { consume } from '@lit/context';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalThread } from '../../sdk/contract/messages.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDate, formatNumber } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { PortalElement } from '../shared/portal-element.js';
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
export class TabaMessageThreads extends PortalElement {
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
                  <span aria-hidden="true">${formatNumber(thread.unreadCount)}</span
                  ><span class="visually-hidden">${strings.messageThreads.unread(thread.unreadCount)}</span>
                </span>`
              : nothing}
          </button>
        </div>
        <p part="last-message">
          <time datetime=${thread.lastMessageAt}
            >${strings.messageThreads.lastMessage(formatDate(thread.lastMessageAt))}</time
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
