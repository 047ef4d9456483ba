import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PaymentMethod, PortalInvoiceCard } from '../../sdk/contract/invoices.js';
import { minorUnits } from '../../sdk/contract/money.js';
import type { PortalPaymentProof } from '../../sdk/contract/payment-proofs.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { formatMoney } from '../shared/format.js';
import { newIdempotencyKey } from '../shared/idempotency.js';
import { PortalElement } from '../shared/portal-element.js';
import { failedCall } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import { invoiceStrings } from '../taba-invoice-list/taba-invoice.strings.js';
import { amountExample, parseMajorAmount, type AmountProblem } from './amount.js';
import { paymentProofFormStyles } from './taba-payment-proof-form.styles.js';

/** The contract's payment methods, in the order the select offers them. */
const METHODS: readonly PaymentMethod[] = ['bank_transfer', 'card', 'cash', 'cheque', 'other'];
/** The contract's longest reference, in characters after trimming. */
const REFERENCE_MAX_LENGTH = 100;

type Field = 'amount' | 'paidOn' | 'reference' | 'file';
/** The fields in the order they are shown: focus goes to the first one with a problem. */
const FIELDS: readonly Field[] = ['amount', 'paidOn', 'reference', 'file'];

/** The field a server refusal is about, by its code. */
const FIELD_OF_CODE: Partial<Record<string, Field>> = {
  invalid_amount: 'amount',
  invalid_paid_on: 'paidOn',
  reference_required: 'reference',
  reference_too_long: 'reference',
  file_too_large: 'file',
  file_type_not_allowed: 'file',
  file_type_mismatch: 'file',
  empty_file: 'file',
  file_required: 'file',
};

/** What the form shows: the draft, what is wrong with it, and the sending of it. */
interface FormView {
  amount: string;
  paidOn: string;
  method: PaymentMethod;
  reference: string;
  file: File | undefined;
  /** What is wrong with each field, from the last attempt to send. */
  problems: Partial<Record<Field, string>>;
  busy: boolean;
  /** Bytes sent of the upload under way; `total` is 0 until the browser reports it. */
  progress: { sent: number; total: number } | null;
  /** Wrapped: anything can be thrown. */
  failure: { error: unknown } | null;
  /** The confirmation shown once a proof was sent. */
  submitted: string;
}

const EMPTY: FormView = {
  amount: '',
  paidOn: '',
  method: 'bank_transfer',
  reference: '',
  file: undefined,
  problems: {},
  busy: false,
  progress: null,
  failure: null,
  submitted: '',
};

/** Today in the reader's calendar, `YYYY-MM-DD`: the latest day a payment can have been made. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The server refused what was sent (it would refuse it again): no Retry, the reason says what to change. */
function refused(error: unknown): boolean {
  const status = failedCall(error)?.status;
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}

