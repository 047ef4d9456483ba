import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalRequest, PortalRequestAnswer, PortalRequestItem } from '../../sdk/contract/requests.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatDateTime, formatFileSize } from '../shared/format.js';
import { newIdempotencyKey } from '../shared/idempotency.js';
import { PortalElement } from '../shared/portal-element.js';
import { failedCall } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import { requestSummary } from '../taba-request-progress/request-progress.js';
import { requestSummaryStyles } from '../taba-request-progress/taba-request-progress.styles.js';
import { requestStrings } from '../taba-request-progress/taba-request.strings.js';
import { ANSWER_MAX_LENGTH, answerLength } from './answer-length.js';
import { requestDetailStyles } from './taba-request-detail.styles.js';

/** What the contact is doing with one item: a text draft and its key, or a chosen file and its upload. */
interface ItemWork {
  draft: string;
  /** The key the draft was (or is being) sent with: the same while its text is unchanged, so a retry never answers twice. */
  sentWith?: { text: string; key: string };
  file?: File;
  busy: boolean;
  /** Bytes sent of the upload under way; `total` is 0 until the browser reports it. */
  progress?: { sent: number; total: number };
  /** Wrapped: anything can be thrown. */
  failure?: { error: unknown };
}

/** The server refused what was sent (it would refuse it again): no Retry, the reason says what to change. */
function refused(failure: { error: unknown } | undefined): boolean {
  const status = failure ? failedCall(failure.error)?.status : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * @tagname taba-request-detail
 * @summary One information request: the team's note, and every item with what it asks, its
 * state and the latest answer; the contact answers a text item in a text area, provides a file
 * for a file item with an upload progress bar, and answers a returned item again.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * An item's state is Awaiting your answer, Under review, Accepted, or Returned with the team's
 * reason. Accepted items, and every item of a completed or cancelled request, are read-only; an
 * item under review can still be answered, which replaces the answer the team has not reviewed.
 * A text answer is 1–10,000 characters after trimming, counted as the server counts them; each
 * draft is sent with one `Idempotency-Key`, so when sending fails (even after the server got it)
 * Retry never answers twice. A file is uploaded with its progress shown; the server checks its
 * size and type and may refuse it (too large, a type not allowed, too many uploads): the alert
 * says why. Files go to the team's review and are never offered back as links.
 *
 * @event taba-request-item-answered - The contact sent a text answer or uploaded a file;
 *   `event.detail.request` is the `PortalRequest` as the server answered it, `event.detail.item` the item.
 *
 * @csspart base - The request as a whole.
 * @csspart title - The request's title (a heading), after its number.
 * @csspart number - The request's number, e.g. `REQ-0001`.
 * @csspart meta - The line with the status, the project and the sent date.
 * @csspart status - The request's status badge, with `status-sent`, `status-in-progress`, `status-completed` or `status-cancelled`.
 * @csspart project - The project the request is about (absent when it is about none).
 * @csspart sent - The date the team sent the request.
 * @csspart progress - The label holding the progress text and bar; also `progress-none` when the request has no items.
 * @csspart progress-text - How many items were accepted, e.g. "2 of 5 accepted"; the bar's accessible name.
 * @csspart progress-bar - The `<progress>` bar: value accepted, max the item count.
 * @csspart message - The team's note to the contact.
 * @csspart closed - The note that a completed or cancelled request needs nothing more.
 * @csspart items - The list of items, in the team's order.
 * @csspart item - One item; also `item-awaiting-response`, `item-under-review`, `item-accepted` or `item-returned`.
 * @csspart prompt - What the item asks (a heading).
 * @csspart state - The item's state in words, with `state-awaiting-response`, `state-under-review`, `state-accepted` or `state-returned`.
 * @csspart return-reason - Why the team returned the answer (returned items only).
 * @csspart answer - The latest answer: `answer-text` or `answer-file`, and when it was sent (`answered-at`).
 * @csspart answer-label - "Your answer" and when it was sent, above it.
 * @csspart answer-text - The text answered, shown as plain text.
 * @csspart answer-file - The file provided: its name and size (never a link).
 * @csspart answered-at - When the latest answer was sent.
 * @csspart answer-form - The form answering a text item.
 * @csspart label - A field's label (answer, file, upload).
 * @csspart answer-input - The text area of a text item.
 * @csspart counter - How many characters are left; also `counter-over` past the limit.
 * @csspart send - The Send button; disabled while the answer is empty or too long.
 * @csspart upload-form - The form providing a file.
 * @csspart file-input - The file chooser of a file item.
 * @csspart upload - Shown while a file uploads: its label and `upload-progress`.
 * @csspart upload-progress - The upload's `<progress>` bar (bytes sent of the total; indeterminate until the browser reports them).
 * @csspart upload-button - The Upload button; disabled until a file is chosen.
 * @csspart announcement - A polite live region (visually hidden): "Answer sent", "… uploaded".
 * @csspart loading - Shown while the request loads.
 * @csspart empty - Shown when the request has no items.
 * @csspart notice - Shown when there is no client or no `request-id`.
 * @csspart error - An alert: loading failed, or an answer or upload failed (with Retry, unless the server refused it).
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
export class TabaRequestDetail extends PortalElement {
  static override styles = [baseStyles, requestSummaryStyles, requestDetailStyles];

  /** The id of the request to show (`req_…`). */
  @property({ attribute: 'request-id', reflect: true })
  accessor requestId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** The request as the latest answer or upload returned it: newer than the one loaded. */
  @state()
  private accessor answered: PortalRequest | null = null;

  /** What the polite live region says. */
  @state()
  private accessor announcement = '';

  /** Per item id; changed in place, followed by `requestUpdate()`. */
  readonly #work = new Map<string, ItemWork>();
  /** Counts what was shown: an answer that arrives after the request changed leaves the new one alone. */
  #shown = 0;
  /** Set by `focus()` before the request is shown: focus goes to it once it is. */
  #focusWhenShown = false;

  readonly #request = new Task(this, {
    args: () => [this.client, this.requestId] as const,
    task: async ([client, requestId]) => {
      if (!client || !requestId) return initialState;
      return client.requests.retrieve(requestId);
    },
    onComplete: () => {
      this.answered = null;
    },
  });

  /** Loads the request again (drafts are kept). */
  refresh(): Promise<void> {
    return this.#request.run();
  }

  /**
   * Focuses the request's heading, so that a screen reader reads what just opened. While the
   * request loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#request.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client') || changed.has('requestId')) {
      this.#shown++;
      this.#work.clear();
      this.answered = null;
      this.announcement = '';
    }
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#request.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override render(): unknown {
    return this.#request.render({
      initial: () => html`<p part="notice">${this.client ? requestStrings.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(requestStrings.loading),
      complete: (loaded) => this.#renderRequest(this.answered ?? loaded),
      error: (error) => errorAlert(error, requestStrings.loadFailed, () => void this.refresh()),
    });
  }

  #renderRequest(request: PortalRequest): TemplateResult {
    const text = requestStrings.detail;
    const closed = request.status === 'completed' || request.status === 'cancelled';
    return html`
      <article part="base" aria-labelledby="title">
        ${requestSummary(request)}
        ${request.message ? html`<p part="message" dir="auto">${request.message}</p>` : nothing}
        ${closed ? html`<p part="closed">${request.status === 'completed' ? text.closedCompleted : text.closedCancelled}</p>` : nothing}
        <p part="announcement" class="visually-hidden" role="status">${this.announcement}</p>
        ${request.items.length === 0
          ? html`<p part="empty">${requestStrings.noItems}</p>`
          : html`<ol part="items" aria-label=${text.items}>${request.items.map((item) => this.#renderItem(item, closed))}</ol>`}
      </article>
    `;
  }

  #renderItem(item: PortalRequestItem, closed: boolean): TemplateResult {
    const state = item.state.replace('_', '-');
    const form = closed || item.state === 'accepted' ? nothing : item.kind === 'text' ? this.#renderTextForm(item) : this.#renderFileForm(item);
    return html`
      <li part="item item-${state}">
        <h4 id="item-${item.id}" part="prompt" dir="auto" tabindex="-1">${item.prompt}</h4>
        <p><span part="state state-${state}">${requestStrings.itemState[item.state]}</span></p>
        ${item.state === 'returned' && item.returnReason
          ? html`<p part="return-reason"><strong>${requestStrings.detail.returnReason}</strong> ${item.returnReason}</p>`
          : nothing}
        ${item.answer ? this.#renderAnswer(item.answer) : nothing} ${form}
      </li>
    `;
  }

  #renderAnswer(answer: PortalRequestAnswer): TemplateResult {
    const text = requestStrings.detail;
    return html`
      <div part="answer">
        <p class="label" part="answer-label">
          ${text.yourAnswer} ·
          <time part="answered-at" datetime=${answer.answeredAt}>${text.answeredOn(formatDateTime(answer.answeredAt))}</time>
        </p>
        ${answer.file
          ? html`<p part="answer-file">${answer.file.name} (${formatFileSize(answer.file.size)})</p>`
          : html`<p part="answer-text" dir="auto">${answer.text}</p>`}
      </div>
    `;
  }

  #renderTextForm(item: PortalRequestItem): TemplateResult {
    const text = requestStrings.detail;
    const work = this.#work.get(item.id);
    const length = answerLength(work?.draft ?? '');
    const over = length > ANSWER_MAX_LENGTH;
    const busy = work?.busy ?? false;
    return html`
      <form id="form-${item.id}" part="answer-form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${(event: Event) => this.#onSubmit(event, item)}>
        <label for="answer-${item.id}" part="label">${item.answer ? text.newAnswer : text.yourAnswer}</label>
        <textarea
          id="answer-${item.id}"
          part="answer-input"
          rows="3"
          aria-describedby="item-${item.id} counter-${item.id}"
          aria-invalid=${over || refused(work?.failure) ? 'true' : 'false'}
          ?readonly=${busy}
          .value=${work?.draft ?? ''}
          @input=${(event: Event) => this.#onDraftInput(item, event)}
        ></textarea>
        <p id="counter-${item.id}" part=${over ? 'counter counter-over' : 'counter'}>
          ${over ? text.charactersOver(length - ANSWER_MAX_LENGTH) : text.charactersLeft(ANSWER_MAX_LENGTH - length)}
        </p>
        ${this.#renderFailure(item, work, text.refused, text.sendFailed)}
        <button
          type="submit"
          class="primary"
          part="send"
          aria-describedby="item-${item.id}"
          ?disabled=${length === 0 || over}
          aria-disabled=${busy ? 'true' : 'false'}
        >
          ${busy ? text.sending : text.send}
        </button>
      </form>
    `;
  }

  #renderFileForm(item: PortalRequestItem): TemplateResult {
    const text = requestStrings.detail;
    const work = this.#work.get(item.id);
    const busy = work?.busy ?? false;
    const progress = work?.progress;
    const name = work?.file?.name ?? '';
    return html`
      <form id="form-${item.id}" part="upload-form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${(event: Event) => this.#onSubmit(event, item)}>
        <label for="file-${item.id}" part="label">${item.answer ? text.newFile : text.file}</label>
        <input
          type="file"
          id="file-${item.id}"
          part="file-input"
          aria-describedby="item-${item.id}"
          aria-invalid=${refused(work?.failure) ? 'true' : 'false'}
          ?disabled=${busy}
          @change=${(event: Event) => this.#onFileChange(item, event)}
        />
        ${progress
          ? html`<div part="upload">
              <label for="upload-${item.id}" part="label">${text.uploading(name)}</label>
              <progress
                id="upload-${item.id}"
                part="upload-progress"
                max=${progress.total || nothing}
                value=${progress.total ? progress.sent : nothing}
              ></progress>
            </div>`
          : nothing}
        ${this.#renderFailure(item, work, text.uploadFailed(name), text.uploadFailed(name))}
        <button
          type="submit"
          class="primary"
          part="upload-button"
          aria-describedby="item-${item.id}"
          ?disabled=${!work?.file}
          aria-disabled=${busy ? 'true' : 'false'}
        >
          ${text.upload}
        </button>
      </form>
    `;
  }

  #renderFailure(item: PortalRequestItem, work: ItemWork | undefined, refusedSummary: string, failedSummary: string): TemplateResult | typeof nothing {
    const failure = work?.failure;
    if (!failure) return nothing;
    // What the server refused fails the same way again: no Retry, its reason says what to change.
    return refused(failure) ? errorAlert(failure.error, refusedSummary) : errorAlert(failure.error, failedSummary, () => void this.#submit(item));
  }

  #workOf(itemId: string): ItemWork {
    let work = this.#work.get(itemId);
    if (!work) this.#work.set(itemId, (work = { draft: '', busy: false }));
    return work;
  }

  #onDraftInput(item: PortalRequestItem, event: Event): void {
    const work = this.#workOf(item.id);
    work.draft = (event.target as HTMLTextAreaElement).value;
    // A refusal was about the text as it was; once it changes, the alert no longer applies.
    if (refused(work.failure)) work.failure = undefined;
    this.requestUpdate();
  }

  #onFileChange(item: PortalRequestItem, event: Event): void {
    const work = this.#workOf(item.id);
    work.file = (event.target as HTMLInputElement).files?.[0];
    work.failure = undefined;
    this.requestUpdate();
  }

  #onSubmit(event: Event, item: PortalRequestItem): void {
    event.preventDefault();
    void this.#submit(item);
  }

  async #submit(item: PortalRequestItem): Promise<void> {
    const client = this.client;
    const requestId = this.requestId;
    const work = this.#workOf(item.id);
    if (!client || !requestId || work.busy) return;
    const shown = this.#shown;
    const text = work.draft.trim();
    const file = work.file;
    let answer: Promise<PortalRequest>;
    if (item.kind === 'text') {
      const length = answerLength(text);
      if (length === 0 || length > ANSWER_MAX_LENGTH) return;
      const key = work.sentWith?.text === text ? work.sentWith.key : newIdempotencyKey();
      work.sentWith = { text, key };
      answer = client.requests.answer(requestId, item.id, { text }, { idempotencyKey: key });
    } else {
      if (!file) return;
      work.progress = { sent: 0, total: 0 };
      answer = client.requests.uploadFile(requestId, item.id, file, {
        onUploadProgress: (sent, total) => {
          work.progress = { sent, total };
          this.requestUpdate();
        },
      });
    }
    work.busy = true;
    work.failure = undefined;
    this.requestUpdate();
    try {
      const request = await answer;
      if (shown === this.#shown) this.#answeredDone(request, item, file?.name);
    } catch (error) {
      if (shown === this.#shown) this.#answerFailed(item, work, error);
    }
  }

  // Outside the async #submit on purpose: rollup keeps the whole strings table in a widget bundle
  // when one of its values is read after an await there.
  #answeredDone(request: PortalRequest, item: PortalRequestItem, fileName: string | undefined): void {
    this.#work.delete(item.id);
    this.answered = request;
    const input = this.renderRoot.querySelector<HTMLInputElement>(`#file-${item.id}`);
    if (input) input.value = '';
    // Emptied first, so that the same words for a second item are announced again.
    this.announcement = '';
    const announcement = fileName === undefined ? requestStrings.detail.sent : requestStrings.detail.uploaded(fileName);
    void this.updateComplete.then(() => {
      this.announcement = announcement;
    });
    // The form's button is disabled now (nothing to send): focus goes to the item, whose new state follows.
    focusAfterUpdate(this, `#item-${item.id}`);
    const answeredItem = request.items.find((candidate) => candidate.id === item.id);
    if (answeredItem) emit(this, 'taba-request-item-answered', { request, item: answeredItem });
  }

  #answerFailed(item: PortalRequestItem, work: ItemWork, error: unknown): void {
    work.busy = false;
    work.progress = undefined;
    work.failure = { error };
    this.requestUpdate();
    // Focus goes to what to do next: Retry, or the answer to change.
    focusAfterUpdate(this, refused(work.failure) ? `#${item.kind === 'text' ? 'answer' : 'file'}-${item.id}` : `#form-${item.id} [part~='retry']`);
  }
}
