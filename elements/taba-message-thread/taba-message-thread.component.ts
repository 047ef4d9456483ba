import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Page } from '../../sdk/contract/common.js';
import type { NewThreadSubject, PortalMessage, PortalThread, ThreadSubjectType } from '../../sdk/contract/messages.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { newIdempotencyKey } from '../shared/idempotency.js';
import { formatDateTime } from '../shared/format.js';
import { MESSAGE_BODY_MAX_LENGTH, messageBodyLength } from '../shared/message-body.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { messageThreadStyles } from './taba-message-thread.styles.js';

const PAGE_SIZE = 50;

/** How long typing must pause before the character counter is announced. */
const COUNTER_ANNOUNCE_DELAY_MS = 1000;

/** What was loaded, remembered with the client that loaded it; `thread` is null for a conversation not started yet. */
interface Conversation {
  client: PortalApi;
  thread: PortalThread | null;
  /** Newest first, as the server pages them. */
  latest: Page<PortalMessage>;
}

/** The Idempotency-Key of one draft: kept while its text is unchanged, so a retry never sends it twice. */
interface DraftKey {
  body: string;
  title: string;
  key: string;
}

/**
 * @tagname taba-message-thread
 * @summary One conversation with the team: its messages (oldest first, plain text) and a composer
 * with a character counter. Also starts a new conversation, about a record or not.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * Give it `thread-id` to show a conversation (reading it marks it read); or `subject-type` and
 * `subject-id` (e.g. `proposal`, `prop_…`) to show the conversation about that record, started by
 * the first message when there is none yet; or neither, for a new conversation with a title.
 *
 * A message is 1–2,000 characters after trimming. Each draft is sent with one `Idempotency-Key`,
 * so when a send fails (even after the server got it), Retry never makes a second message.
 *
 * @event taba-thread-created - The contact started the conversation; `event.detail` has `thread` and its first `message`.
 * @event taba-message-sent - The contact sent a message; `event.detail` has `thread` and `message`.
 *
 * @csspart conversation - The conversation: title, messages and the "Show earlier messages" button.
 * @csspart title - The conversation's title (a heading).
 * @csspart messages - The list of messages, oldest first.
 * @csspart message - One message; also `message-team` (from the team) or `message-customer` (from the customer's side), and `message-you` for the signed-in contact's own.
 * @csspart author - Who wrote a message; the team's messages also carry `author-team`.
 * @csspart sent-at - When a message was sent.
 * @csspart body - A message's text, shown as plain text.
 * @csspart earlier - The "Show earlier messages" button, while there are older messages.
 * @csspart composer - The form for a new message.
 * @csspart label - A field's label (title, message).
 * @csspart hint - What the title is for, under its label.
 * @csspart title-input - The title field of a new conversation that is about no record.
 * @csspart title-error - Said under the title field when sending without a title.
 * @csspart message-input - The message text area.
 * @csspart counter - How many characters are left; also `counter-over` past the limit.
 * @csspart send - The Send button; disabled while the message is empty or too long.
 * @csspart announcement - A polite live region (visually hidden) for the counter after a pause in typing, and "Message sent".
 * @csspart loading - Shown while the conversation loads.
 * @csspart empty - Shown when the conversation has no messages yet.
 * @csspart notice - Shown when no portal client is provided.
 * @csspart error - An alert: loading failed, or sending failed (with Retry).
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button of an alert.
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
export class TabaMessageThread extends PortalElement {
  static override styles = [baseStyles, messageThreadStyles];

  /** The conversation to show (`thr_…`). */
  @property({ attribute: 'thread-id', reflect: true })
  accessor threadId: string | undefined;

  /** With `subject-id`: the kind of record the conversation is about, e.g. `proposal`. */
  @property({ attribute: 'subject-type' })
  accessor subjectType: ThreadSubjectType | undefined;

  /** With `subject-type`: the record the conversation is about. */
  @property({ attribute: 'subject-id' })
  accessor subjectId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** The conversation this element started with its first message. */
  @state()
  private accessor started: PortalThread | null = null;

  /** Messages sent here since loading, oldest first. */
  @state()
  private accessor sent: PortalMessage[] = [];

  /** Older pages loaded with "Show earlier messages", each newest first. */
  @state()
  private accessor earlier: Page<PortalMessage>[] = [];

  @state()
  private accessor earlierFailure: { error: unknown } | null = null;

  @state()
  private accessor loadingEarlier = false;

  @state()
  private accessor draft = '';

  @state()
  private accessor draftTitle = '';

  @state()
  private accessor titleMissing = false;

  @state()
  private accessor sending = false;

  @state()
  private accessor sendFailure: { error: unknown } | null = null;

  /** What the polite live region says. */
  @state()
  private accessor announcement = '';

  #draftKey: DraftKey | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  #focusWhenShown = false;
  /** Counts what was shown: a send that answers after the conversation changed leaves the new one alone. */
  #shown = 0;

  readonly #conversation = new Task(this, {
    // Plain values only: the task reruns whenever an argument is not identical to the last run's.
    args: () => [this.client, this.threadId, this.subjectType, this.subjectId] as const,
    task: async ([client, threadId, subjectType, subjectId]): Promise<Conversation | typeof initialState> => {
      if (!client) return initialState;
      const subject = subjectType && subjectId ? { type: subjectType, id: subjectId } : null;
      if (threadId) {
        const [thread, latest] = await Promise.all([
          client.threads.retrieve(threadId),
          client.messages.list(threadId, { limit: PAGE_SIZE }),
        ]);
        return { client, thread, latest };
      }
      const none: Page<PortalMessage> = { items: [], nextCursor: null };
      if (!subject) return { client, thread: null, latest: none };
      const found = await client.threads.list({ subjectType: subject.type, subjectId: subject.id, limit: 1 });
      const thread = found.items[0] ?? null;
      return { client, thread, latest: thread ? await client.messages.list(thread.id, { limit: PAGE_SIZE }) : none };
    },
  });

  get #subject(): NewThreadSubject | null {
    return this.subjectType && this.subjectId ? { type: this.subjectType, id: this.subjectId } : null;
  }

  /**
   * Focuses the conversation's heading, so that a screen reader reads what just opened. While it
   * loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#conversation.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client') || changed.has('threadId') || changed.has('subjectType') || changed.has('subjectId')) {
      this.#shown++;
      this.#draftKey = undefined;
      this.draft = '';
      this.draftTitle = '';
      this.announcement = '';
      this.started = null;
      this.sent = [];
      this.earlier = [];
      this.earlierFailure = null;
      this.sendFailure = null;
      this.titleMissing = false;
    }
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#conversation.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  override render(): unknown {
    return this.#conversation.render({
      initial: () => html`<p part="notice">${strings.common.notConnected}</p>`,
      pending: () => loadingStatus(strings.messageThread.loading),
      complete: (conversation) => this.#renderConversation(conversation),
      error: (error) => errorAlert(error, strings.messageThread.loadFailed, () => void this.#conversation.run()),
    });
  }

  #renderConversation(conversation: Conversation): TemplateResult {
    const thread = this.started ?? conversation.thread;
    const messages = this.#messagesOldestFirst(conversation);
    return html`
      <section class="conversation" part="conversation" aria-labelledby="title">
        <h3 id="title" part="title" tabindex="-1">${thread?.title ?? strings.messageThread.newConversation}</h3>
        ${this.#renderEarlier(conversation, thread)}
        ${messages.length === 0
          ? html`<p part="empty">${strings.messageThread.noMessages}</p>`
          : html`<ol part="messages" aria-label=${strings.messageThread.messagesLabel}>
              ${messages.map((message) => this.#renderMessage(message))}
            </ol>`}
        ${this.#renderComposer(thread)}
      </section>
    `;
  }

  #messagesOldestFirst(conversation: Conversation): PortalMessage[] {
    const pages = [...this.earlier].reverse().concat(this.started ? [] : [conversation.latest]);
    const loaded = pages.flatMap((page) => [...page.items].reverse());
    const known = new Set(loaded.map((message) => message.id));
    return loaded.concat(this.sent.filter((message) => !known.has(message.id)));
  }

  #renderEarlier(conversation: Conversation, thread: PortalThread | null): TemplateResult | typeof nothing {
    const cursor = (this.earlier.at(-1) ?? conversation.latest).nextCursor;
    if (!thread || !cursor) return nothing;
    const text = strings.messageThread;
    return html`
      ${this.earlierFailure ? errorAlert(this.earlierFailure.error, text.earlierFailed) : nothing}
      <button
        type="button"
        part="earlier"
        aria-disabled=${this.loadingEarlier ? 'true' : 'false'}
        @click=${() => void this.#loadEarlier(conversation.client, thread.id, cursor)}
      >
        ${this.loadingEarlier ? text.loadingEarlier : text.earlier}
      </button>
    `;
  }

  #renderMessage(message: PortalMessage): TemplateResult {
    const text = strings.messageThread;
    const fromTeam = message.author.type === 'team';
    const name = message.author.isYou ? text.you : message.author.name;
    const kind = fromTeam ? 'message message-team' : 'message message-customer';
    return html`
      <li part=${message.author.isYou ? `${kind} message-you` : kind}>
        <p part=${fromTeam ? 'author author-team' : 'author'}>
          <span class="visually-hidden">${text.wroteBy(fromTeam ? `${text.fromTeam}, ${name},` : `${name},`)}</span>
          <span aria-hidden="true">
            <span class="name">${name}</span>
            ${fromTeam ? html`<span class="team-badge">${text.fromTeam}</span>` : nothing}
          </span>
          <time part="sent-at" datetime=${message.createdAt}>${formatDateTime(message.createdAt)}</time>
        </p>
        <p part="body" dir="auto">${message.body}</p>
      </li>
    `;
  }

  #renderComposer(thread: PortalThread | null): TemplateResult {
    const text = strings.messageThread;
    const length = messageBodyLength(this.draft);
    const over = length > MESSAGE_BODY_MAX_LENGTH;
    const needsTitle = !thread && !this.#subject;
    return html`
      <form part="composer" novalidate aria-busy=${this.sending ? 'true' : 'false'} @submit=${this.#onSubmit}>
        ${needsTitle
          ? html`
              <label for="title-input" part="label">${text.titleLabel}</label>
              <input
                id="title-input"
                part="title-input"
                maxlength="200"
                autocomplete="off"
                aria-describedby=${this.titleMissing ? 'title-hint title-error' : 'title-hint'}
                aria-invalid=${this.titleMissing ? 'true' : 'false'}
                .value=${this.draftTitle}
                @input=${this.#onTitleInput}
              />
              <p id="title-hint" class="hint" part="hint">${text.titleHint}</p>
              ${this.titleMissing ? html`<p id="title-error" part="title-error" class="field-error">${text.titleMissing}</p>` : nothing}
            `
          : nothing}
        <label for="message-input" part="label">${text.composerLabel}</label>
        <textarea
          id="message-input"
          part="message-input"
          rows="4"
          aria-describedby="counter"
          aria-invalid=${over ? 'true' : 'false'}
          ?readonly=${this.sending}
          .value=${this.draft}
          @input=${this.#onDraftInput}
        ></textarea>
        <p id="counter" part=${over ? 'counter counter-over' : 'counter'}>${this.#counterText(length)}</p>
        <p part="announcement" class="visually-hidden" role="status">${this.announcement}</p>
        ${this.sendFailure ? errorAlert(this.sendFailure.error, text.sendFailed, this.#onRetry) : nothing}
        <div class="buttons">
          <button
            type="submit"
            class="primary"
            part="send"
            ?disabled=${over || length === 0}
            aria-disabled=${this.sending ? 'true' : 'false'}
          >
            ${this.sending ? text.sending : text.send}
          </button>
        </div>
      </form>
    `;
  }

  #counterText(length: number): string {
    return length > MESSAGE_BODY_MAX_LENGTH
      ? strings.messageThread.charactersOver(length - MESSAGE_BODY_MAX_LENGTH, MESSAGE_BODY_MAX_LENGTH)
      : strings.messageThread.charactersLeft(MESSAGE_BODY_MAX_LENGTH - length);
  }

  readonly #onTitleInput = (event: Event): void => {
    this.draftTitle = (event.target as HTMLInputElement).value;
    if (this.draftTitle.trim()) this.titleMissing = false;
  };

  readonly #onDraftInput = (event: Event): void => {
    this.draft = (event.target as HTMLTextAreaElement).value;
    // Announced once typing pauses: a live region updated on every keystroke would talk over the typing.
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this.announcement = this.#counterText(messageBodyLength(this.draft));
    }, COUNTER_ANNOUNCE_DELAY_MS);
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#send();
  };

  readonly #onRetry = (): void => {
    void this.#send();
  };

  async #loadEarlier(client: PortalApi, threadId: string, cursor: string): Promise<void> {
    // aria-disabled rather than disabled, so the button keeps focus while the page loads.
    if (this.loadingEarlier) return;
    this.loadingEarlier = true;
    this.earlierFailure = null;
    const shown = this.#shown;
    try {
      const page = await client.messages.list(threadId, { limit: PAGE_SIZE, cursor });
      if (shown === this.#shown) this.earlier = [...this.earlier, page];
    } catch (error) {
      if (shown === this.#shown) this.earlierFailure = { error };
    } finally {
      this.loadingEarlier = false;
    }
  }

  async #send(): Promise<void> {
    const conversation = this.#conversation.value;
    const client = this.client;
    const body = this.draft.trim();
    const length = messageBodyLength(body);
    if (!conversation || !client || this.sending || length === 0 || length > MESSAGE_BODY_MAX_LENGTH) return;
    const thread = this.started ?? conversation.thread;
    const subject = this.#subject;
    const title = this.draftTitle.trim();
    if (!thread && !subject && !title) {
      this.titleMissing = true;
      focusAfterUpdate(this, "[part~='title-input']");
      return;
    }
    const idempotencyKey = this.#keyFor(body, title);
    const shown = this.#shown;
    this.sending = true;
    this.sendFailure = null;
    try {
      if (thread) {
        const message = await client.messages.create(thread.id, { body }, { idempotencyKey });
        if (shown !== this.#shown) return;
        this.sent = [...this.sent, message];
        this.#sentDone();
        emit(this, 'taba-message-sent', { thread, message });
      } else {
        const created = await client.threads.create(subject ? { subject, body } : { title, body }, { idempotencyKey });
        if (shown !== this.#shown) return;
        this.started = created.thread;
        this.sent = [created.message];
        this.#sentDone();
        emit(this, 'taba-thread-created', created);
      }
    } catch (error) {
      if (shown !== this.#shown) return;
      this.sendFailure = { error };
      focusAfterUpdate(this, "[part~='composer'] [part~='retry']");
    } finally {
      this.sending = false;
    }
  }

  /** The draft's key: the same while its text is unchanged (a retry), a new one for new text. */
  #keyFor(body: string, title: string): string {
    if (this.#draftKey?.body !== body || this.#draftKey.title !== title) {
      this.#draftKey = { body, title, key: newIdempotencyKey() };
    }
    return this.#draftKey.key;
  }

  #sentDone(): void {
    this.#draftKey = undefined;
    this.draft = '';
    this.draftTitle = '';
    clearTimeout(this.#announceTimer);
    this.announcement = strings.messageThread.sent;
    focusAfterUpdate(this, "[part~='message-input']");
  }
}
