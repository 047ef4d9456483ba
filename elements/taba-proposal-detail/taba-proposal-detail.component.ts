import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalProposal } from '../../sdk/contract/proposals.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatDate, formatMoney } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { proposalStatusBadge } from '../shared/status-badge.js';
import { strings } from '../shared/strings.js';
import '../taba-message-thread/taba-message-thread.js';
import { proposalDetailStyles } from './taba-proposal-detail.styles.js';

/** Same limit as the contract's `DeclineProposal.reason`. */
const DECLINE_REASON_MAX_LENGTH = 2000;

type DecisionKind = 'accept' | 'decline';

type Decision = { kind: 'accept' } | { kind: 'decline'; reason: string };

/**
 * @tagname taba-proposal-detail
 * @summary One proposal in full, with Accept and Decline (each confirmed inline) while it is pending.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * @event taba-proposal-accepted - The contact accepted the proposal; `event.detail.proposal` is the updated proposal.
 * @event taba-proposal-declined - The contact declined the proposal; `event.detail.proposal` is the updated proposal.
 * @event taba-thread-created - From the conversation opened with "Ask a question"; see `<taba-message-thread>`.
 * @event taba-message-sent - From the conversation opened with "Ask a question"; see `<taba-message-thread>`.
 *
 * @csspart base - The proposal as a whole.
 * @csspart header - The title and the status badge.
 * @csspart title - The proposal title (a heading).
 * @csspart status - The status badge, with `status-pending`, `status-accepted`, `status-declined` or `status-expired`.
 * @csspart details - The list of facts: number, fee model, fee, dates, decline reason.
 * @csspart fact - One fact: its term and value.
 * @csspart amount - The fee, formatted in its currency.
 * @csspart subheading - The "Summary" heading.
 * @csspart summary - The proposal's summary text.
 * @csspart outcome - The confirmation shown after the contact decided.
 * @csspart actions - The area holding the Accept and Decline buttons or a confirmation step.
 * @csspart accept - The Accept button.
 * @csspart decline - The Decline button.
 * @csspart confirmation - The inline confirmation step.
 * @csspart question - Its question ("Accept this proposal?").
 * @csspart label - The decline reason's label.
 * @csspart reason - The optional decline reason text area.
 * @csspart reason-count - How many characters the reason may still have.
 * @csspart confirm - The Confirm button of the confirmation step.
 * @csspart cancel - The Cancel button of the confirmation step.
 * @csspart ask - The "Ask a question" button, which opens the conversation about this proposal (started by the first message when there is none).
 * @csspart thread - The `<taba-message-thread>` about this proposal, shown after "Ask a question".
 * @csspart loading - Shown while the proposal loads.
 * @csspart notice - Shown when there is no client or no `proposal-id`.
 * @csspart error - An alert: loading failed, or accepting/declining failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button shown when loading failed.
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
export class TabaProposalDetail extends PortalElement {
  static override styles = [baseStyles, proposalDetailStyles];

  /** The id of the proposal to show (`prop_…`). */
  @property({ attribute: 'proposal-id', reflect: true })
  accessor proposalId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** Which decision is waiting for confirmation. */
  @state()
  private accessor confirming: DecisionKind | null = null;

  @state()
  private accessor declineReason = '';

  /** Why the last accept/decline failed (wrapped: anything can be thrown). */
  @state()
  private accessor decisionFailure: { error: unknown } | null = null;

  /** The proposal as the server returned it after this contact's decision. */
  @state()
  private accessor decided: PortalProposal | null = null;

  /** Whether the conversation about this proposal is open ("Ask a question"). */
  @state()
  private accessor asking = false;

  /** Set by `focus()` before the proposal is shown: focus goes to it once it is. */
  #focusWhenShown = false;

  readonly #proposal = new Task(this, {
    args: () => [this.client, this.proposalId] as const,
    task: async ([client, proposalId]) => {
      if (!client || !proposalId) return initialState;
      return client.proposals.retrieve(proposalId);
    },
  });

  readonly #decision = new Task(this, {
    autoRun: false,
    task: ([client, proposalId, decision]: readonly [PortalApi, string, Decision]) =>
      decision.kind === 'accept'
        ? client.proposals.accept(proposalId)
        : client.proposals.decline(proposalId, decision.reason ? { reason: decision.reason } : {}),
  });

  /**
   * Focuses the proposal's heading, so that a screen reader reads what just opened. While the
   * proposal loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#proposal.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#proposal.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('proposalId') || changed.has('client')) {
      this.confirming = null;
      this.declineReason = '';
      this.decisionFailure = null;
      this.decided = null;
      this.asking = false;
    }
  }

  override render(): unknown {
    return this.#proposal.render({
      initial: () =>
        html`<p part="notice">
          ${this.client ? strings.proposalDetail.noneSelected : strings.common.notConnected}
        </p>`,
      pending: () => loadingStatus(strings.proposalDetail.loading),
      complete: (loaded) => this.#renderProposal(this.decided?.id === loaded.id ? this.decided : loaded),
      error: (error) => errorAlert(error, strings.proposalDetail.loadFailed, () => void this.#proposal.run()),
    });
  }

  #renderProposal(proposal: PortalProposal): TemplateResult {
    const text = strings.proposalDetail;
    const date = (timestamp: string) =>
      html`<time datetime=${timestamp}>${formatDate(timestamp)}</time>`;
    return html`
      <article part="base" aria-labelledby="title">
        <header class="header" part="header">
          <h3 id="title" part="title" tabindex="-1">${proposal.title}</h3>
          ${proposalStatusBadge(proposal.status)}
        </header>
        <dl part="details" aria-label=${text.details}>
          ${this.#fact(text.number, proposal.number)}
          ${this.#fact(text.status, strings.proposalStatus[proposal.status])}
          ${this.#fact(text.feeModel, strings.feeModel[proposal.feeModel])}
          ${this.#fact(text.fee, html`<span part="amount">${formatMoney(proposal.fee)}</span>`)}
          ${this.#fact(text.sentAt, date(proposal.sentAt))}
          ${this.#fact(text.expiresAt, date(proposal.expiresAt))}
          ${proposal.decidedAt ? this.#fact(text.decidedAt, date(proposal.decidedAt)) : nothing}
          ${proposal.declineReason ? this.#fact(text.declineReason, proposal.declineReason) : nothing}
        </dl>
        ${proposal.summary
          ? html`<section class="summary" aria-labelledby="summary-heading">
              <h4 id="summary-heading" part="subheading">${text.summary}</h4>
              <p part="summary" dir="auto">${proposal.summary}</p>
            </section>`
          : nothing}
        ${this.#renderOutcome()}
        ${proposal.status === 'pending' ? this.#renderActions() : nothing}
        ${this.asking
          ? html`<taba-message-thread part="thread" subject-type="proposal" subject-id=${proposal.id}></taba-message-thread>`
          : html`<div class="buttons">
              <button type="button" part="ask" @click=${this.#onAsk}>${strings.proposalDetail.askQuestion}</button>
            </div>`}
      </article>
    `;
  }

  #fact(term: string, value: unknown): TemplateResult {
    return html`<div class="fact" part="fact"><dt>${term}</dt><dd>${value}</dd></div>`;
  }

  #renderOutcome(): TemplateResult | typeof nothing {
    const status = this.decided?.status;
    if (status !== 'accepted' && status !== 'declined') return nothing;
    const message = status === 'accepted' ? strings.proposalDetail.accepted : strings.proposalDetail.declined;
    return html`<p part="outcome" role="status" tabindex="-1">${message}</p>`;
  }

  #renderActions(): TemplateResult {
    const text = strings.proposalDetail;
    return html`
      <div part="actions" role="group" aria-label=${text.actions}>
        ${this.decisionFailure ? errorAlert(this.decisionFailure.error, null) : nothing}
        ${this.confirming === 'accept'
          ? this.#renderConfirmation(text.confirmAccept, 'primary', nothing)
          : this.confirming === 'decline'
            ? this.#renderConfirmation(text.confirmDecline, 'danger', this.#renderReasonField())
            : html`
                <div class="buttons">
                  <button type="button" class="primary" part="accept" @click=${() => this.#ask('accept')}>
                    ${text.accept}
                  </button>
                  <button type="button" part="decline" @click=${() => this.#ask('decline')}>${text.decline}</button>
                </div>
              `}
      </div>
    `;
  }

  #renderConfirmation(
    question: string,
    confirmClass: string,
    fields: TemplateResult | typeof nothing,
  ): TemplateResult {
    const busy = this.#decision.status === TaskStatus.PENDING;
    return html`
      <div
        part="confirmation"
        role="group"
        aria-labelledby="question"
        aria-busy=${busy ? 'true' : 'false'}
        @keydown=${this.#onConfirmationKeydown}
      >
        <p id="question" class="question" part="question">${question}</p>
        ${fields}
        <div class="buttons">
          <button
            type="button"
            class=${confirmClass}
            part="confirm"
            aria-disabled=${busy ? 'true' : 'false'}
            @click=${this.#onConfirm}
          >
            ${strings.common.confirm}
          </button>
          <button type="button" part="cancel" aria-disabled=${busy ? 'true' : 'false'} @click=${this.#onCancel}>
            ${strings.common.cancel}
          </button>
        </div>
      </div>
    `;
  }

  #renderReasonField(): TemplateResult {
    const left = DECLINE_REASON_MAX_LENGTH - this.declineReason.length;
    return html`
      <label for="reason" part="label">${strings.proposalDetail.declineReasonLabel}</label>
      <textarea
        id="reason"
        part="reason"
        rows="4"
        maxlength=${DECLINE_REASON_MAX_LENGTH}
        aria-describedby="reason-count"
        .value=${this.declineReason}
        @input=${this.#onReasonInput}
      ></textarea>
      <p id="reason-count" part="reason-count">${strings.proposalDetail.charactersLeft(left)}</p>
    `;
  }

  #ask(kind: DecisionKind): void {
    this.confirming = kind;
    focusAfterUpdate(this, kind === 'accept' ? "[part~='confirm']" : "[part~='reason']");
  }

  readonly #onAsk = (): void => {
    this.asking = true;
    // The button is gone: focus the conversation's heading once it has loaded, so it is read out.
    focusAfterUpdate(this, 'taba-message-thread');
  };

  readonly #onCancel = (): void => {
    if (this.#decision.status === TaskStatus.PENDING) return;
    const kind = this.confirming;
    this.confirming = null;
    if (kind) focusAfterUpdate(this, `[part~='${kind}']`);
  };

  readonly #onConfirmationKeydown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') this.#onCancel();
  };

  readonly #onReasonInput = (event: Event): void => {
    this.declineReason = (event.target as HTMLTextAreaElement).value;
  };

  readonly #onConfirm = (): void => {
    const kind = this.confirming;
    if (kind === 'accept') void this.#decide({ kind });
    if (kind === 'decline') void this.#decide({ kind, reason: this.declineReason.trim() });
  };

  async #decide(decision: Decision): Promise<void> {
    const { client, proposalId } = this;
    if (!client || !proposalId || this.#decision.status === TaskStatus.PENDING) return;
    this.decisionFailure = null;
    await this.#decision.run([client, proposalId, decision]);
    // The contact may have moved to another proposal while this one was being decided.
    if (client !== this.client || proposalId !== this.proposalId) return;
    this.confirming = null;
    const proposal = this.#decision.value;
    if (this.#decision.status !== TaskStatus.COMPLETE || !proposal) {
      this.decisionFailure = { error: this.#decision.error };
      focusAfterUpdate(this, `[part~='${decision.kind}']`);
      return;
    }
    this.decided = proposal;
    this.declineReason = '';
    focusAfterUpdate(this, "[part~='outcome']");
    emit(this, decision.kind === 'accept' ? 'taba-proposal-accepted' : 'taba-proposal-declined', { proposal });
  }
}
