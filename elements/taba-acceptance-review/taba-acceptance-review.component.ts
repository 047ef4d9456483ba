import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalAcceptance } from '../../sdk/contract/acceptances.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatDateTime, formatFileSize } from '../shared/format.js';
import { PortalElement } from '../shared/portal-element.js';
import { failedCall } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import { openLink } from '../shared/open-link.js';
import { acceptanceDates, acceptanceStatusBadge } from '../taba-acceptance-card/acceptance-card.template.js';
import { acceptanceStrings } from '../taba-acceptance-card/acceptance.strings.js';
import { acceptanceCardStyles } from '../taba-acceptance-card/taba-acceptance-card.styles.js';
import { acceptanceReviewStyles } from './taba-acceptance-review.styles.js';

/**
 * The contract's ACCEPTANCE_FULL_NAME_MAX_LENGTH, repeated: importing a value from the contract
 * would bring its schema library into the widget's bundle.
 */
const FULL_NAME_MAX_LENGTH = 200;

/** What failed last, and where it is shown (wrapped: anything can be thrown). */
interface Failure {
  /** `accept`: the form's alert; `changed`: the document changed, in place of the form; `open` / `certificate`: beside their button. */
  kind: 'accept' | 'changed' | 'open' | 'certificate';
  error: unknown;
}

