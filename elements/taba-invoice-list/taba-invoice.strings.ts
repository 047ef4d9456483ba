import type { PaymentMethod, PortalInvoiceStatus } from '../../sdk/contract/invoices.js';
import type { PaymentProofStatus } from '../../sdk/contract/payment-proofs.js';
import { formatNumber } from '../shared/format.js';
import { msg, plural, str } from '../shared/localize.js';

/**
 * The words of the invoice elements (`<taba-invoice-list>`, `<taba-invoice-detail>`,
 * `<taba-payment-proof-form>`), in the portal's language (ids `invoice.*`; see
 * elements/shared/strings.ts); shared words (Retry, "Not connected") are in `strings.common`, the
 * lines table's in `lineItemStrings`.
 */
export const invoiceStrings = {
  /** An invoice's status as the contact sees it (drafts never reach the portal). */
  status: {
    get open() { return msg('Open', { id: 'invoice.status.open' }); },
    get partially_paid() { return msg('Partially paid', { id: 'invoice.status.partially_paid' }); },
    get paid() { return msg('Paid', { id: 'invoice.status.paid' }); },
    get overdue() { return msg('Overdue', { id: 'invoice.status.overdue' }); },
    get void() { return msg('Void', { id: 'invoice.status.void' }); },
  } satisfies Record<PortalInvoiceStatus, string>,

  method: {
    get bank_transfer() { return msg('Bank transfer', { id: 'invoice.method.bank_transfer' }); },
    get card() { return msg('Card', { id: 'invoice.method.card' }); },
    get cash() { return msg('Cash', { id: 'invoice.method.cash' }); },
    get cheque() { return msg('Cheque', { id: 'invoice.method.cheque' }); },
    get other() { return msg('Other', { id: 'invoice.method.other' }); },
  } satisfies Record<PaymentMethod, string>,

  proofStatus: {
    get under_review() { return msg('Under review', { id: 'invoice.proofStatus.under_review' }); },
    get accepted() { return msg('Accepted', { id: 'invoice.proofStatus.accepted' }); },
    get rejected() { return msg('Rejected', { id: 'invoice.proofStatus.rejected' }); },
  } satisfies Record<PaymentProofStatus, string>,

  /** Before the number in a heading: "Invoice INV-0001". */
  get invoice() { return msg('Invoice', { id: 'invoice.invoice' }); },
  get total() { return msg('Total', { id: 'invoice.total' }); },
  get amountDue() { return msg('Amount due', { id: 'invoice.amountDue' }); },
  /** The amount due on an invoice's card: "Amount due: $1,200.00". */
  amountDueValue: (amount: string) => msg(str`Amount due: ${amount}`, { id: 'invoice.amountDueValue' }),
  get amountPaid() { return msg('Amount paid', { id: 'invoice.amountPaid' }); },
  dueOn: (date: string) => msg(str`Due ${date}`, { id: 'invoice.dueOn' }),
  /** After the due date of an overdue invoice, so the urgency is in words and not colour alone. */
  overdueSince: (date: string) => msg(str`Was due ${date}`, { id: 'invoice.overdueSince' }),
  issuedOn: (date: string) => msg(str`Issued ${date}`, { id: 'invoice.issuedOn' }),
  get loading() { return msg('Loading invoice…', { id: 'invoice.loading' }); },
  get loadFailed() { return msg('Could not load this invoice.', { id: 'invoice.loadFailed' }); },
  get noneSelected() { return msg('No invoice selected.', { id: 'invoice.noneSelected' }); },

  /** The portal's button from an invoice back to the list. */

  list: {
    get tabsLabel() { return msg('Invoices', { id: 'invoice.list.tabsLabel' }); },
    get outstanding() { return msg('Outstanding', { id: 'invoice.list.outstanding' }); },
    get all() { return msg('All', { id: 'invoice.list.all' }); },
    get loading() { return msg('Loading invoices…', { id: 'invoice.list.loading' }); },
    get loadFailed() { return msg('Could not load your invoices.', { id: 'invoice.list.loadFailed' }); },
    get emptyOutstanding() { return msg('Nothing to pay: no outstanding invoices.', { id: 'invoice.list.emptyOutstanding' }); },
    get emptyAll() { return msg('No invoices yet', { id: 'invoice.list.emptyAll' }); },
    get loadMore() { return msg('Load more', { id: 'invoice.list.loadMore' }); },
    get loadingMore() { return msg('Loading more invoices…', { id: 'invoice.list.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more invoices.', { id: 'invoice.list.loadMoreFailed' }); },
  },

  detail: {
    get notes() { return msg('Notes from the team', { id: 'invoice.detail.notes' }); },
    get downloadPdf() { return msg('Download PDF', { id: 'invoice.detail.downloadPdf' }); },
    get downloadingPdf() { return msg('Preparing…', { id: 'invoice.detail.downloadingPdf' }); },
    get pdfFailed() { return msg('Could not download the invoice.', { id: 'invoice.detail.pdfFailed' }); },
    pdfName: (number: string) => msg(str`${number}.pdf`, { id: 'invoice.detail.pdfName' }),
    get voidNote() { return msg('This invoice was voided; nothing is due on it.', { id: 'invoice.detail.voidNote' }); },
    get payments() { return msg('Payments received', { id: 'invoice.detail.payments' }); },
    get noPayments() { return msg('No payments recorded yet.', { id: 'invoice.detail.noPayments' }); },
    get paidOn() { return msg('Date', { id: 'invoice.detail.paidOn' }); },
    get method() { return msg('Method', { id: 'invoice.detail.method' }); },
    get reference() { return msg('Reference', { id: 'invoice.detail.reference' }); },
    get amount() { return msg('Amount', { id: 'invoice.detail.amount' }); },
    get proofs() { return msg('Your proofs of payment', { id: 'invoice.detail.proofs' }); },
    proofSummary: (amount: string, date: string) => msg(str`${amount} paid ${date}`, { id: 'invoice.detail.proofSummary' }),
    proofFile: (name: string) => msg(str`File: ${name}`, { id: 'invoice.detail.proofFile' }),
    proofSubmitted: (time: string) => msg(str`Sent ${time}`, { id: 'invoice.detail.proofSubmitted' }),
    get rejectReason() { return msg('Why it was rejected:', { id: 'invoice.detail.rejectReason' }); },
  },

  proof: {
    get heading() { return msg('Tell us you paid', { id: 'invoice.proof.heading' }); },
    get intro() {
      return msg('Send the details of your payment with a receipt or bank confirmation. The team checks it, then records the payment.', { id: 'invoice.proof.intro' });
    },
    get loading() { return msg('Loading…', { id: 'invoice.proof.loading' }); },
    get loadFailed() { return msg('Could not load this invoice.', { id: 'invoice.proof.loadFailed' }); },
    get amount() { return msg('Amount paid', { id: 'invoice.proof.amount' }); },
    amountHint: (currency: string, due: string) => msg(str`In ${currency}. Amount due: ${due}.`, { id: 'invoice.proof.amountHint' }),
    get paidOn() { return msg('Paid on', { id: 'invoice.proof.paidOn' }); },
    get method() { return msg('Method', { id: 'invoice.proof.method' }); },
    get reference() { return msg('Payment reference', { id: 'invoice.proof.reference' }); },
    get referenceHint() { return msg('As it appears on the transfer, e.g. the invoice number.', { id: 'invoice.proof.referenceHint' }); },
    get file() { return msg('Receipt or bank confirmation', { id: 'invoice.proof.file' }); },
    get fileHint() { return msg('A PDF or an image.', { id: 'invoice.proof.fileHint' }); },
    get submit() { return msg('Send proof of payment', { id: 'invoice.proof.submit' }); },
    get submitting() { return msg('Sending…', { id: 'invoice.proof.submitting' }); },
    uploading: (name: string) => msg(str`Uploading ${name}`, { id: 'invoice.proof.uploading' }),
    get submitted() { return msg('Proof of payment sent. The team will review it.', { id: 'invoice.proof.submitted' }); },
    get submitFailed() { return msg('Your proof of payment was not sent.', { id: 'invoice.proof.submitFailed' }); },
    get refused() { return msg('The portal did not accept your proof of payment.', { id: 'invoice.proof.refused' }); },
    get notPayable() { return msg('This invoice cannot be paid.', { id: 'invoice.proof.notPayable' }); },
    errors: {
      get amountMissing() { return msg('Enter the amount you paid.', { id: 'invoice.proof.errors.amountMissing' }); },
      amountInvalid: (example: string) => msg(str`Enter an amount like ${example}.`, { id: 'invoice.proof.errors.amountInvalid' }),
      amountDecimals: (digits: number, currency: string) =>
        digits === 0
          ? msg(str`${currency} amounts have no decimals.`, { id: 'invoice.proof.errors.amountNoDecimals' })
          : plural(digits, 'invoice.proof.errors.amountDecimals', {
              one: str`${currency} amounts have at most ${formatNumber(digits)} decimal.`,
              other: str`${currency} amounts have at most ${formatNumber(digits)} decimals.`,
            }),
      get amountZero() { return msg('Enter an amount greater than zero.', { id: 'invoice.proof.errors.amountZero' }); },
      get amountTooLarge() { return msg('That amount is too large.', { id: 'invoice.proof.errors.amountTooLarge' }); },
      get paidOnMissing() { return msg('Enter the date you paid.', { id: 'invoice.proof.errors.paidOnMissing' }); },
      get paidOnFuture() { return msg('The date cannot be in the future.', { id: 'invoice.proof.errors.paidOnFuture' }); },
      get referenceMissing() { return msg('Enter the payment reference.', { id: 'invoice.proof.errors.referenceMissing' }); },
      get referenceTooLong() { return msg('The reference has at most 100 characters.', { id: 'invoice.proof.errors.referenceTooLong' }); },
      get fileMissing() { return msg('Choose the file that proves the payment.', { id: 'invoice.proof.errors.fileMissing' }); },
    },
  },
};

export type InvoiceStrings = typeof invoiceStrings;
