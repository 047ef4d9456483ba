import type { PortalEstimate, PortalEstimateCard } from '../../sdk/contract/estimates.js';
import type { PortalInvoice, PortalInvoiceCard, PaymentMethod } from '../../sdk/contract/invoices.js';
import type { LineItem } from '../../sdk/contract/money.js';
import type { PortalPaymentProof } from '../../sdk/contract/payment-proofs.js';
import { ConflictError, NotFoundError, ValidationError } from '../../sdk/errors.js';
import type { PortalApiDouble } from './portal-api-double.js';

let nextNumber = 1;

function padded(number: number, width: number): string {
  return number.toString().padStart(width, '0');
}

/** A line of `quantity` × `unitAmount` with its amounts computed (rounded half-even per line, as the server does for these whole values). */
export function lineFixture(overrides: Partial<Omit<LineItem, 'grossAmount' | 'discountAmount' | 'netAmount' | 'taxAmount' | 'totalAmount'>> = {}): LineItem {
  const base = { position: 1, description: 'Design work', quantity: '10', unitAmount: 12_000, taxRateBasisPoints: 0, discountBasisPoints: 0, ...overrides };
  // Test values are chosen so that every amount is whole: exact integer arithmetic.
  const [whole, fraction = ''] = base.quantity.split('.');
  const scale = 10 ** fraction.length;
  const gross = (Number(whole) * scale + Number(fraction || '0')) * base.unitAmount / scale;
  const discount = (gross * base.discountBasisPoints) / 10_000;
  const net = gross - discount;
  const tax = (net * base.taxRateBasisPoints) / 10_000;
  for (const amount of [gross, discount, tax]) if (!Number.isInteger(amount)) throw new Error(`lineFixture: choose values with whole amounts (${amount})`);
  return { ...base, grossAmount: gross, discountAmount: discount, netAmount: net, taxAmount: tax, totalAmount: net + tax };
}

function totalsOf(currency: string, lines: LineItem[]) {
  const sum = (pick: (line: LineItem) => number) => lines.reduce((total, line) => total + pick(line), 0);
  const subtotal = sum((line) => line.netAmount);
  const taxTotal = sum((line) => line.taxAmount);
  return { currency, subtotal, discountTotal: sum((line) => line.discountAmount), taxTotal, total: subtotal + taxTotal };
}

/** A sent estimate with two lines in USD, valid until the end of 2099; override any field (totals follow the lines). */
export function estimateFixture(overrides: Partial<PortalEstimate> = {}): PortalEstimate {
  const number = nextNumber++;
  const currency = overrides.currency ?? 'USD';
  const lines = (
    overrides.lines ?? [
      lineFixture({ description: 'Design', quantity: '10', unitAmount: 12_000, taxRateBasisPoints: 2_000 }),
      lineFixture({ description: 'Hosting (12 months)', quantity: '1', unitAmount: 24_000, discountBasisPoints: 1_000 }),
    ]
  ).map((line, index) => ({ ...line, position: index + 1 }));
  const totals = totalsOf(currency, lines);
  return {
    id: `est_${padded(number, 6)}`,
    number: `EST-${padded(number, 4)}`,
    title: `Estimate ${number}`,
    status: 'sent',
    projectId: null,
    projectName: null,
    validUntil: '2099-12-31',
    sentAt: '2026-11-20T09:00:00.000Z',
    version: 1,
    notes: '',
    approvedAt: null,
    approvedName: null,
    declinedAt: null,
    declineReason: null,
    ...overrides,
    currency,
    lines,
    totals,
    total: totals.total,
  };
}

export function estimateCardOf(estimate: PortalEstimate): PortalEstimateCard {
  const { id, number, title, status, projectId, projectName, currency, total, validUntil, sentAt, version } = estimate;
  return { id, number, title, status, projectId, projectName, currency, total, validUntil, sentAt, version };
}

/** An open invoice with one taxed line in USD, due at the end of 2099; override any field (totals and amount due follow). */
export function invoiceFixture(overrides: Partial<PortalInvoice> = {}): PortalInvoice {
  const number = nextNumber++;
  const currency = overrides.currency ?? 'USD';
  const lines = (overrides.lines ?? [lineFixture({ description: 'Website build', quantity: '1', unitAmount: 100_000, taxRateBasisPoints: 2_000 })]).map(
    (line, index) => ({ ...line, position: index + 1 }),
  );
  const totals = totalsOf(currency, lines);
  const amountPaid = overrides.amountPaid ?? (overrides.payments ?? []).reduce((total, payment) => total + payment.amount, 0);
  return {
    id: `inv_${padded(number, 6)}`,
    number: `INV-${padded(number, 4)}`,
    status: amountPaid === 0 ? 'open' : amountPaid >= totals.total ? 'paid' : 'partially_paid',
    projectId: null,
    projectName: null,
    issueDate: '2026-11-01',
    dueDate: '2099-12-31',
    notes: '',
    payments: [],
    paymentProofs: [],
    ...overrides,
    currency,
    lines,
    totals,
    total: totals.total,
    amountPaid,
    amountDue: Math.max(0, totals.total - amountPaid),
  };
}

