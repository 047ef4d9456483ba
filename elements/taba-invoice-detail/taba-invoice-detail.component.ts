import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalInvoice, PortalPayment } from '../../sdk/contract/invoices.js';
import type { PortalPaymentProof } from '../../sdk/contract/payment-proofs.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { formatDateTime, formatDay, formatMoney } from '../shared/format.js';
import { openLink } from '../shared/open-link.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { lineItemsStyles, lineItemsTable, totalRow, totalsList } from '../taba-estimate-detail/line-items.js';
import { invoiceMeta, invoiceStatusStyles, invoiceTitle } from '../taba-invoice-list/invoice-card.js';
import { invoiceStrings } from '../taba-invoice-list/taba-invoice.strings.js';
import '../taba-payment-proof-form/taba-payment-proof-form.js';
import { invoiceDetailStyles, paymentsTableStyles } from './taba-invoice-detail.styles.js';

/**
 * @tagname taba-invoice-detail
 * @summary One invoice: its lines, totals, amount paid and amount due, the payments received, the
 * proofs of payment the customer sent with their review status, a PDF to download, and — while
 * something is due — `<taba-payment-proof-form>` to tell the team it was paid.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * A proof of payment shows as Under review, Accepted, or Rejected with the team's reason; the
 * balance moves only when the team accepts one (it then shows as a payment). Once a proof is sent
 * the invoice reloads, keeping what is shown until the new answer arrives. "Download PDF" asks the
 * server for the invoice's PDF and saves it from memory.
 *
 * @event taba-payment-proof-submitted - From the embedded form; see `<taba-payment-proof-form>`.
 *
 * @csspart base - The invoice as a whole.
 * @csspart title - "Invoice" and its number (a heading; `focus()` moves here).
 * @csspart number - The invoice's number, e.g. `INV-0001`.
 * @csspart meta - The line with the status, the total, the amount due, the due date and the project.
 * @csspart total - The total in the meta line.
 * @csspart amount-due - The amount still due, while something is.
 * @csspart project - The project the invoice is for (absent when none).
 * @csspart status - The status badge, with `status-open`, `status-partially-paid`, `status-paid`, `status-overdue` or `status-void`.
 * @csspart due - The due date; also `due-overdue` when overdue.
 * @csspart dates - The issue date.
 * @csspart pdf - The "Download PDF" button; says "Preparing…" (and is `aria-disabled`) while the PDF is fetched.
 * @csspart void-note - Says a void invoice needs nothing more.
 * @csspart lines-region - The scrollable region holding the lines table.
 * @csspart lines - The lines table; each row is a `line` with `line-description`, `line-quantity`, `line-unit-price`, `line-discount`, `line-tax` and `line-total` cells.
 * @csspart lines-empty - Said instead of the table when the invoice has no lines.
 * @csspart subheading - A section's heading: "Notes", "Payments", "Proofs of payment".
 * @csspart totals - The totals, then `amount-paid-total` and `amount-due-total`.
 * @csspart notes - The team's notes.
 * @csspart payments-region - The scrollable region holding the payments table.
 * @csspart payments - The payments received, oldest first; each row is a `payment`.
 * @csspart no-payments - Shown when no payment was recorded.
 * @csspart proofs - The proofs of payment sent, newest first.
 * @csspart proof - One proof; also `proof-under-review`, `proof-accepted` or `proof-rejected`.
 * @csspart proof-status - Its review status in words, with `status-under-review`, `status-accepted` or `status-rejected`.
 * @csspart proof-meta - A proof's file name and when it was sent.
 * @csspart reject-reason - Why the team rejected it.
 * @csspart payment-proof-form - The embedded `<taba-payment-proof-form>`, while something is due.
 * @csspart loading - Shown while the invoice loads.
 * @csspart notice - Shown when there is no client or no `invoice-id`.
 * @csspart error - An alert: loading or the PDF failed.
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
export class TabaInvoiceDetail extends PortalElement {
  static override styles = [baseStyles, invoiceStatusStyles, lineItemsStyles, paymentsTableStyles, invoiceDetailStyles];

  /** The id of the invoice to show (`inv_…`). */
  @property({ attribute: 'invoice-id', reflect: true })
  accessor invoiceId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** The PDF under way, or why it could not be downloaded (wrapped: anything can be thrown); one reactive state keeps the widget small. */
  @state()
  private accessor pdf: { busy: boolean; failure: { error: unknown } | null } = { busy: false, failure: null };

  /** Set by `focus()` before the invoice is shown: focus goes to it once it is. */
  #focusWhenShown = false;

  readonly #invoice = new Task(this, {
    args: () => [this.client, this.invoiceId] as const,
    task: async ([client, invoiceId]) => {
      if (!client || !invoiceId) return initialState;
      return client.invoices.retrieve(invoiceId);
    },
  });

  /** Loads the invoice again, showing the one loaded until the new one arrives. */
  refresh(): Promise<void> {
    return this.#invoice.run();
  }

  /**
   * Focuses the invoice's heading, so that a screen reader reads what just opened. While the
   * invoice loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#invoice.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('client') || changed.has('invoiceId')) {
      this.pdf = { busy: false, failure: null };
    }
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#invoice.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override render(): unknown {
    return this.#invoice.render({
      initial: () => html`<p part="notice">${this.client ? invoiceStrings.noneSelected : strings.common.notConnected}</p>`,
      pending: () => {
        // On a reload of the same invoice (after a proof was sent), keep showing it: the form stays put.
        const shown = this.#invoice.value;
        return shown && shown.id === this.invoiceId ? this.#renderInvoice(shown) : loadingStatus(invoiceStrings.loading);
      },
      complete: (invoice) => this.#renderInvoice(invoice),
      error: (error) => errorAlert(error, invoiceStrings.loadFailed, () => void this.refresh()),
    });
  }

  #renderInvoice(invoice: PortalInvoice): TemplateResult {
    const text = invoiceStrings.detail;
    const money = (amount: number) => formatMoney(amount, invoice.currency);
    const payable = invoice.amountDue > 0 && invoice.status !== 'void';
    return html`
      <article part="base" aria-labelledby="title">
        <div class="heading">
          <h3 id="title" part="title" tabindex="-1">${invoiceTitle(invoice)}</h3>
          <button
            type="button"
            part="pdf"
            aria-disabled=${this.pdf.busy ? 'true' : 'false'}
            @click=${() => void this.#downloadPdf(invoice)}
          >
            ${this.pdf.busy ? text.downloadingPdf : text.downloadPdf}
          </button>
        </div>
        ${invoiceMeta(invoice)}
        <p part="dates"><time datetime=${invoice.issueDate}>${invoiceStrings.issuedOn(formatDay(invoice.issueDate))}</time></p>
        ${this.pdf.failure ? errorAlert(this.pdf.failure.error, text.pdfFailed) : nothing}
        ${invoice.status === 'void' ? html`<p part="void-note">${text.voidNote}</p>` : nothing}
        ${lineItemsTable(invoice.lines, invoice.currency)}
        ${totalsList(
          invoice.totals,
          html`${totalRow('amount-paid-total', invoiceStrings.amountPaid, money(invoice.amountPaid))}
          ${totalRow('amount-due-total', invoiceStrings.amountDue, money(invoice.amountDue), true)}`,
        )}
        ${invoice.notes
          ? html`<section aria-labelledby="notes-heading">
              <h4 id="notes-heading" part="subheading">${text.notes}</h4>
              <p part="notes" dir="auto">${invoice.notes}</p>
            </section>`
          : nothing}
        ${this.#renderPayments(invoice.payments)} ${this.#renderProofs(invoice.paymentProofs)}
        ${payable
          ? html`<taba-payment-proof-form
              part="payment-proof-form"
              invoice-id=${invoice.id}
              .invoice=${invoice}
              @taba-payment-proof-submitted=${() => void this.refresh()}
            ></taba-payment-proof-form>`
          : nothing}
      </article>
    `;
  }

  #renderPayments(payments: PortalPayment[]): TemplateResult {
    const text = invoiceStrings.detail;
    return html`
      <section aria-labelledby="payments-heading">
        <h4 id="payments-heading" part="subheading">${text.payments}</h4>
        ${payments.length === 0
          ? html`<p part="no-payments" class="hint">${text.noPayments}</p>`
          : html`<div part="payments-region" role="region" aria-labelledby="payments-heading" tabindex="0">
              <table part="payments">
                <thead>
                  <tr>
                    <th scope="col">${text.paidOn}</th>
                    <th scope="col">${text.method}</th>
                    <th scope="col">${text.reference}</th>
                    <th scope="col" class="number">${text.amount}</th>
                  </tr>
                </thead>
                <tbody>
                  ${payments.map(
                    (payment) => html`
                      <tr part="payment">
                        <td><time datetime=${payment.paidOn}>${formatDay(payment.paidOn)}</time></td>
                        <td>${invoiceStrings.method[payment.method]}</td>
                        <td>${payment.reference}</td>
                        <td class="number">${formatMoney(payment.amount, payment.currency)}</td>
                      </tr>
                    `,
                  )}
                </tbody>
              </table>
            </div>`}
      </section>
    `;
  }

  #renderProofs(proofs: PortalPaymentProof[]): TemplateResult | typeof nothing {
    if (proofs.length === 0) return nothing;
    const text = invoiceStrings.detail;
    return html`
      <section aria-labelledby="proofs-heading">
        <h4 id="proofs-heading" part="subheading">${text.proofs}</h4>
        <ul part="proofs" aria-labelledby="proofs-heading">
          ${proofs.map((proof) => {
            const status = proof.status.replace('_', '-');
            return html`
              <li part="proof proof-${status}">
                <p>
                  <span part="proof-status status status-${status}">${invoiceStrings.proofStatus[proof.status]}</span>
                  ${text.proofSummary(formatMoney(proof.amount, proof.currency), formatDay(proof.paidOn))}
                  · ${invoiceStrings.method[proof.method]} · ${proof.reference}
                </p>
                <p class="hint" part="proof-meta">${text.proofFile(proof.fileName)} · ${text.proofSubmitted(formatDateTime(proof.submittedAt))}</p>
                ${proof.status === 'rejected' && proof.rejectReason
                  ? html`<p part="reject-reason"><strong>${text.rejectReason}</strong> ${proof.rejectReason}</p>`
                  : nothing}
              </li>
            `;
          })}
        </ul>
      </section>
    `;
  }

  async #downloadPdf(invoice: PortalInvoice): Promise<void> {
    const { client, invoiceId } = this;
    if (!client || this.pdf.busy) return;
    this.pdf = { busy: true, failure: null };
    let outcome: { pdf: Blob } | { error: unknown };
    try {
      outcome = { pdf: await client.invoices.pdf(invoice.id) };
    } catch (error) {
      outcome = { error };
    }
    if (client !== this.client || invoiceId !== this.invoiceId) return;
    this.pdf = { busy: false, failure: 'pdf' in outcome ? null : { error: outcome.error } };
    if ('pdf' in outcome) this.#save(outcome.pdf, invoice);
  }

  // Outside the async #downloadPdf on purpose: rollup keeps the whole strings table in a widget
  // bundle when one of its values is read after an await there.
  #save(pdf: Blob, invoice: PortalInvoice): void {
    const url = URL.createObjectURL(pdf);
    openLink(url, invoiceStrings.detail.pdfName(invoice.number));
    // The click has started the download from the object URL; the PDF need not stay in memory.
    setTimeout(() => URL.revokeObjectURL(url));
  }
}
