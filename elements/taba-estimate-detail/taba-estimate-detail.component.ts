import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalEstimate } from '../../sdk/contract/estimates.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatDate, formatDateTime } from '../shared/format.js';
import { newIdempotencyKey } from '../shared/idempotency.js';
import { PortalElement } from '../shared/portal-element.js';
import { failedCall } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import { estimateMeta, estimateStatusStyles } from '../taba-estimate-list/estimate-card.js';
import { estimateStrings } from '../taba-estimate-list/taba-estimate.strings.js';
import { lineItemsStyles, lineItemsTable, totalsList } from './line-items.js';
import { estimateDetailStyles } from './taba-estimate-detail.styles.js';

/**
 * The contract's ESTIMATE_APPROVAL_NAME_MAX_LENGTH and ESTIMATE_DECLINE_REASON_MAX_LENGTH,
 * repeated: a value imported from the contract module would bring its schemas into the bundle.
 */
const NAME_MAX_LENGTH = 200;
const REASON_MAX_LENGTH = 1_000;

type Action = 'approve' | 'decline';

/** Why the decision was not recorded, shown in place of the form's alert: the server's 409s. */
type Notice = 'changed' | 'expired' | 'notPending';

/** What the estimate's decision part shows: the drafts, what is under way, and why a decision was not recorded. */
interface DecisionView {
  fullName: string;
  reason: string;
  /** Whether the decline form is shown. */
  declining: boolean;
  /** The fields (by their form's action) left empty when their form was sent. */
  missing: Partial<Record<Action, true>>;
  busy: Action | null;
  /** The last decision that failed, shown in its form (wrapped: anything can be thrown). */
  failure: { action: Action; error: unknown } | null;
  notice: Notice | null;
  /** The estimate as the server answered a decision here (newer than the one loaded). */
  decided: PortalEstimate | null;
}

const EMPTY: DecisionView = { fullName: '', reason: '', declining: false, missing: {}, busy: null, failure: null, notice: null, decided: null };

/** Code points after trimming, as the server counts them. */
function codePoints(text: string): number {
  return [...text.trim()].length;
}