/**
 * @tagname taba-payment-proof-form
 * @summary Tells the team an invoice was paid: the amount, the date, the method, the transfer's
 * reference and a receipt or bank confirmation, uploaded with its progress shown. The team reviews
 * it; the invoice's balance moves only once they accept it.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`, and
 * `invoice-id`; it loads the invoice for its currency and amount due unless `invoice` is given
 * (`<taba-invoice-detail>` hands over the one it shows).
 *
 * The amount is typed in major units as people write them in the portal's language ("1,234.50" in
 * en-US, "1.234,50" in de-DE) and read into minor units by string arithmetic, never a float: more
 * decimals than the currency has (12.345 USD, 12.5 JPY), zero, and anything else that is not an
 * amount are refused in words next to the field. The date cannot be in the future and the
 * reference is 1–100 characters. Each draft is sent with one `Idempotency-Key`, so a Retry after a
 * lost answer never sends it twice; the server's refusals (a file too large, a type not allowed,
 * an invoice that cannot be paid) are shown with their reason.
 *
 * @event taba-payment-proof-submitted - The proof was stored; `event.detail.proof` is the
 *   `PortalPaymentProof` (under review), `event.detail.invoiceId` the invoice's id.
 *
 * @csspart base - The form's section.
 * @csspart heading - The section's heading.
 * @csspart intro - What happens with the proof.
 * @csspart form - The form.
 * @csspart field - One field: its label, hint (when it has one), control and what is wrong with it.
 * @csspart label - A field's label (and the upload's).
 * @csspart hint - A field's hint, under its label.
 * @csspart amount - The amount input; its hint names the currency and the amount due.
 * @csspart paid-on - The date input.
 * @csspart method - The method select.
 * @csspart reference - The reference input.
 * @csspart file-input - The file chooser.
 * @csspart field-error - What is wrong with a field, next to it.
 * @csspart upload - Shown while the proof uploads: its label and `upload-progress`.
 * @csspart upload-progress - The upload's `<progress>` bar (bytes sent of the total; indeterminate until the browser reports them).
 * @csspart submit - The "Send proof of payment" button; says "Sending…" (and is `aria-disabled`) while it is sent.
 * @csspart submitted - The confirmation once a proof was sent (a polite live region).
 * @csspart loading - Shown while the invoice loads.
 * @csspart notice - Shown when there is no client or no `invoice-id`.
 * @csspart error - An alert: loading failed, or sending failed (with Retry, unless the server refused it).
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
export class TabaPaymentProofForm extends PortalElement {
  static override styles = [baseStyles, paymentProofFormStyles];

  /** The id of the invoice the payment was for (`inv_…`). */
  @property({ attribute: 'invoice-id', reflect: true })
  accessor invoiceId: string | undefined;

  /** The invoice, when the page has it already (its `id` must be `invoice-id`); otherwise the form loads it. */
  @property({ attribute: false })
  accessor invoice: PortalInvoiceCard | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** Everything the form shows, replaced as a whole (one reactive state keeps the widget small). */
  @state()
  private accessor view: FormView = EMPTY;

  /** The draft last sent and its key: the same key while nothing changed, so a retry never sends twice. */
  #sentWith: { draft: string; key: string } | undefined;

  readonly #loaded = new Task(this, {
    args: () => [this.client, this.invoiceId, this.#given] as const,
    task: async ([client, invoiceId, given]) => {
      if (!client || !invoiceId || given) return initialState;
      return client.invoices.retrieve(invoiceId);
    },
  });

  /** The invoice handed over, when it is the one named by `invoice-id`. */
  get #given(): PortalInvoiceCard | undefined {
    return this.invoice && this.invoice.id === this.invoiceId ? this.invoice : undefined;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client') || changed.has('invoiceId')) this.#reset(true);
  }

  override render(): unknown {
    const given = this.#given;
    if (given) return this.#renderForm(given);
    return this.#loaded.render({
      initial: () => html`<p part="notice">${this.client ? invoiceStrings.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(invoiceStrings.proof.loading),
      complete: (invoice) => this.#renderForm(invoice),
      error: (error) => errorAlert(error, invoiceStrings.proof.loadFailed, () => void this.#loaded.run()),
    });
  }

  #renderForm(invoice: PortalInvoiceCard): TemplateResult {
    const text = invoiceStrings.proof;
    const { busy, progress, problems, submitted } = this.view;
    return html`
      <section part="base" aria-labelledby="proof-heading">
        <h4 id="proof-heading" part="heading">${text.heading}</h4>
        <p part="intro">${text.intro}</p>
        <p part="submitted" role="status" ?hidden=${!submitted} tabindex="-1">${submitted}</p>
        <form part="form" novalidate aria-busy=${busy ? 'true' : 'false'} @submit=${(event: Event) => this.#onSubmit(event, invoice)}>
          ${this.#renderFailure(invoice)}
          ${this.#field(
            'amount',
            text.amount,
            html`<input
              id="amount"
              part="amount"
              inputmode="decimal"
              autocomplete="off"
              aria-describedby=${this.#describedBy('amount', 'amount-hint')}
              aria-invalid=${problems.amount ? 'true' : 'false'}
              ?readonly=${busy}
              .value=${this.view.amount}
              @input=${(event: Event) => this.#onInput('amount', (event.target as HTMLInputElement).value)}
            />`,
            text.amountHint(invoice.currency, formatMoney(invoice.amountDue, invoice.currency)),
          )}
          ${this.#field(
            'paidOn',
            text.paidOn,
            html`<input
              id="paidOn"
              part="paid-on"
              type="date"
              max=${today()}
              aria-describedby=${this.#describedBy('paidOn')}
              aria-invalid=${problems.paidOn ? 'true' : 'false'}
              ?readonly=${busy}
              .value=${this.view.paidOn}
              @input=${(event: Event) => this.#onInput('paidOn', (event.target as HTMLInputElement).value)}
            />`,
          )}
          <div class="field" part="field">
            <label for="method" part="label">${text.method}</label>
            <select
              id="method"
              part="method"
              ?disabled=${busy}
              @change=${(event: Event) => this.#set({ method: (event.target as HTMLSelectElement).value as PaymentMethod })}
            >
              ${METHODS.map((method) => html`<option value=${method} .selected=${method === this.view.method}>${invoiceStrings.method[method]}</option>`)}
            </select>
          </div>
          ${this.#field(
            'reference',
            text.reference,
            html`<input
              id="reference"
              part="reference"
              maxlength=${REFERENCE_MAX_LENGTH}
              autocomplete="off"
              aria-describedby=${this.#describedBy('reference', 'reference-hint')}
              aria-invalid=${problems.reference ? 'true' : 'false'}
              ?readonly=${busy}
              .value=${this.view.reference}
              @input=${(event: Event) => this.#onInput('reference', (event.target as HTMLInputElement).value)}
            />`,
            text.referenceHint,
          )}
          ${this.#field(
            'file',
            text.file,
            html`<input
              id="file"
              part="file-input"
              type="file"
              accept="application/pdf,image/*"
              aria-describedby=${this.#describedBy('file', 'file-hint')}
              aria-invalid=${problems.file ? 'true' : 'false'}
              ?disabled=${busy}
              @change=${this.#onFileChange}
            />`,
            text.fileHint,
          )}
          ${progress
            ? html`<div part="upload">
                <label for="upload-progress" part="label">${text.uploading(this.view.file?.name ?? '')}</label>
                <progress
                  id="upload-progress"
                  part="upload-progress"
                  max=${progress.total || nothing}
                  value=${progress.total ? progress.sent : nothing}
                ></progress>
              </div>`
            : nothing}
          <button type="submit" class="primary" part="submit" aria-disabled=${busy ? 'true' : 'false'}>
            ${busy ? text.submitting : text.submit}
          </button>
        </form>
      </section>
    `;
  }

  /** A labelled field with its hint (when given) and what is wrong with it. */
  #field(field: Field, label: string, control: TemplateResult, hint?: string): TemplateResult {
    const problem = this.view.problems[field];
    return html`
      <div class="field" part="field">
        <label for=${field} part="label">${label}</label>
        ${hint ? html`<p id="${field}-hint" class="hint" part="hint">${hint}</p>` : nothing} ${control}
        ${problem ? html`<p id="${field}-error" part="field-error">${problem}</p>` : nothing}
      </div>
    `;
  }

  #describedBy(field: Field, hint?: string): string | typeof nothing {
    const ids = [hint, this.view.problems[field] ? `${field}-error` : undefined].filter(Boolean);
    return ids.length ? ids.join(' ') : nothing;
  }

  #renderFailure(invoice: PortalInvoiceCard): TemplateResult | typeof nothing {
    const failure = this.view.failure;
    if (!failure) return nothing;
    const text = invoiceStrings.proof;
    if (failedCall(failure.error)?.code === 'invoice_not_payable') return errorAlert(failure.error, text.notPayable);
    // What the server refused fails the same way again: no Retry, its reason says what to change.
    return refused(failure.error) ? errorAlert(failure.error, text.refused) : errorAlert(failure.error, text.submitFailed, () => void this.#submit(invoice));
  }

  #set(change: Partial<FormView>): void {
    this.view = { ...this.view, ...change };
  }

  #onInput(field: Exclude<Field, 'file'>, value: string): void {
    this.#changed(field, { [field]: value });
  }

  readonly #onFileChange = (event: Event): void => {
    this.#changed('file', { file: (event.target as HTMLInputElement).files?.[0] });
  };

  /** A field changed: what was wrong with it, and a refusal of the draft as it was, no longer apply. */
  #changed(field: Field, change: Partial<FormView>): void {
    const { problems, failure } = this.view;
    this.#set({
      ...change,
      problems: { ...problems, [field]: undefined },
      failure: failure && refused(failure.error) ? null : failure,
      submitted: '',
    });
  }

  #onSubmit(event: Event, invoice: PortalInvoiceCard): void {
    event.preventDefault();
    void this.#submit(invoice);
  }

  /** What is wrong with each field, in the form's words; the amount in minor units when it is right. */
  #check(invoice: PortalInvoiceCard): { problems: Partial<Record<Field, string>>; minor: number | undefined } {
    const errors = invoiceStrings.proof.errors;
    const problems: Partial<Record<Field, string>> = {};
    const { amount, paidOn, reference, file } = this.view;
    const parsed = parseMajorAmount(amount, invoice.currency);
    if ('problem' in parsed) {
      const messages: Record<AmountProblem, () => string> = {
        missing: () => errors.amountMissing,
        invalid: () => errors.amountInvalid(amountExample(invoice.currency)),
        decimals: () => errors.amountDecimals(minorUnits(invoice.currency), invoice.currency),
        zero: () => errors.amountZero,
        tooLarge: () => errors.amountTooLarge,
      };
      problems.amount = messages[parsed.problem]();
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(paidOn)) problems.paidOn = errors.paidOnMissing;
    else if (paidOn > today()) problems.paidOn = errors.paidOnFuture;
    const length = [...reference.trim()].length;
    if (length === 0) problems.reference = errors.referenceMissing;
    else if (length > REFERENCE_MAX_LENGTH) problems.reference = errors.referenceTooLong;
    if (!file) problems.file = errors.fileMissing;
    return { problems, minor: 'minor' in parsed ? parsed.minor : undefined };
  }

  async #submit(invoice: PortalInvoiceCard): Promise<void> {
    const { client, invoiceId } = this;
    const { file, busy, paidOn, method, reference } = this.view;
    if (!client || !invoiceId || busy) return;
    const { problems, minor } = this.#check(invoice);
    this.#set({ problems });
    const first = FIELDS.find((field) => problems[field]);
    if (first || minor === undefined || !file) {
      if (first) focusAfterUpdate(this, `#${first}`);
      return;
    }
    const input = { amount: minor, paidOn, method, reference: reference.trim(), file };
    const draft = JSON.stringify({ ...input, file: [file.name, file.size, file.lastModified] });
    const key = this.#sentWith?.draft === draft ? this.#sentWith.key : newIdempotencyKey();
    this.#sentWith = { draft, key };
    this.#set({ busy: true, failure: null, submitted: '', progress: { sent: 0, total: 0 } });
    let outcome: { proof: PortalPaymentProof } | { error: unknown };
    try {
      const proof = await client.invoices.submitPaymentProof(invoiceId, input, {
        idempotencyKey: key,
        onProgress: (sent, total) => {
          if (this.view.busy) this.#set({ progress: { sent, total } });
        },
      });
      outcome = { proof };
    } catch (error) {
      outcome = { error };
    }
    // The contact moved on to another invoice meanwhile: nothing here applies to it.
    if (client !== this.client || invoiceId !== this.invoiceId) return;
    this.#set({ busy: false, progress: null });
    if ('proof' in outcome) this.#done(invoiceId, outcome.proof);
    else this.#failed(outcome.error);
  }

  // Outside the async #submit on purpose: rollup keeps the whole strings table in a widget bundle
  // when one of its values is read after an await there.
  #done(invoiceId: string, proof: PortalPaymentProof): void {
    this.#reset(false);
    this.#set({ submitted: invoiceStrings.proof.submitted });
    focusAfterUpdate(this, "[part~='submitted']");
    emit(this, 'taba-payment-proof-submitted', { invoiceId, proof });
  }

  #failed(error: unknown): void {
    const field = FIELD_OF_CODE[failedCall(error)?.code ?? ''];
    if (field) {
      // The server's reason goes next to the field it is about, and focus to that field.
      this.#set({ problems: { [field]: error instanceof Error ? error.message : invoiceStrings.proof.refused } });
      focusAfterUpdate(this, `#${field}`);
      return;
    }
    this.#set({ failure: { error } });
    // Retry when trying again can help; otherwise the alert says why (and focus stays on the button).
    if (!refused(error)) focusAfterUpdate(this, "[part~='retry']");
  }

  /** Empties the draft; `all` also forgets the confirmation and any failure (another invoice). */
  #reset(all: boolean): void {
    this.#sentWith = undefined;
    const input = this.renderRoot?.querySelector<HTMLInputElement>('#file');
    if (input) input.value = '';
    const { submitted, failure } = this.view;
    this.view = all ? EMPTY : { ...EMPTY, submitted, failure };
  }
}
