import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalBrand } from '../../sdk/contract/profile.js';
import type { CustomerChoice, VerifySignIn } from '../../sdk/contract/sign-in.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { portalLocale } from '../shared/localize.js';
import { PortalElement } from '../shared/portal-element.js';
import { failedCall, failureMessage } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import { brandAccentProperties } from '../shared/brand-accent.js';
import { codeIn, digitsOf } from './code-input.js';
import { signInStrings } from './sign-in.strings.js';
import { loginStyles } from './taba-login.styles.js';

type LoginStep = 'email' | 'code' | 'customer' | 'signed-in';

/** Which call is on its way; it decides which button says so. */
type PendingCall = 'send' | 'resend' | 'verify' | 'link' | 'choose';

/** What a failure is shown as, and which field (if any) it is about. */
interface LoginFailure {
  message: string;
  /** A second line from the server, e.g. its Retry-After wording. */
  detail: string | undefined;
  requestId: string | undefined;
  field: 'email' | 'code' | null;
}

const CODE_PATTERN = /^[0-9]{6}$/;

/** How long "Send a new code" waits after a new code was sent, unless the server says how long. */
export const RESEND_COOLDOWN_SECONDS = 30;

/** The style properties a brand colour sets on the host. */
const BRAND_PROPERTIES = Object.keys(brandAccentProperties('#000000') ?? {});

/** How the code got into the field: typing waits for Enter, a whole code pasted or filled in goes at once. */
const WHOLE_CODE_INPUT = new Set(['', 'insertFromPaste', 'insertFromDrop', 'insertReplacementText']);

