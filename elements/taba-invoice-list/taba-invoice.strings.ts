import type { PaymentMethod, PortalInvoiceStatus } from '../../sdk/contract/invoices.js';
import type { PaymentProofStatus } from '../../sdk/contract/payment-proofs.js';

/**
 * The words of the invoice elements (`<taba-invoice-list>`, `<taba-invoice-detail>`,
 * `<taba-payment-proof-form>`); shared words (Retry, "Not connected") are in `strings.common`, the
 * lines table's in `lineItemStrings`. To localise, replace values before the elements render, e.g.
 * `Object.assign(invoiceStrings.status, { paid: 'Bezahlt' })`.
 */
export const invoiceStrings = {
  /** An invoice's status as the contact sees it (drafts never reach the portal). */
  status: {
    open: 'Open',
    partially_paid: 'Partially paid',
    paid: 'Paid',
    overdue: 'Overdue',
    void: 'Void',
  } satisfies Record<PortalInvoiceStatus, string>,

  method: {
    bank_transfer: 'Bank transfer',
    card: 'Card',
    cash: 'Cash',
    cheque: 'Cheque',
    other: 'Other',
  } satisfies Record<PaymentMethod, string>,

  proofStatus: {
    under_review: 'Under review',
    accepted: 'Accepted',
    rejected: 'Rejected',
  } satisfies Record<PaymentProofStatus, string>,

  /** Before the number in a heading: "Invoice INV-0001". */
  invoice: 'Invoice',
  total: 'Total',
  amountDue: 'Amount due',
  amountPaid: 'Amount paid',
  dueOn: (date: string) => `Due ${date}`,
  /** After the due date of an overdue invoice, so the urgency is in words and not colour alone. */
  overdueSince: (date: string) => `Was due ${date}`,
  issuedOn: (date: string) => `Issued ${date}`,
  loading: 'Loading invoice…',
  loadFailed: 'Could not load this invoice.',
  noneSelected: 'No invoice selected.',

  /** The portal's button from an invoice back to the list. */
  backToInvoices: 'Back to invoices',

  list: {
    tabsLabel: 'Invoices',
    outstanding: 'Outstanding',
    all: 'All',
    loading: 'Loading invoices…',
    loadFailed: 'Could not load your invoices.',
    emptyOutstanding: 'Nothing to pay: no outstanding invoices.',
    emptyAll: 'No invoices yet',
    loadMore: 'Load more',
    loadingMore: 'Loading more invoices…',
    loadMoreFailed: 'Could not load more invoices.',
  },

  detail: {
    notes: 'Notes from the team',
    downloadPdf: 'Download PDF',
    downloadingPdf: 'Preparing…',
    pdfFailed: 'Could not download the invoice.',
    pdfName: (number: string) => `${number}.pdf`,
    voidNote: 'This invoice was voided; nothing is due on it.',
    payments: 'Payments received',
    noPayments: 'No payments recorded yet.',
    paidOn: 'Date',
    method: 'Method',
    reference: 'Reference',
    amount: 'Amount',
    proofs: 'Your proofs of payment',
    proofSummary: (amount: string, date: string) => `${amount} paid ${date}`,
    proofFile: (name: string) => `File: ${name}`,
    proofSubmitted: (time: string) => `Sent ${time}`,
    rejectReason: 'Why it was rejected:',
  },

  proof: {
    heading: 'Tell us you paid',
    intro: 'Send the details of your payment with a receipt or bank confirmation. The team checks it, then records the payment.',
    loading: 'Loading…',
    loadFailed: 'Could not load this invoice.',
    amount: 'Amount paid',
    amountHint: (currency: string, due: string) => `In ${currency}. Amount due: ${due}.`,
    paidOn: 'Paid on',
    method: 'Method',
    reference: 'Payment reference',
    referenceHint: 'As it appears on the transfer, e.g. the invoice number.',
    file: 'Receipt or bank confirmation',
    fileHint: 'A PDF or an image.',
    submit: 'Send proof of payment',
    submitting: 'Sending…',
    uploading: (name: string) => `Uploading ${name}`,
    submitted: 'Proof of payment sent. The team will review it.',
    submitFailed: 'Your proof of payment was not sent.',
    refused: 'The portal did not accept your proof of payment.',
    notPayable: 'This invoice cannot be paid.',
    errors: {
      amountMissing: 'Enter the amount you paid.',
      amountInvalid: (example: string) => `Enter an amount like ${example}.`,
      amountDecimals: (digits: number, currency: string) =>
        digits === 0 ? `${currency} amounts have no decimals.` : `${currency} amounts have at most ${digits} decimals.`,
      amountZero: 'Enter an amount greater than zero.',
      amountTooLarge: 'That amount is too large.',
      paidOnMissing: 'Enter the date you paid.',
      paidOnFuture: 'The date cannot be in the future.',
      referenceMissing: 'Enter the payment reference.',
      referenceTooLong: 'The reference has at most 100 characters.',
      fileMissing: 'Choose the file that proves the payment.',
    },
  },
};

export type InvoiceStrings = typeof invoiceStrings;
