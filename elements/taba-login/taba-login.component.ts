import { consume } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { CustomerChoice, VerifySignIn } from '../../sdk/contract/sign-in.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { failedCall, failureMessage } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
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

/**
 * @tagname taba-login
 * @summary Email sign-in for portal contacts: email → a one-time code (or the emailed link) →
 * signed in, with a choice of customer when the email belongs to several.
 *
 * Needs a client with `signIn` (a `PortalClient`) from `<taba-portal>` or any other provider of
 * `portalClientContext`. When signing in succeeds, that client holds the session. `<taba-portal>`
 * shows this form by itself when it has a `workspace` but no session.
 *
 * @event taba-signed-in - The contact is signed in; the client from context now holds the session.
 *
 * @csspart base - The sign-in form as a whole.
 * @csspart heading - The "Sign in" heading.
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
 * @csspart resend - The "Send a new code" button.
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
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Hints and secondary text.
 * @cssprop --taba-color-surface - Background of fields and buttons.
 * @cssprop --taba-color-border - Field and button borders.
 * @cssprop --taba-color-accent - Primary buttons and focus colour.
 * @cssprop --taba-color-on-accent - Text on primary buttons.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text, border, and an invalid field's border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaLogin extends LitElement {
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

  #choiceToken = '';
  /** The link token last checked, so that each link is tried once. */
  #linkTokenTried: string | undefined;

  /** Focuses the field the contact should fill in next. */
  override focus(options?: FocusOptions): void {
    const control = this.renderRoot?.querySelector<HTMLElement>("#email, #code, [part~='customer']");
    if (control) control.focus(options);
    else super.focus(options);
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

  override render(): unknown {
    if (!this.client?.signIn) return html`<p part="notice">${strings.common.notConnected}</p>`;
    if (this.pending === 'link') return loadingStatus(strings.login.signingIn);
    return html`
      <section part="base" aria-labelledby="heading">
        <h2 id="heading" part="heading">${strings.login.heading}</h2>
        ${this.#renderStep()}
      </section>
    `;
  }

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
        <button type="button" part="resend" aria-disabled=${busy ? 'true' : 'false'} @click=${this.#onResend}>
          ${resending ? text.sending : text.sendNewCode}
        </button>
      </div>
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
    if (this.pending) return;
    void this.#request(this.email, 'resend');
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
    // People paste codes as "123 456" or "123-456".
    const code = (this.#input('code')?.value ?? '').replace(/[\s-]/g, '');
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
      const sent = await client.signIn.request({ workspaceId: workspace, email });
      if (client !== this.client) return;
      this.email = email;
      this.validMinutes = Math.max(1, Math.round(sent.expiresInSeconds / 60));
      this.resent = call === 'resend';
      this.step = 'code';
      const code = this.#input('code');
      if (code) code.value = '';
      focusAfterUpdate(this, '#code');
    } catch (error) {
      if (client === this.client) this.#showFailure(this.#describe(error, call === 'send' ? 'email' : 'code'));
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
      if (context === 'code') return failure(errors.codeWrong, 'code');
      if (context === 'link') return failure(errors.linkInvalid);
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
  }

  #input(id: 'email' | 'code'): HTMLInputElement | null {
    return this.renderRoot?.querySelector<HTMLInputElement>(`#${id}`) ?? null;
  }
}