/** The server refused what was sent (it would refuse it again): no Retry, the reason says what to change. */
function refused(error: unknown): boolean {
  const status = failedCall(error)?.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * @tagname taba-estimate-detail
 * @summary One estimate: its lines (description, quantity, unit price, discount, tax, line total),
 * totals, notes and valid-until date; while it awaits a decision the contact approves it with their
 * typed full name, or declines it with a reason. Once decided, who approved and when, or the
 * decline and its reason.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * Approve sends the name and the estimate's `version` shown, so the server records the version the
 * contact saw. When the team changed the estimate meanwhile (409 `estimate_changed`), it reloads
 * and says so, keeping the typed name; past its valid-until date (409 `estimate_expired`) it shows
 * as expired; when it was decided elsewhere (409 `estimate_not_pending`) it reloads. Each draft
 * (approval, decline) is sent with one `Idempotency-Key`, so a Retry after a lost answer never
 * records twice. A decline needs a reason of 1–1,000 characters.
 *
 * @event taba-estimate-approved - The contact approved; `event.detail.estimate` is the updated estimate.
 * @event taba-estimate-declined - The contact declined; `event.detail.estimate` is the updated estimate.
 *
 * @csspart base - The estimate as a whole.
 * @csspart title - The estimate's number and title (a heading; `focus()` moves here).
 * @csspart number - The estimate's number, e.g. `EST-0001`.
 * @csspart meta - The line with the status, the total, the valid-until date and the project.
 * @csspart status - The status badge, with `status-sent`, `status-approved`, `status-declined`, `status-expired` or `status-converted`.
 * @csspart total - The total in the meta line.
 * @csspart valid-until - The last day the estimate can be approved.
 * @csspart project - The project the estimate is for (absent when none).
 * @csspart sent - When the team sent it.
 * @csspart lines-region - The scrollable region holding the lines table.
 * @csspart lines - The lines table; each row is a `line` with `line-description`, `line-quantity`, `line-unit-price`, `line-discount`, `line-tax` and `line-total`.
 * @csspart totals - The totals: `discount-total` (when any), `subtotal`, `tax-total` and `total`.
 * @csspart lines-empty - Said instead of the table when the estimate has no lines.
 * @csspart subheading - A section's heading: "Notes", "Your decision".
 * @csspart notes - The team's notes.
 * @csspart decision - The approve and decline forms, while the estimate awaits a decision.
 * @csspart approve-form - The approval form.
 * @csspart label - A field's label (full name, reason).
 * @csspart hint - What a field or a button needs, under its label.
 * @csspart full-name - The full-name input.
 * @csspart approve - The Approve button.
 * @csspart decline-open - The "Decline…" button that shows the decline form.
 * @csspart decline-form - The decline form.
 * @csspart reason - The reason text area.
 * @csspart counter - Characters left for the reason; also `counter-over` past the limit.
 * @csspart decline - The button that declines.
 * @csspart cancel - Closes the decline form.
 * @csspart field-error - What a field is missing.
 * @csspart decision-notice - Why a decision was not recorded (the estimate changed, expired or was decided already); also `decision-notice-expired`.
 * @csspart outcome - Who approved and when, or when it was declined, once decided.
 * @csspart decline-reason - The reason given when it was declined.
 * @csspart loading - Shown while the estimate loads.
 * @csspart notice - Shown when there is no client or no `estimate-id`.
 * @csspart error - An alert: loading failed, or a decision failed (with Retry, unless the server refused it).
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
export class TabaEstimateDetail extends PortalElement {
  static override styles = [baseStyles, estimateStatusStyles, lineItemsStyles, estimateDetailStyles];

  /** The id of the estimate to show (`est_…`). */
  @property({ attribute: 'estimate-id', reflect: true })
  accessor estimateId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** Everything the decision shows, replaced as a whole (one reactive state keeps the widget small). */
  @state()
  private accessor view: DecisionView = EMPTY;

  /** Each action's last body and the key it was sent with: the same key while the body is unchanged. */
  readonly #sentWith = new Map<Action, { body: string; key: string }>();
  /** Set by `focus()` before the estimate is shown: focus goes to it once it is. */
  #focusWhenShown: string | null = null;

  readonly #estimate = new Task(this, {
    args: () => [this.client, this.estimateId] as const,
    task: async ([client, estimateId]) => {
      if (!client || !estimateId) return initialState;
      return client.estimates.retrieve(estimateId);
    },
    onComplete: () => {
      this.#set({ decided: null });
    },
  });

  /** Loads the estimate again (what the contact typed is kept). */
  refresh(): Promise<void> {
    return this.#estimate.run();
  }

  /**
   * Focuses the estimate's heading, so that a screen reader reads what just opened. While the
   * estimate loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#estimate.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = "[part~='title']";
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client') || changed.has('estimateId')) {
      this.view = EMPTY;
      this.#sentWith.clear();
    }
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#estimate.status;
    const target = status === TaskStatus.COMPLETE ? this.#focusWhenShown : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = null;
    shown.focus();
  }

  override render(): unknown {
    return this.#estimate.render({
      initial: () => html`<p part="notice">${this.client ? estimateStrings.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(estimateStrings.loading),
      complete: (loaded) => this.#renderEstimate(this.view.decided ?? loaded),
      error: (error) => errorAlert(error, estimateStrings.loadFailed, () => void this.refresh()),
    });
  }

  #renderEstimate(estimate: PortalEstimate): TemplateResult {
    const text = estimateStrings.detail;
    return html`
      <article part="base" aria-labelledby="title">
        <h3 id="title" part="title" tabindex="-1"><span part="number">${estimate.number}</span> ${estimate.title}</h3>
        ${estimateMeta(estimate)}
        <p part="sent" class="hint"><time datetime=${estimate.sentAt}>${estimateStrings.sentOn(formatDate(estimate.sentAt))}</time></p>
        ${lineItemsTable(estimate.lines, estimate.currency)} ${totalsList(estimate.totals)}
        ${estimate.notes
          ? html`<section aria-labelledby="notes-heading">
              <h4 id="notes-heading" part="subheading">${text.notes}</h4>
              <p part="notes" dir="auto">${estimate.notes}</p>
            </section>`
          : nothing}
        ${this.#renderNotice()} ${estimate.status === 'sent' ? this.#renderDecision(estimate) : this.#renderOutcome(estimate)}
      </article>
    `;
  }

  #renderNotice(): TemplateResult | typeof nothing {
    const { notice } = this.view;
    if (!notice) return nothing;
    const text = estimateStrings.detail;
    const expired = notice === 'expired';
    return html`<p part=${expired ? 'decision-notice decision-notice-expired' : 'decision-notice'} role="alert" tabindex="-1">
      ${text[notice]}
    </p>`;
  }

  #renderOutcome(estimate: PortalEstimate): TemplateResult | typeof nothing {
    const text = estimateStrings.detail;
    const time = (timestamp: string) => formatDateTime(timestamp);
    if ((estimate.status === 'approved' || estimate.status === 'converted') && estimate.approvedAt) {
      return html`<div part="outcome" role="status" tabindex="-1">
        <p>${text.approvedBy(estimate.approvedName ?? '', time(estimate.approvedAt))}</p>
        ${estimate.status === 'converted' ? html`<p>${text.convertedNote}</p>` : nothing}
      </div>`;
    }
    if (estimate.status === 'declined' && estimate.declinedAt) {
      return html`<div part="outcome" role="status" tabindex="-1">
        <p>${text.declinedOn(time(estimate.declinedAt))}</p>
        ${estimate.declineReason ? html`<p part="decline-reason"><strong>${text.declineReason}</strong> ${estimate.declineReason}</p>` : nothing}
      </div>`;
    }
    // Expired: the badge says so; the notice says what to do when the contact just tried to approve.
    return estimate.status === 'expired' && !this.view.notice
      ? html`<p part="decision-notice decision-notice-expired">${text.expired}</p>`
      : nothing;
  }

  #renderDecision(estimate: PortalEstimate): TemplateResult {
    const text = estimateStrings.detail;
    const { busy, missing, failure, fullName, declining } = this.view;
    const approving = busy === 'approve';
    const nameMissing = missing.approve === true;
    const approveRefused = failure?.action === 'approve' && refused(failure.error);
    return html`
      <section part="decision" aria-labelledby="decision-heading">
        <h4 id="decision-heading" part="subheading">${text.decision}</h4>
        <form part="approve-form" novalidate aria-busy=${approving ? 'true' : 'false'} @submit=${(event: Event) => this.#onApprove(event, estimate)}>
          ${this.#renderFailure('approve', text.approveFailed, estimate)}
          <label for="full-name" part="label">${text.fullName}</label>
          <input
            id="full-name"
            part="full-name"
            autocomplete="name"
            maxlength=${NAME_MAX_LENGTH}
            aria-describedby="approve-hint${nameMissing ? ' name-error' : ''}"
            aria-invalid=${nameMissing || approveRefused ? 'true' : 'false'}
            ?readonly=${approving}
            .value=${fullName}
            @input=${(event: Event) => this.#onInput('approve', (event.target as HTMLInputElement).value)}
          />
          ${nameMissing ? html`<p id="name-error" part="field-error">${text.nameMissing}</p>` : nothing}
          <p id="approve-hint" class="hint" part="hint">${text.approveHint(estimate.version)}</p>
          <div class="actions">
            <button type="submit" class="primary" part="approve" aria-disabled=${approving ? 'true' : 'false'}>
              ${approving ? text.approving : text.approve}
            </button>
            ${declining
              ? nothing
              : html`<button type="button" part="decline-open" aria-expanded="false" aria-controls="decline-form" @click=${this.#openDecline}>
                  ${text.declineOpen}
                </button>`}
          </div>
        </form>
        ${declining ? this.#renderDeclineForm(estimate) : nothing}
      </section>
    `;
  }

  #renderDeclineForm(estimate: PortalEstimate): TemplateResult {
    const text = estimateStrings.detail;
    const { busy, missing, failure, reason } = this.view;
    const declining = busy === 'decline';
    const length = codePoints(reason);
    const over = length > REASON_MAX_LENGTH;
    const reasonMissing = missing.decline === true;
    const declineRefused = failure?.action === 'decline' && refused(failure.error);
    return html`
      <form id="decline-form" part="decline-form" novalidate aria-busy=${declining ? 'true' : 'false'} @submit=${(event: Event) => this.#onDecline(event, estimate)}>
        ${this.#renderFailure('decline', text.declineFailed, estimate)}
        <label for="reason" part="label">${text.reason}</label>
        <p id="reason-hint" class="hint" part="hint">${text.reasonHint}</p>
        <textarea
          id="reason"
          part="reason"
          rows="3"
          aria-describedby="reason-hint counter${reasonMissing ? ' reason-error' : ''}"
          aria-invalid=${reasonMissing || over || declineRefused ? 'true' : 'false'}
          ?readonly=${declining}
          .value=${reason}
          @input=${(event: Event) => this.#onInput('decline', (event.target as HTMLTextAreaElement).value)}
        ></textarea>
        ${reasonMissing ? html`<p id="reason-error" part="field-error">${text.reasonMissing}</p>` : nothing}
        <p id="counter" part=${over ? 'counter counter-over' : 'counter'}>
          ${over ? text.charactersOver(length - REASON_MAX_LENGTH) : text.charactersLeft(REASON_MAX_LENGTH - length)}
        </p>
        <div class="actions">
          <button type="submit" class="danger" part="decline" ?disabled=${over} aria-disabled=${declining ? 'true' : 'false'}>
            ${declining ? text.declining : text.decline}
          </button>
          <button type="button" part="cancel" @click=${this.#closeDecline}>${text.cancel}</button>
        </div>
      </form>
    `;
  }

  #renderFailure(action: Action, summary: string, estimate: PortalEstimate): TemplateResult | typeof nothing {
    const { failure } = this.view;
    if (failure?.action !== action) return nothing;
    // What the server refused fails the same way again: no Retry, its reason says what to change.
    return refused(failure.error) ? errorAlert(failure.error, summary) : errorAlert(failure.error, summary, () => void this.#send(action, estimate));
  }

  #set(change: Partial<DecisionView>): void {
    this.view = { ...this.view, ...change };
  }

  readonly #openDecline = (): void => {
    this.#set({ declining: true });
    focusAfterUpdate(this, '#reason');
  };

  readonly #closeDecline = (): void => {
    const { busy, failure, missing } = this.view;
    if (busy === 'decline') return;
    this.#set({ declining: false, failure: failure?.action === 'decline' ? null : failure, missing: { ...missing, decline: undefined } });
    focusAfterUpdate(this, "[part~='decline-open']");
  };

  #onInput(action: Action, value: string): void {
    const { missing, failure } = this.view;
    this.#set({
      ...(action === 'approve' ? { fullName: value } : { reason: value }),
      missing: value.trim() === '' ? missing : { ...missing, [action]: undefined },
      // A refusal was about the text as it was; once it changes, the alert no longer applies.
      failure: failure?.action === action && refused(failure.error) ? null : failure,
    });
  }

  #onApprove(event: Event, estimate: PortalEstimate): void {
    event.preventDefault();
    void this.#send('approve', estimate);
  }

  #onDecline(event: Event, estimate: PortalEstimate): void {
    event.preventDefault();
    void this.#send('decline', estimate);
  }

  async #send(action: Action, estimate: PortalEstimate): Promise<void> {
    const { client, estimateId } = this;
    const { busy, fullName, reason, missing } = this.view;
    if (!client || !estimateId || busy) return;
    const value = action === 'approve' ? fullName.trim() : reason.trim();
    if (value === '') {
      this.#set({ missing: { ...missing, [action]: true } });
      focusAfterUpdate(this, action === 'approve' ? '#full-name' : '#reason');
      return;
    }
    if (action === 'decline' && codePoints(value) > REASON_MAX_LENGTH) return;
    const body = action === 'approve' ? { name: value, version: estimate.version } : { reason: value };
    const sent = JSON.stringify(body);
    const previous = this.#sentWith.get(action);
    const key = previous?.body === sent ? previous.key : newIdempotencyKey();
    this.#sentWith.set(action, { body: sent, key });
    this.#set({ busy: action, failure: null, notice: null });
    let result: { estimate: PortalEstimate } | { error: unknown };
    try {
      const answer =
        action === 'approve'
          ? await client.estimates.approve(estimateId, { name: value, version: estimate.version }, { idempotencyKey: key })
          : await client.estimates.decline(estimateId, { reason: value }, { idempotencyKey: key });
      result = { estimate: answer };
    } catch (error) {
      result = { error };
    }
    // The contact moved on to another estimate meanwhile: nothing here applies to it.
    if (client !== this.client || estimateId !== this.estimateId) return;
    this.#set({ busy: null });
    if ('estimate' in result) this.#decidedHere(action, result.estimate);
    else this.#failed(action, estimate, result.error);
  }

  // Outside the async #send on purpose: rollup keeps the whole strings table in a widget bundle
  // when one of its values is read after an await there.
  #decidedHere(action: Action, estimate: PortalEstimate): void {
    this.#sentWith.clear();
    this.#set({ decided: estimate, declining: false });
    focusAfterUpdate(this, "[part~='outcome']");
    emit(this, action === 'approve' ? 'taba-estimate-approved' : 'taba-estimate-declined', { estimate });
  }

  #failed(action: Action, estimate: PortalEstimate, error: unknown): void {
    const code = failedCall(error)?.code;
    if (code === 'estimate_expired') {
      // Past its valid-until date while the contact was reading: show it as the server now sees it.
      this.#set({ notice: 'expired', decided: { ...estimate, status: 'expired' } });
      focusAfterUpdate(this, "[part~='decision-notice']");
      return;
    }
    if (code === 'estimate_changed' || code === 'estimate_not_pending') {
      // Show the estimate as it is now; what the contact typed stays for the new version.
      this.#set({ notice: code === 'estimate_changed' ? 'changed' : 'notPending' });
      this.#sentWith.clear();
      this.#focusWhenShown = "[part~='decision-notice']";
      void this.refresh();
      return;
    }
    this.#set({ failure: { action, error } });
    // Focus goes to what to do next: Retry, or the text to change.
    focusAfterUpdate(this, refused(error) ? (action === 'approve' ? '#full-name' : '#reason') : `[part~='${action}-form'] [part~='retry']`);
  }
}