export function invoiceCardOf(invoice: PortalInvoice): PortalInvoiceCard {
  const { id, number, status, projectId, projectName, currency, total, amountPaid, amountDue, issueDate, dueDate } = invoice;
  return { id, number, status, projectId, projectName, currency, total, amountPaid, amountDue, issueDate, dueDate };
}

/** A proof under review of `invoice`, for its amount due; override any field. */
export function proofFixture(invoice: PortalInvoice, overrides: Partial<PortalPaymentProof> = {}): PortalPaymentProof {
  const number = nextNumber++;
  return {
    id: `pp_${padded(number, 6)}`,
    invoiceId: invoice.id,
    amount: invoice.amountDue,
    currency: invoice.currency,
    paidOn: '2026-11-28',
    method: 'bank_transfer',
    reference: invoice.number,
    status: 'under_review',
    rejectReason: null,
    fileName: 'remittance.pdf',
    submittedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

function conflict(code: string, title: string): ConflictError {
  return new ConflictError({ type: 'about:blank', title, status: 409, code });
}

function notFound(title: string): NotFoundError {
  return new NotFoundError({ type: 'about:blank', title, status: 404, code: 'not_found' });
}

function page<T>(items: T[], query: { limit?: number; cursor?: string } | undefined) {
  const start = query?.cursor ? Number(query.cursor) : 0;
  const end = start + (query?.limit ?? 20);
  return { items: items.slice(start, end), nextCursor: end < items.length ? String(end) : null };
}

/** Answers a post once per Idempotency-Key, like the server: the same key and body answer the first result again. */
class Once {
  readonly #answers = new Map<string, { request: string; answer: unknown }>();
  #loseNext = false;

  /** The next post is stored, then its answer is lost on the way back (a dropped connection). */
  loseNextAnswer(): void {
    this.#loseNext = true;
  }

  run<T>(key: string | undefined, request: unknown, post: () => T): T {
    const asked = JSON.stringify(request);
    const seen = key === undefined ? undefined : this.#answers.get(key);
    if (seen && seen.request !== asked) throw conflict('idempotency_key_reused', 'Idempotency key reused');
    const answer = seen ? (seen.answer as T) : post();
    if (!seen && key !== undefined) this.#answers.set(key, { request: asked, answer: structuredClone(answer) });
    if (this.#loseNext) {
      this.#loseNext = false;
      // Not a TabaError: the double lets it out of its fetch, and the SDK reports a connection failure.
      throw new TypeError('Failed to fetch');
    }
    return structuredClone(answer);
  }
}

/**
 * The portal's estimate routes answered on a `PortalApiDouble` by declaration, keeping state like the
 * server: the Open and Closed tabs, approve (the version seen, 409 `estimate_changed`,
 * `estimate_expired`, `estimate_not_pending`) and decline, each answered once per Idempotency-Key.
 */
export class EstimateDesk {
  readonly estimates: PortalEstimate[];
  /** Every decision stored, in order: what a retry must not add to. */
  readonly decisions: { estimateId: string; action: 'approve' | 'decline'; name?: string; version?: number; reason?: string }[] = [];
  readonly #once = new Once();

  constructor(double: PortalApiDouble, estimates: PortalEstimate[] = []) {
    this.estimates = estimates.map((estimate) => structuredClone(estimate));
    double
      .answer('listPortalEstimates', ({ query }) => {
        const open = (query?.tab ?? 'open') === 'open';
        return page(this.estimates.filter((estimate) => (estimate.status === 'sent') === open).map(estimateCardOf), query);
      })
      .answer('retrievePortalEstimate', ({ params }) => structuredClone(this.find(params.estimateId)))
      .answer('approvePortalEstimate', ({ params, body, idempotencyKey }) =>
        this.#once.run(idempotencyKey, { params, body }, () => {
          const estimate = this.#pending(params.estimateId);
          const name = body.name.trim().normalize('NFC');
          if (name === '') throw new ValidationError({ type: 'about:blank', title: 'Name required', status: 422, code: 'approval_name_required' });
          if (body.version !== estimate.version) throw conflict('estimate_changed', 'Estimate changed');
          Object.assign(estimate, { status: 'approved', approvedName: name, approvedAt: '2026-11-25T12:00:00.000Z' });
          this.decisions.push({ estimateId: estimate.id, action: 'approve', name, version: body.version });
          return structuredClone(estimate);
        }),
      )
      .answer('declinePortalEstimate', ({ params, body, idempotencyKey }) =>
        this.#once.run(idempotencyKey, { params, body }, () => {
          const estimate = this.#pending(params.estimateId);
          const reason = body.reason.trim();
          if (reason === '') throw new ValidationError({ type: 'about:blank', title: 'Reason required', status: 422, code: 'decline_reason_required' });
          Object.assign(estimate, { status: 'declined', declineReason: reason, declinedAt: '2026-11-25T12:00:00.000Z' });
          this.decisions.push({ estimateId: estimate.id, action: 'decline', reason });
          return structuredClone(estimate);
        }),
      );
  }

  loseNextAnswer(): void {
    this.#once.loseNextAnswer();
  }

  find(estimateId: string): PortalEstimate {
    const estimate = this.estimates.find((candidate) => candidate.id === estimateId);
    if (!estimate) throw notFound('Estimate not found');
    return estimate;
  }

  /** The team edits the estimate: a new version with a new total. */
  edit(estimateId: string, lines: LineItem[]): PortalEstimate {
    const estimate = this.find(estimateId);
    const edited = estimateFixture({ ...estimate, lines, version: estimate.version + 1 });
    Object.assign(estimate, { ...edited, id: estimate.id, number: estimate.number });
    return estimate;
  }

  #pending(estimateId: string): PortalEstimate {
    const estimate = this.find(estimateId);
    if (estimate.status === 'expired') throw conflict('estimate_expired', 'Estimate expired');
    if (estimate.status !== 'sent') throw conflict('estimate_not_pending', 'Estimate already decided');
    return estimate;
  }
}

