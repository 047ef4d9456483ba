import { consume } from '@lit/context';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalComment } from '../../sdk/contract/projects.js';
import { baseStyles } from '../shared/base.styles.js';
import { COMMENT_BODY_MAX_LENGTH, commentBodyLength } from '../shared/comment-body.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatDateTime } from '../shared/format.js';
import { newIdempotencyKey } from '../shared/idempotency.js';
import { PagedListController } from '../shared/paged-list.js';
import { PortalElement } from '../shared/portal-element.js';
import { failedCall } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import { commentThreadStyles } from './taba-comment-thread.styles.js';

/** How long typing must pause before the character counter is announced. */
const COUNTER_ANNOUNCE_DELAY_MS = 1000;

/**
 * @tagname taba-comment-thread
 * @summary A project's discussion: its comments oldest first (plain text), newer ones one page at
 * a time, and a composer with a character counter.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`, and
 * `project-id`. Shows only what the team made visible to the customer.
 *
 * A comment is 1–2,000 characters after trimming, counted as the server counts them (an emoji is
 * one); Post is disabled past the limit. Each draft is posted with one `Idempotency-Key`, so when a
 * post fails (even after the server got it), Retry never makes a second comment. If the server
 * refuses the comment (422), its reason is shown and the draft stays.
 *
 * @event taba-comment-added - The contact posted a comment; `event.detail.comment` is the `PortalComment`.
 *
 * @csspart comments - The list of comments, oldest first.
 * @csspart comment - One comment; also `comment-team` (from the team) or `comment-customer`, and `comment-you` for the signed-in contact's own.
 * @csspart author - Who wrote a comment; the team's comments also carry `author-team`.
 * @csspart created-at - When a comment was posted.
 * @csspart body - A comment's text, shown as plain text.
 * @csspart load-more - The "Show newer comments" button, while there are further pages; once a
 *   page arrives, focus moves to its first comment.
 * @csspart composer - The form for a new comment.
 * @csspart label - The comment text area's label.
 * @csspart comment-input - The comment text area.
 * @csspart counter - How many characters are left; also `counter-over` past the limit.
 * @csspart post - The Post button; disabled while the comment is empty or too long.
 * @csspart announcement - A polite live region (visually hidden) for the counter after a pause in typing, and "Comment posted".
 * @csspart loading - Shown while the comments load.
 * @csspart empty - Shown when the project has no comments yet.
 * @csspart notice - Shown when there is no client or no `project-id`.
 * @csspart error - An alert: loading failed, or posting failed (with Retry, unless the server refused the comment itself).
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
export class TabaCommentThread extends PortalElement {
  static override styles = [baseStyles, commentThreadStyles];

  /** The project whose comments to show (`prj_…`). */
  @property({ attribute: 'project-id', reflect: true })
  accessor projectId: string | undefined;

  /** How many comments to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = 50;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** Comments posted here since loading, oldest first. */
  @state()
  private accessor posted: PortalComment[] = [];

  @state()
  private accessor draft = '';

  @state()
  private accessor posting = false;

  @state()
  private accessor postFailure: { error: unknown } | null = null;

  /** What the polite live region says. */
  @state()
  private accessor announcement = '';

  #draftKey: { body: string; key: string } | undefined;
  #announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** Counts what was shown: a post that answers after the project changed leaves the new one alone. */
  #shown = 0;

  readonly #list = new PagedListController<PortalComment, string | undefined>(this, {
    key: () => this.projectId || undefined,
    load: (client, query, projectId) =>
      projectId ? client.projectComments.list(projectId, query) : Promise.resolve({ items: [], nextCursor: null }),
    labels: () => strings.commentThread,
    rowSelector: "[part~='comment'].loaded",
    focusSelector: "[part~='comment'].loaded",
  });

  /** Reloads the comments from the oldest. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client') || changed.has('projectId')) {
      this.#shown++;
      this.#draftKey = undefined;
      this.draft = '';
      this.announcement = '';
      this.posted = [];
      this.postFailure = null;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#announceTimer);
  }

  override render(): unknown {
    if (this.client && !this.projectId) return html`<p part="notice">${strings.projectDetail.noneSelected}</p>`;
    return this.#list.render((comments, busy) => this.#renderThread(comments, busy));
  }

  #renderThread(loaded: PortalComment[], busy: boolean): TemplateResult {
    const text = strings.commentThread;
    // Posted comments are the newest: they show after what is loaded, until a page brings them.
    const known = new Set(loaded.map((comment) => comment.id));
    const posted = this.posted.filter((comment) => !known.has(comment.id));
    const more = this.#list.renderMore();
    const list = (comments: TemplateResult[]) =>
      html`<ol part="comments" aria-label=${text.listLabel} aria-busy=${busy ? 'true' : 'false'}>${comments}</ol>`;
    const loadedItems = loaded.map((comment) => this.#renderComment(comment, 'loaded'));
    const postedItems = posted.map((comment) => this.#renderComment(comment, 'posted'));
    let comments: TemplateResult;
    if (loadedItems.length === 0 && postedItems.length === 0) comments = html`<p part="empty">${text.empty}</p>`;
    // With newer pages still to load, what was posted here shows after them, in a list of its own.
    else if (more !== nothing) comments = html`${list(loadedItems)} ${more} ${postedItems.length > 0 ? list(postedItems) : nothing}`;
    else comments = list([...loadedItems, ...postedItems]);
    return html`${comments} ${this.#renderComposer()}`;
  }

  #renderComment(comment: PortalComment, kind: 'loaded' | 'posted'): TemplateResult {
    const text = strings.commentThread;
    const fromTeam = comment.author.type === 'team';
    const name = comment.author.isYou ? text.you : comment.author.name;
    const parts = fromTeam ? 'comment comment-team' : 'comment comment-customer';
    return html`
      <li class=${kind} tabindex="-1" part=${comment.author.isYou ? `${parts} comment-you` : parts}>
        <p part=${fromTeam ? 'author author-team' : 'author'}>
          <span class="visually-hidden">${text.wroteBy(fromTeam ? `${text.fromTeam}, ${name},` : `${name},`)}</span>
          <span aria-hidden="true">
            <span class="name">${name}</span>
            ${fromTeam ? html`<span class="team-badge">${text.fromTeam}</span>` : nothing}
          </span>
          <time part="created-at" datetime=${comment.createdAt}>${formatDateTime(comment.createdAt)}</time>
        </p>
        <p part="body" dir="auto">${comment.body}</p>
      </li>
    `;
  }

  #renderComposer(): TemplateResult {
    const text = strings.commentThread;
    const length = commentBodyLength(this.draft);
    const over = length > COMMENT_BODY_MAX_LENGTH;
    const failure = this.postFailure;
    // A comment the server refused (422) fails the same way again: no Retry, the reason says what to change.
    const refused = failure !== null && failedCall(failure.error)?.status === 422;
    return html`
      <form part="composer" novalidate aria-busy=${this.posting ? 'true' : 'false'} @submit=${this.#onSubmit}>
        <label for="comment-input" part="label">${text.composerLabel}</label>
        <textarea
          id="comment-input"
          part="comment-input"
          rows="3"
          aria-describedby="counter"
          aria-invalid=${over || refused ? 'true' : 'false'}
          ?readonly=${this.posting}
          .value=${this.draft}
          @input=${this.#onDraftInput}
        ></textarea>
        <p id="counter" part=${over ? 'counter counter-over' : 'counter'}>${this.#counterText(length)}</p>
        <p part="announcement" class="visually-hidden" role="status">${this.announcement}</p>
        ${failure
          ? refused
            ? errorAlert(failure.error, text.postRefused)
            : errorAlert(failure.error, text.postFailed, this.#onRetry)
          : nothing}
        <div class="buttons">
          <button
            type="submit"
            class="primary"
            part="post"
            ?disabled=${over || length === 0}
            aria-disabled=${this.posting ? 'true' : 'false'}
          >
            ${this.posting ? text.posting : text.post}
          </button>
        </div>
      </form>
    `;
  }

  #counterText(length: number): string {
    return length > COMMENT_BODY_MAX_LENGTH
      ? strings.commentThread.charactersOver(length - COMMENT_BODY_MAX_LENGTH, COMMENT_BODY_MAX_LENGTH)
      : strings.commentThread.charactersLeft(COMMENT_BODY_MAX_LENGTH - length);
  }

  readonly #onDraftInput = (event: Event): void => {
    this.draft = (event.target as HTMLTextAreaElement).value;
    // A refusal was about the text as it was; once it changes, the alert no longer applies.
    if (this.postFailure && failedCall(this.postFailure.error)?.status === 422) this.postFailure = null;
    // Announced once typing pauses: a live region updated on every keystroke would talk over the typing.
    clearTimeout(this.#announceTimer);
    this.#announceTimer = setTimeout(() => {
      this.announcement = this.#counterText(commentBodyLength(this.draft));
    }, COUNTER_ANNOUNCE_DELAY_MS);
  };

  readonly #onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    void this.#post();
  };

  readonly #onRetry = (): void => {
    void this.#post();
  };

  async #post(): Promise<void> {
    const client = this.client;
    const projectId = this.projectId;
    const body = this.draft.trim();
    const length = commentBodyLength(body);
    if (!client || !projectId || this.posting || length === 0 || length > COMMENT_BODY_MAX_LENGTH) return;
    const idempotencyKey = this.#keyFor(body);
    const shown = this.#shown;
    this.posting = true;
    this.postFailure = null;
    try {
      const comment = await client.projectComments.create(projectId, { body }, { idempotencyKey });
      if (shown !== this.#shown) return;
      this.#postedDone(comment);
    } catch (error) {
      if (shown !== this.#shown) return;
      this.postFailure = { error };
      const refused = failedCall(error)?.status === 422;
      // Focus goes to what to do next: Retry, or the text to change.
      focusAfterUpdate(this, refused ? "[part~='comment-input']" : "[part~='composer'] [part~='retry']");
    } finally {
      this.posting = false;
    }
  }

  // Outside the async #post on purpose: rollup keeps the whole strings table in a widget bundle
  // when one of its values is read after an await there (about 2.5 KB gzip more).
  #postedDone(comment: PortalComment): void {
    this.posted = [...this.posted, comment];
    this.#draftKey = undefined;
    this.draft = '';
    clearTimeout(this.#announceTimer);
    this.announcement = strings.commentThread.posted;
    focusAfterUpdate(this, "[part~='comment-input']");
    emit(this, 'taba-comment-added', { comment });
  }

  /** The draft's key: the same while its text is unchanged (a retry), a new one for new text. */
  #keyFor(body: string): string {
    if (this.#draftKey?.body !== body) this.#draftKey = { body, key: newIdempotencyKey() };
    return this.#draftKey.key;
  }
}