/**
 * @tagname taba-acceptance-review
 * @summary One document sent for formal acceptance: the exact document to read, then a typed full
 * name, a confirmation and Accept; once accepted, who accepted and when, and the evidence certificate.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * "View document" asks the server for a new short-lived link to the exact document under acceptance
 * at the moment it is pressed, then opens it. Accept stays disabled until the full name is typed and
 * the box is ticked, and sends the SHA-256 the contact was shown, so the server records the document
 * the contact saw. An expired acceptance shows a notice instead of the form; a document that changed
 * after it was sent shows an alert saying to ask the business to send it again.
 *
 * @event taba-acceptance-accepted - The contact accepted; `event.detail.acceptance` is the updated acceptance.
 *
 * @csspart base - The acceptance as a whole.
 * @csspart title - The acceptance's title (a heading; `focus()` moves here).
 * @csspart status - The status badge, with `status-pending`, `status-accepted` or `status-expired`.
 * @csspart meta - The line with the project and dates.
 * @csspart project - The project the document belongs to (absent when none).
 * @csspart sent - The sent date.
 * @csspart expires - The expiry date (or the date it expired), with `expires-soon` while less than 48 hours are left.
 * @csspart accepted-on - The date it was accepted.
 * @csspart message - The team's note, when there is one.
 * @csspart document - The document under acceptance: name, size, View document, fingerprint.
 * @csspart subheading - The "Document" heading inside it.
 * @csspart document-name - The document's file name.
 * @csspart document-size - The document's size, e.g. "2.4 MB".
 * @csspart view-document - The "View document" button; says "Opening…" (and is `aria-disabled`) while the link is made.
 * @csspart fingerprint - The document's SHA-256, in small print.
 * @csspart form - The acceptance form, while pending.
 * @csspart label - A field's label: the full name, and the confirmation next to its checkbox.
 * @csspart full-name - The full-name input.
 * @csspart confirm - The "I have read and accept this document" checkbox.
 * @csspart hint - What Accept needs, above the button.
 * @csspart accept - The Accept button: disabled until both are given; says "Accepting…" (and is `aria-disabled`) while it is sent.
 * @csspart document-changed - Holds the alert shown instead of the form when the document changed after it was sent.
 * @csspart expired - The notice shown instead of the form once the acceptance has expired.
 * @csspart outcome - Who accepted and when, once accepted.
 * @csspart certificate - The "Download certificate" button.
 * @csspart loading - Shown while the acceptance loads.
 * @csspart notice - Shown when there is no client or no `acceptance-id`.
 * @csspart error - An alert: loading, opening the document, accepting or the certificate failed, or the document changed.
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
export class TabaAcceptanceReview extends PortalElement {
  static override styles = [baseStyles, acceptanceCardStyles, acceptanceReviewStyles];

  /** The id of the acceptance to review (`acc_…`). */
  @property({ attribute: 'acceptance-id', reflect: true })
  accessor acceptanceId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  @state()
  private accessor fullName = '';

  @state()
  private accessor confirmed = false;

  /** What is under way: accepting, opening the document, or preparing the certificate. */
  @state()
  private accessor busy: 'accept' | 'open' | 'certificate' | null = null;

  @state()
  private accessor failure: Failure | null = null;

  /** The acceptance as the server answered after this contact's accept, or after it refused it as expired. */
  @state()
  private accessor changedHere: PortalAcceptance | null = null;

  /** Set by `focus()` before the acceptance is shown: focus goes to it once it is. */
  #focusWhenShown = false;

  readonly #acceptance = new Task(this, {
    args: () => [this.client, this.acceptanceId] as const,
    task: async ([client, acceptanceId]) => {
      if (!client || !acceptanceId) return initialState;
      return client.acceptances.retrieve(acceptanceId);
    },
  });

  /**
   * Focuses the acceptance's heading, so that a screen reader reads what just opened. While it
   * loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#acceptance.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#acceptance.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('acceptanceId') || changed.has('client')) {
      this.fullName = '';
      this.confirmed = false;
      this.busy = null;
      this.failure = null;
      this.changedHere = null;
    }
  }

  override render(): unknown {
    const text = acceptanceStrings;
    return this.#acceptance.render({
      initial: () => html`<p part="notice">${this.client ? text.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(text.loadingOne),
      complete: (loaded) => this.#renderAcceptance(this.changedHere?.id === loaded.id ? this.changedHere : loaded),
      error: (error) => errorAlert(error, text.loadOneFailed, () => void this.#acceptance.run()),
    });
  }

  #renderAcceptance(acceptance: PortalAcceptance): TemplateResult {
    const text = acceptanceStrings;
    const { document } = acceptance;
    return html`
      <article part="base" aria-labelledby="title">
        <div class="heading">
          <h3 id="title" part="title" tabindex="-1">${acceptance.title}</h3>
          ${acceptanceStatusBadge(acceptance.status)}
        </div>
        <p part="meta">
          ${acceptance.projectName ? html`<span part="project">${acceptance.projectName}</span>` : nothing}
          ${acceptanceDates(acceptance)}
        </p>
        ${acceptance.message ? html`<p part="message" dir="auto">${acceptance.message}</p>` : nothing}
        <section part="document" aria-labelledby="document-heading">
          <h4 id="document-heading" part="subheading">${text.document}</h4>
          <p><span part="document-name">${document.name}</span> <span part="document-size">${formatFileSize(document.size)}</span></p>
          ${this.#failed('open', text.openFailed)}
          <button
            type="button"
            part="view-document"
            aria-disabled=${this.busy === 'open' ? 'true' : 'false'}
            @click=${() => void this.#openDocument(acceptance)}
          >
            ${this.busy === 'open' ? text.opening : text.viewDocument}<span class="visually-hidden"> ${document.name}</span>
          </button>
          <p part="fingerprint">${text.fingerprint(document.sha256)}</p>
        </section>
        ${acceptance.status === 'accepted'
          ? this.#renderAccepted(acceptance)
          : acceptance.status === 'expired'
            ? html`<p part="expired" role="status" tabindex="-1">${text.expiredNotice}</p>`
            : this.failure?.kind === 'changed'
              ? html`<div part="document-changed" tabindex="-1">${errorAlert(this.failure.error, text.documentChanged)}</div>`
              : this.#renderForm(acceptance)}
      </article>
    `;
  }

  #failed(kind: Failure['kind'], summary: string): TemplateResult | typeof nothing {
    return this.failure?.kind === kind ? errorAlert(this.failure.error, summary) : nothing;
  }

  #renderForm(acceptance: PortalAcceptance): TemplateResult {
    const text = acceptanceStrings;
    const accepting = this.busy === 'accept';
    const ready = this.fullName.trim() !== '' && this.confirmed;
    return html`
      <form part="form" novalidate @submit=${(event: Event) => this.#onSubmit(event, acceptance)}>
        ${this.#failed('accept', text.acceptFailed)}
        <label for="full-name" part="label">${text.fullName}</label>
        <input
          id="full-name"
          part="full-name"
          autocomplete="name"
          maxlength=${FULL_NAME_MAX_LENGTH}
          .value=${this.fullName}
          @input=${(event: Event) => (this.fullName = (event.target as HTMLInputElement).value)}
        />
        <label class="check" part="label">
          <input
            type="checkbox"
            part="confirm"
            .checked=${this.confirmed}
            @change=${(event: Event) => (this.confirmed = (event.target as HTMLInputElement).checked)}
          />
          ${text.confirm}
        </label>
        <p part="hint">${text.acceptHint}</p>
        <button type="submit" class="primary" part="accept" ?disabled=${!ready} aria-disabled=${accepting ? 'true' : 'false'}>
          ${accepting ? text.accepting : text.accept}
        </button>
      </form>
    `;
  }

  #renderAccepted(acceptance: PortalAcceptance): TemplateResult {
    const text = acceptanceStrings;
    const time = acceptance.acceptedAt ? formatDateTime(acceptance.acceptedAt) : '';
    return html`
      <p part="outcome" role="status" tabindex="-1">${text.acceptedBy(acceptance.acceptedName ?? '', time)}</p>
      ${this.#failed('certificate', text.certificateFailed)}
      <button
        type="button"
        part="certificate"
        aria-disabled=${this.busy === 'certificate' ? 'true' : 'false'}
        @click=${() => void this.#downloadCertificate(acceptance)}
      >
        ${this.busy === 'certificate' ? text.downloadingCertificate : text.downloadCertificate}
      </button>
    `;
  }

  #onSubmit(event: Event, acceptance: PortalAcceptance): void {
    event.preventDefault();
    if (this.fullName.trim() === '' || !this.confirmed) return;
    void this.#run('accept', async (client) => {
      const accepted = await client.acceptances.accept(acceptance.id, {
        fullName: this.fullName.trim(),
        confirmed: true,
        documentSha256: acceptance.document.sha256,
      });
      return () => {
        this.changedHere = accepted;
        focusAfterUpdate(this, "[part~='outcome']");
        emit(this, 'taba-acceptance-accepted', { acceptance: accepted });
      };
    }, (error) => {
      const code = failedCall(error)?.code;
      if (code === 'acceptance_expired') {
        // Past its expiry while the contact was reading: show it as the server now sees it.
        this.changedHere = { ...acceptance, status: 'expired', expiresSoon: false };
        focusAfterUpdate(this, "[part~='expired']");
        return;
      }
      this.failure = { kind: code === 'document_changed' ? 'changed' : 'accept', error };
      focusAfterUpdate(this, code === 'document_changed' ? "[part~='document-changed']" : "[part~='accept']");
    });
  }

  #openDocument(acceptance: PortalAcceptance): Promise<void> {
    return this.#run('open', async (client) => {
      // A new link at every press: one made earlier may have expired (they last minutes).
      const link = await client.acceptances.createDocumentLink(acceptance.id);
      return () => openLink(link.url, acceptance.document.name);
    });
  }

  #downloadCertificate(acceptance: PortalAcceptance): Promise<void> {
    return this.#run('certificate', async (client) => {
      const pdf = await client.acceptances.downloadCertificate(acceptance.id);
      return () => {
        const url = URL.createObjectURL(pdf);
        openLink(url, acceptanceStrings.certificateName(acceptance.title));
        // The click has started the download from the object URL; the PDF need not stay in memory.
        setTimeout(() => URL.revokeObjectURL(url));
      };
    });
  }

  /**
   * Runs one action at a time (a press while one runs does nothing: the buttons are aria-disabled,
   * so they keep focus). Its result applies only if the contact is still on the same acceptance;
   * a failure is shown as `work`'s kind unless `failed` handles it.
   */
  async #run(
    kind: 'accept' | 'open' | 'certificate',
    work: (client: PortalApi) => Promise<() => void>,
    failed?: (error: unknown) => void,
  ): Promise<void> {
    const { client, acceptanceId } = this;
    if (!client || this.busy) return;
    this.busy = kind;
    this.failure = null;
    let apply: () => void;
    try {
      apply = await work(client);
    } catch (error) {
      apply = () => (failed ? failed(error) : (this.failure = { kind, error }));
    }
    if (client !== this.client || acceptanceId !== this.acceptanceId) return;
    this.busy = null;
    apply();
  }
}