/**
 * @tagname taba-login
 * @summary Email sign-in for portal contacts: email → a one-time code (or the emailed link) →
 * signed in, with a choice of customer when the email belongs to several.
 *
 * Needs a client with `signIn` (a `PortalClient`) from `<taba-portal>` or any other provider of
 * `portalClientContext`. When signing in succeeds, that client holds the session. `<taba-portal>`
 * shows this form by itself when it has a `workspace` but no session.
 *
 * With a client that has `brand` (a `PortalClient` has), the form shows whose portal it is: the
 * business's logo, "Sign in to <name>", and its brand colour as the accent unless the page set
 * `--taba-color-accent`. The code field takes a pasted code with spaces, dashes or words around it
 * and signs in at once; "Send a new code" waits 30 seconds after a new code was sent (or as long as
 * the server asks), counting down. An expired, replaced or used link and too many wrong codes each
 * get their own message (docs/sign-in.md).
 *
 * @event taba-signed-in - The contact is signed in; the client from context now holds the session.
 *
 * @csspart base - The sign-in form as a whole: a centred card.
 * @csspart brand - Holds the business's logo, above the heading (only with a logo).
 * @csspart logo - The business's logo.
 * @csspart heading - The "Sign in" or "Sign in to <business>" heading.
 * @csspart intro - The sentence above the email field.
 * @csspart form - The email form or the code form.
 * @csspart label - A field's label.
 * @csspart input - A text field; also `email` or `code`.
 * @csspart email - The email field.
 * @csspart code - The one-time code field.
 * @csspart hint - Help text under a field or above the customer choice.
 * @csspart submit - The Send code and Verify buttons.
 * @csspart sent - The message that a code was sent.
 * @csspart change-email - The "Use a different email" button.
 * @csspart resend - The "Send a new code" button; "Resend code in 27 s" while it waits.
 * @csspart resend-status - Announces to screen readers that a new code can be sent again (not shown).
 * @csspart choose-heading - The question above the customer choice.
 * @csspart customers - The list of customers to choose from.
 * @csspart customer - One customer's button.
 * @csspart error - The alert explaining what went wrong.
 * @csspart error-detail - The server's own words inside the alert, when it sent any.
 * @csspart error-reference - The request id to quote, inside the alert.
 * @csspart loading - Shown while an emailed link is being checked, or a customer being opened.
 * @csspart signed-in - Shown once signed in (when the form stays on the page).
 * @csspart notice - Shown when there is no client that can sign in, or no workspace.
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
export class TabaLogin extends PortalElement {
  static override styles = [baseStyles, loginStyles];

  /** The workspace whose portal the contact signs in to (`ws_…`). Needed to send a code. */
  @property({ reflect: true })
  accessor workspace: string | undefined;

  /** The token from an emailed sign-in link; when set, it is checked at once. */
  @property({ attribute: 'link-token' })
  accessor linkToken: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  @state()
  private accessor step: LoginStep = 'email';

  /** The address the code was sent to. */
  @state()
  private accessor email = '';

  @state()
  private accessor validMinutes = 10;

  /** Whether the code step follows "Send a new code". */
  @state()
  private accessor resent = false;

  @state()
  private accessor customers: CustomerChoice[] = [];

  @state()
  private accessor pending: PendingCall | null = null;

  @state()
  private accessor failure: LoginFailure | null = null;

  /** Seconds until "Send a new code" works again; 0 when it works. */
  @state()
  private accessor resendWait = 0;

  /** What the resend live region says: that a new code can be sent again, once the wait is over. */
  @state()
  private accessor resendAnnouncement = '';

  #choiceToken = '';
  /** The link token last checked, so that each link is tried once. */
  #linkTokenTried: string | undefined;
  /** When the resend wait ends (ms since the epoch), and the timer counting it down. */
  #resendAt = 0;
  #resendTimer: ReturnType<typeof setInterval> | undefined;
  /** The brand colour the host's style properties were set for. */
  #brandColorShown: string | null = null;

  /** The business whose portal this is, from the public brand call; nothing while it loads or if it fails. */
  readonly #brand = new Task(this, {
    args: () => [this.client, this.workspace] as const,
    task: async ([client, workspace]): Promise<PortalBrand | null> => {
      if (!client?.brand || !workspace) return null;
      return client.brand(workspace);
    },
  });

  /** Focuses the field the contact should fill in next. */
  override focus(options?: FocusOptions): void {
    const control = this.renderRoot?.querySelector<HTMLElement>("#email, #code, [part~='customer']");
    if (control) control.focus(options);
    else super.focus(options);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#resendAt > Date.now()) this.#tickResend();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopResendTimer();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Another client means another session: start over.
    if (changed.has('client') && changed.get('client') !== undefined) this.#startOver();
    const linkToken = this.linkToken;
    if (linkToken && this.client?.signIn && linkToken !== this.#linkTokenTried && this.step !== 'signed-in') {
      this.#linkTokenTried = linkToken;
      void this.#verify({ linkToken }, 'link');
    }
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    this.#applyBrandColor(this.#brand.value ?? null);
  }

  override render(): unknown {
    if (!this.client?.signIn) return html`<p part="notice">${strings.common.notConnected}</p>`;
    if (this.pending === 'link') return loadingStatus(strings.login.signingIn);
    const brand = this.#brand.value ?? null;
    return html`
      <section part="base" aria-labelledby="heading">
        ${brand?.logoUrl
          ? html`<div part="brand"><img part="logo" src=${brand.logoUrl} alt="" @error=${this.#onLogoError} /></div>`
          : nothing}
        <h2 id="heading" part="heading">${brand?.name ? signInStrings.headingFor(brand.name) : strings.login.heading}</h2>
        ${this.#renderStep()}
      </section>
    `;
  }

  /**
   * The brand colour becomes the accent through style properties on the host (scripted style,
   * which a strict CSP allows; never a style attribute in the markup), still under the page's own
   * `--taba-color-*` (brand-color.ts).
   */
  #applyBrandColor(brand: PortalBrand | null): void {
    const color = brand?.accentColor ?? null;
    if (color === this.#brandColorShown) return;
    this.#brandColorShown = color;
    for (const name of BRAND_PROPERTIES) this.style.removeProperty(name);
    for (const [name, value] of Object.entries(brandAccentProperties(color) ?? {})) this.style.setProperty(name, value);
  }

  /** A logo that does not load is left out rather than shown broken. */
  readonly #onLogoError = (event: Event): void => {
    (event.target as HTMLElement).closest("[part~='brand']")?.setAttribute('hidden', '');
  };

  #renderStep(): TemplateResult {
    switch (this.step) {
      case 'email':
        return this.#renderEmailStep();
      case 'code':
        return this.#renderCodeStep();
      case 'customer':
        return this.#renderCustomerStep();
      case 'signed-in':
        return html`<p part="signed-in" role="status">${strings.login.signedIn}</p>`;
    }
  }

  #renderEmailStep(): TemplateResult {
    const text = strings.login;
    if (!this.workspace) {
      return html`${this.#renderFailure()}<p part="notice">${text.noWorkspace}</p>`;
    }
    const busy = this.pending === 'send';
    return html`
      <p part="intro">${text.intro}</p>
      <form part="form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${this.#onSend}>
        <label for="email" part="label">${text.emailLabel}</label>
        <input
          id="email"
          part="input email"
          type="email"
          name="email"
          autocomplete="email"
          spellcheck="false"
          required
          aria-describedby=${this.#describedBy('email', 'email-hint')}
          aria-invalid=${this.failure?.field === 'email' ? 'true' : 'false'}
          .value=${this.email}
        />
        <p id="email-hint" part="hint">${text.emailHint}</p>
        ${this.#renderFailure()}
        <div class="buttons">
          <button type="submit" class="primary" part="submit" aria-disabled=${busy ? 'true' : 'false'}>
            ${busy ? text.sending : text.send}
          </button>
        </div>
      </form>
    `;
  }

  #renderCodeStep(): TemplateResult {
    const text = strings.login;
    const verifying = this.pending === 'verify';
    const resending = this.pending === 'resend';
    const busy = this.pending !== null;
    return html`
      <p id="sent" part="sent" role="status">
        ${this.resent ? text.newCodeSent(this.email) : text.sentTo(this.email)} ${text.validFor(this.validMinutes)}
      </p>
      <form part="form" novalidate aria-busy=${verifying ? 'true' : 'false'} @submit=${this.#onVerify}>
        <label for="code" part="label">${text.codeLabel}</label>
        <input
          id="code"
          part="input code"
          type="text"
          name="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          pattern="[0-9]{6}"
          spellcheck="false"
          required
          aria-describedby=${this.#describedBy('code', 'code-hint')}
          aria-invalid=${this.failure?.field === 'code' ? 'true' : 'false'}
          @paste=${this.#onCodePaste}
          @input=${this.#onCodeInput}
        />
        <p id="code-hint" part="hint">${text.codeHint}</p>
        ${this.#renderFailure()}
        <div class="buttons">
          <button type="submit" class="primary" part="submit" aria-disabled=${busy ? 'true' : 'false'}>
            ${verifying ? text.verifying : text.verify}
          </button>
        </div>
      </form>
      <div class="buttons">
        <button type="button" part="change-email" aria-disabled=${busy ? 'true' : 'false'} @click=${this.#onChangeEmail}>
          ${text.useDifferentEmail}
        </button>
        <button type="button" part="resend" aria-disabled=${busy || this.resendWait > 0 ? 'true' : 'false'} @click=${this.#onResend}>
          ${resending ? text.sending : this.resendWait > 0 ? signInStrings.resendIn(this.resendWait) : text.sendNewCode}
        </button>
      </div>
      <p part="resend-status" class="visually-hidden" role="status">${this.resendAnnouncement}</p>
    `;
  }

  #renderCustomerStep(): TemplateResult {
    const text = strings.login;
    const busy = this.pending === 'choose';
    return html`
      <h3 id="choose" part="choose-heading">${text.chooseCustomer}</h3>
      <p id="choose-hint" part="hint">${text.chooseCustomerHint}</p>
      ${this.#renderFailure()}
      <ul part="customers" aria-labelledby="choose" aria-busy=${busy ? 'true' : 'false'}>
        ${this.customers.map(
          (customer) => html`
            <li>
              <button
                type="button"
                part="customer"
                aria-describedby="choose-hint"
                aria-disabled=${busy ? 'true' : 'false'}
                @click=${() => this.#onChoose(customer)}
              >
                ${customer.name}
              </button>
            </li>
          `,
        )}
      </ul>
      ${busy ? loadingStatus(text.signingIn) : nothing}
    `;
  }

  #renderFailure(): TemplateResult | typeof nothing {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`
      <div id="error" part="error" role="alert" tabindex="-1">
        <p part="error-message">${failure.message}</p>
        ${failure.detail ? html`<p part="error-detail">${failure.detail}</p>` : nothing}
        ${failure.requestId
          ? html`<p part="error-reference">${strings.common.errorReference(failure.requestId)}</p>`
          : nothing}
      </div>
    `;
  }

  /** The hints a field is described by, plus the alert when the alert is about that field. */
  #describedBy(field: 'email' | 'code', ...ids: string[]): string {
    if (field === 'code') ids.unshift('sent');
    if (this.failure?.field === field) ids.push('error');
    return ids.join(' ');
  }

  readonly #onSend = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.pending) return;
    const input = this.#input('email');
    const email = input?.value.trim() ?? '';
    const problem = !email ? strings.login.errors.emailMissing : input?.validity.typeMismatch ? strings.login.errors.emailInvalid : null;
    if (problem) this.#showFailure(this.#fieldFailure(problem, 'email'));
    else void this.#request(email, 'send');
  };

  readonly #onResend = (): void => {
    if (this.pending || this.resendWait > 0) return;
    void this.#request(this.email, 'resend');
  };

  /** A pasted code, in whatever text it came: its six digits replace the field, and it is checked at once. */
  readonly #onCodePaste = (event: ClipboardEvent): void => {
    const code = codeIn(event.clipboardData?.getData('text') ?? '');
    if (!code) return;
    event.preventDefault();
    const input = event.target as HTMLInputElement;
    input.value = code;
    input.form?.requestSubmit();
  };

  /** Keeps only digits while typing; a whole code filled in at once (by the browser or a drop) is checked at once. */
  readonly #onCodeInput = (event: Event): void => {
    const input = event.target as HTMLInputElement;
    const digits = digitsOf(input.value);
    if (digits !== input.value) input.value = digits;
    const inputType = (event as InputEvent).inputType ?? '';
    if (WHOLE_CODE_INPUT.has(inputType) && CODE_PATTERN.test(digits)) input.form?.requestSubmit();
  };

  readonly #onChangeEmail = (): void => {
    if (this.pending) return;
    this.failure = null;
    this.step = 'email';
    focusAfterUpdate(this, '#email');
  };

  readonly #onVerify = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.pending) return;
    // People paste codes as "123 456", "123-456" or "Your code is 123456".
    const typed = this.#input('code')?.value ?? '';
    const code = codeIn(typed) ?? digitsOf(typed);
    if (CODE_PATTERN.test(code) && this.workspace) {
      void this.#verify({ workspaceId: this.workspace, email: this.email, code }, 'verify');
    } else {
      this.#showFailure(this.#fieldFailure(strings.login.errors.codeInvalid, 'code'));
    }
  };

  #onChoose(customer: CustomerChoice): void {
    if (this.pending) return;
    void this.#verify({ choiceToken: this.#choiceToken, customerId: customer.id }, 'choose');
  }

  async #request(email: string, call: 'send' | 'resend'): Promise<void> {
    const { client, workspace } = this;
    if (!client?.signIn || !workspace) return;
    this.pending = call;
    this.failure = null;
    try {
      // The email is written in the language the form shows.
      const sent = await client.signIn.request({ workspaceId: workspace, email, locale: portalLocale() });
      if (client !== this.client) return;
      this.email = email;
      this.validMinutes = Math.max(1, Math.round(sent.expiresInSeconds / 60));
      this.resent = call === 'resend';
      this.step = 'code';
      // A first code may be followed by a new one at once; after that, a new code waits.
      if (call === 'resend') this.#waitToResend(RESEND_COOLDOWN_SECONDS);
      else this.#waitToResend(0);
      const code = this.#input('code');
      if (code) code.value = '';
      focusAfterUpdate(this, '#code');
    } catch (error) {
      if (client !== this.client) return;
      this.#showFailure(this.#describe(error, call === 'send' ? 'email' : 'code'));
      const limited = failedCall(error);
      if (call === 'resend' && limited?.status === 429) this.#waitToResend(limited.retryAfterSeconds ?? RESEND_COOLDOWN_SECONDS);
    } finally {
      if (client === this.client) this.pending = null;
    }
  }

  async #verify(input: VerifySignIn, call: 'verify' | 'link' | 'choose'): Promise<void> {
    const client = this.client;
    if (!client?.signIn) return;
    this.pending = call;
    this.failure = null;
    try {
      const result = await client.signIn.verify(input);
      if (client !== this.client) return;
      if (result.status === 'signed_in') {
        this.step = 'signed-in';
        emit(this, 'taba-signed-in', {});
        return;
      }
      this.#choiceToken = result.choiceToken;
      this.customers = result.customers;
      this.step = 'customer';
      focusAfterUpdate(this, "[part~='customer']");
    } catch (error) {
      if (client !== this.client) return;
      const context = call === 'verify' ? 'code' : call;
      const failure = this.#describe(error, context);
      // A dead link or choice cannot be retried: back to the email, which can ask for a new code.
      if (failure.field === null && context !== 'code' && failedCall(error)?.status === 401) this.step = 'email';
      this.#showFailure(failure);
    } finally {
      if (client === this.client) this.pending = null;
    }
  }

  /** Turns a failed call into words; `context` is what the contact was doing. */
  #describe(error: unknown, context: 'email' | 'code' | 'link' | 'choose'): LoginFailure {
    const errors = strings.login.errors;
    const call = failedCall(error);
    const failure = (message: string, field: LoginFailure['field'] = null, detail?: string): LoginFailure => ({
      message,
      detail,
      requestId: call?.requestId,
      field,
    });
    if (!call) return failure(strings.common.unexpectedError);
    if (call.status === 401) {
      if (context === 'code') return call.code === 'too_many_attempts' ? failure(signInStrings.errors.tooManyAttempts) : failure(errors.codeWrong, 'code');
      if (context === 'link') return failure(this.#linkRefusal(call.code));
      if (context === 'choose') return failure(errors.choiceExpired);
    }
    if (call.status === 429) {
      return call.retryAfterSeconds
        ? failure(errors.rateLimitedFor(strings.login.waitTime(call.retryAfterSeconds)))
        : failure(errors.rateLimited, null, call.detail);
    }
    if (call.code === 'portal_disabled') return failure(errors.portalDisabled);
    if (call.code === 'origin_not_allowed' || (call.status === 0 && call.apiBase)) return failure(failureMessage(error));
    if (call.status === 400 && context === 'email') return failure(errors.emailInvalid, 'email');
    if (call.status === 400 && context === 'code') return failure(errors.codeInvalid, 'code');
    if (call.status === 0) return failure(errors.network);
    return failure(strings.common.unexpectedError);
  }

  /** Why an emailed link did not sign in, by the server's code (docs/sign-in.md). */
  #linkRefusal(code: string | undefined): string {
    const errors = signInStrings.errors;
    switch (code) {
      case 'sign_in_link_expired':
        return errors.linkExpired;
      case 'sign_in_link_replaced':
        return errors.linkReplaced;
      case 'sign_in_link_used':
        return errors.linkUsed;
      case 'too_many_attempts':
        return errors.linkTooManyAttempts;
      default:
        return strings.login.errors.linkInvalid;
    }
  }

  /** Makes "Send a new code" wait `seconds` (0: not at all), counting down on the button. */
  #waitToResend(seconds: number): void {
    this.#stopResendTimer();
    this.resendAnnouncement = '';
    this.#resendAt = seconds > 0 ? Date.now() + seconds * 1000 : 0;
    this.resendWait = seconds > 0 ? Math.ceil(seconds) : 0;
    if (seconds > 0) this.#tickResend();
  }

  #tickResend(): void {
    this.#stopResendTimer();
    const tick = () => {
      const left = Math.max(0, Math.ceil((this.#resendAt - Date.now()) / 1000));
      if (left !== this.resendWait) this.resendWait = left;
      if (left > 0) return;
      this.#stopResendTimer();
      this.#resendAt = 0;
      if (this.step === 'code') this.resendAnnouncement = signInStrings.resendReady;
    };
    this.#resendTimer = setInterval(tick, 250);
    tick();
  }

  #stopResendTimer(): void {
    if (this.#resendTimer !== undefined) clearInterval(this.#resendTimer);
    this.#resendTimer = undefined;
  }

  #fieldFailure(message: string, field: 'email' | 'code'): LoginFailure {
    return { message, detail: undefined, requestId: undefined, field };
  }

  /** Shows the alert and moves focus to the field it is about, or to the alert itself. */
  #showFailure(failure: LoginFailure): void {
    this.failure = failure;
    void this.updateComplete.then(() => {
      const field = failure.field ? this.#input(failure.field) : null;
      if (field) {
        field.focus();
        field.select();
      } else {
        this.renderRoot.querySelector<HTMLElement>('#error')?.focus();
      }
    });
  }

  #startOver(): void {
    this.step = 'email';
    this.pending = null;
    this.failure = null;
    this.customers = [];
    this.#choiceToken = '';
    this.#waitToResend(0);
  }

  #input(id: 'email' | 'code'): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${id}`) ?? null;
  }
}