const OUTSTANDING: readonly string[] = ['open', 'partially_paid', 'overdue'];

/**
 * The portal's invoice routes answered on a `PortalApiDouble` by declaration: the Outstanding and
 * All tabs, the PDF, and payment proof (stored under review and shown on the invoice, newest first;
 * 409 `invoice_not_payable` for a void invoice), once per Idempotency-Key.
 */
export class InvoiceDesk {
  readonly invoices: PortalInvoice[];
  /** Every proof stored, in order, with the fields as they were sent (the amount as text, as in the multipart body). */
  readonly submitted: { invoiceId: string; amount: string; paidOn: string; method: string; reference: string; fileName: string }[] = [];
  pdf = '%PDF-1.7 invoice';
  readonly #once = new Once();

  constructor(double: PortalApiDouble, invoices: PortalInvoice[] = []) {
    this.invoices = invoices.map((invoice) => structuredClone(invoice));
    double
      .answer('listPortalInvoices', ({ query }) => {
        const all = (query?.tab ?? 'all') === 'all';
        return page(this.invoices.filter((invoice) => all || OUTSTANDING.includes(invoice.status)).map(invoiceCardOf), query);
      })
      .answer('retrievePortalInvoice', ({ params }) => structuredClone(this.find(params.invoiceId)))
      .answer('downloadPortalInvoicePdf', ({ params }) => {
        this.find(params.invoiceId);
        return new Blob([this.pdf], { type: 'application/pdf' }) as never;
      })
      .answer('submitPortalPaymentProof', ({ params, body, idempotencyKey }) => {
        const file = body.file as unknown as File;
        return this.#once.run(idempotencyKey, { params, body: { ...body, file: [file.name, file.size] } }, () => {
          const invoice = this.find(params.invoiceId);
          if (invoice.status === 'void') throw conflict('invoice_not_payable', 'Invoice not payable');
          if (!/^[0-9]{1,15}$/.test(body.amount) || Number(body.amount) < 1) {
            throw new ValidationError({ type: 'about:blank', title: 'Invalid amount', status: 422, code: 'invalid_amount' });
          }
          if (file.size === 0) throw new ValidationError({ type: 'about:blank', title: 'Empty file', status: 400, code: 'empty_file', detail: 'The file is empty.' });
          const proof = proofFixture(invoice, {
            amount: Number(body.amount),
            paidOn: body.paidOn,
            method: body.method as PaymentMethod,
            reference: body.reference.trim(),
            fileName: file.name,
            submittedAt: new Date().toISOString(),
          });
          invoice.paymentProofs.unshift(proof);
          this.submitted.push({ invoiceId: invoice.id, amount: body.amount, paidOn: body.paidOn, method: body.method, reference: body.reference, fileName: file.name });
          return structuredClone(proof);
        });
      });
  }

  loseNextAnswer(): void {
    this.#once.loseNextAnswer();
  }

  find(invoiceId: string): PortalInvoice {
    const invoice = this.invoices.find((candidate) => candidate.id === invoiceId);
    if (!invoice) throw notFound('Invoice not found');
    return invoice;
  }
}

/**
 * Makes `double.invoices.submitPaymentProof` report progress as a browser does: `steps` (bytes sent
 * of the file's size) before the proof goes through the double, then waits for `hold`. (In a browser
 * the SDK uploads with progress through XMLHttpRequest, which a double's `fetch` cannot stand in for.)
 */
export function reportProofProgress(double: PortalApiDouble, steps: number[], hold?: Promise<void>): { calls: number } {
  const seen = { calls: 0 };
  const submit = double.invoices.submitPaymentProof;
  double.invoices.submitPaymentProof = async (invoiceId, input, options = {}) => {
    if (options.onProgress) {
      seen.calls++;
      for (const sent of steps) options.onProgress(sent, input.file.size);
      await hold;
    }
    return submit(invoiceId, input, { ...options, onProgress: undefined });
  };
  return seen;
}
