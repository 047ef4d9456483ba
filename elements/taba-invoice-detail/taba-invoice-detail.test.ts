import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { ApiError, NotFoundError } from '../../sdk/errors.js';
import type { PortalInvoice } from '../../sdk/contract/invoices.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { InvoiceDesk, invoiceFixture, lineFixture, proofFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaPaymentProofForm } from '../taba-payment-proof-form/taba-payment-proof-form.component.js';
import type { TabaInvoiceDetail } from './taba-invoice-detail.component.js';
import './taba-invoice-detail.js';

/** What anchors were clicked (a download started), instead of letting the test page follow them. */
const opened: { href: string; download: string }[] = [];
const realClick = HTMLAnchorElement.prototype.click;
before(() => {
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    opened.push({ href: this.href, download: this.download });
  };
});
after(() => {
  HTMLAnchorElement.prototype.click = realClick;
});

const payment = (amount: number, overrides: Partial<PortalInvoice['payments'][number]> = {}) => ({
  id: `pay_${amount}`,
  amount,
  currency: 'USD',
  paidOn: '2026-11-10',
  method: 'bank_transfer' as const,
  reference: 'TRF-1',
  ...overrides,
});

function setup(overrides: Parameters<typeof invoiceFixture>[0] = {}) {
  const double = new PortalApiDouble();
  const invoice = invoiceFixture(overrides);
  const desk = new InvoiceDesk(double, [invoice]);
  return { double, desk, invoice };
}

async function renderDetail(double: PortalApiDouble, invoiceId: string | undefined): Promise<TabaInvoiceDetail> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-invoice-detail .invoiceId=${invoiceId}></taba-invoice-detail>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-invoice-detail')!;
}

async function shown(detail: TabaInvoiceDetail): Promise<void> {
  await waitUntil(() => part(detail, 'title'), 'invoice shown');
}

function totals(detail: TabaInvoiceDetail): Record<string, string> {
  return Object.fromEntries(Array.from(part(detail, 'totals')!.children, (row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]));
}

function formOf(detail: TabaInvoiceDetail): TabaPaymentProofForm | null {
  return detail.shadowRoot!.querySelector('taba-payment-proof-form');
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('<taba-invoice-detail>', () => {
  beforeEach(async () => {
    await setPortalLocale('en-US');
    opened.length = 0;
  });
  afterEach(async () => {
    await setPortalLocale();
  });

  it('shows the invoice: head, lines, totals with amount paid and due, notes, payments, and proofs with their review status', async () => {
    const base = invoiceFixture({
      projectId: 'prj_web',
      projectName: 'New website',
      issueDate: '2026-11-01',
      dueDate: '2026-12-01',
      notes: 'Thank you for your business.',
      lines: [
        lineFixture({ description: 'Website build', quantity: '1', unitAmount: 100_000, taxRateBasisPoints: 2_000 }),
        lineFixture({ description: 'Hosting', quantity: '12', unitAmount: 2_000, discountBasisPoints: 2_500 }),
      ],
      payments: [payment(30_000), payment(10_000, { id: 'pay_2', paidOn: '2026-11-20', method: 'card', reference: 'Card 4242' })],
    });
    const invoice = {
      ...base,
      paymentProofs: [
        proofFixture(base, { amount: 50_000, paidOn: '2026-11-27', reference: 'TRF-3', submittedAt: '2026-11-27T09:00:00.000Z' }),
        proofFixture(base, { status: 'accepted', amount: 10_000, method: 'card', reference: 'Card 4242' }),
        proofFixture(base, { status: 'rejected', amount: 99_900, reference: 'TRF-0', rejectReason: 'We have not received this transfer.', fileName: 'bank.png' }),
      ],
    };
    const double = new PortalApiDouble();
    new InvoiceDesk(double, [invoice]);
    const release = double.hold();
    const detail = await renderDetail(double, invoice.id);
    expect(textOf(part(detail, 'loading'))).to.equal('Loading invoice…');
    release();
    await shown(detail);

    expect(textOf(part(detail, 'title'))).to.equal(`Invoice ${invoice.number}`);
    expect(textOf(part(detail, 'status'))).to.equal('Partially paid');
    expect(textOf(part(detail, 'dates'))).to.equal('Issued Nov 1, 2026');
    expect(textOf(part(detail, 'due'))).to.equal('Due Dec 1, 2026');
    expect(textOf(part(detail, 'project'))).to.equal('New website');
    expect(parts(detail, 'line').map((row) => Array.from(row.children, (cell) => textOf(cell)))).to.deep.equal([
      ['Website build', '1', '$1,000.00', '—', '$200.00 (20%)', '$1,200.00'],
      ['Hosting', '12', '$20.00', '−$60.00 (25%)', '—', '$180.00'],
    ]);
    expect(totals(detail)).to.deep.equal({
      'Discounts applied': '−$60.00',
      Subtotal: '$1,180.00',
      Tax: '$200.00',
      Total: '$1,380.00',
      'Amount paid': '$400.00',
      'Amount due': '$980.00',
    });
    expect(textOf(part(detail, 'notes'))).to.equal('Thank you for your business.');
    expect(parts(detail, 'payment').map((row) => Array.from(row.children, (cell) => textOf(cell)))).to.deep.equal([
      ['Nov 10, 2026', 'Bank transfer', 'TRF-1', '$300.00'],
      ['Nov 20, 2026', 'Card', 'Card 4242', '$100.00'],
    ]);
    const proofs = parts(detail, 'proof');
    expect(proofs.map((proof) => textOf(proof.querySelector("[part~='proof-status']")))).to.deep.equal(['Under review', 'Accepted', 'Rejected']);
    expect(proofs.map((proof) => proof.getAttribute('part'))).to.deep.equal(['proof proof-under-review', 'proof proof-accepted', 'proof proof-rejected']);
    expect(textOf(proofs[0]!.querySelector('p'))).to.equal('Under review $500.00 paid Nov 27, 2026 · Bank transfer · TRF-3');
    expect(textOf(proofs[2]!)).to.contain('File: bank.png');
    expect(textOf(proofs[2]!.querySelector("[part~='reject-reason']"))).to.equal('Why it was rejected: We have not received this transfer.');
    expect(proofs[0]!.querySelector("[part~='reject-reason']")).to.equal(null);
    expect(formOf(detail), 'something is due: the proof form').to.not.equal(null);
  });

  it('speaks German for de-DE and formats money for it: 1.234,50 €', async () => {
    await setPortalLocale('de-DE');
    const { double, invoice } = setup({ currency: 'EUR', lines: [lineFixture({ description: 'Beratung', quantity: '1', unitAmount: 123_450 })] });
    const detail = await renderDetail(double, invoice.id);
    await shown(detail);
    expect(normalised(totals(detail).Gesamt!)).to.equal('1.234,50 €');
    expect(normalised(totals(detail)['Offener Betrag']!)).to.equal('1.234,50 €');
    expect(textOf(part(detail, 'dates'))).to.equal('Ausgestellt am 01.11.2026');
  });

  it('shows an overdue invoice in words, and no proof form once paid or void', async () => {
    const double = new PortalApiDouble();
    const late = invoiceFixture({ status: 'overdue', dueDate: '2026-11-15' });
    const paid = invoiceFixture({ payments: [payment(120_000)] });
    const voided = invoiceFixture({ status: 'void' });
    new InvoiceDesk(double, [late, paid, voided]);
    const detail = await renderDetail(double, late.id);
    await shown(detail);
    expect(textOf(part(detail, 'status'))).to.equal('Overdue');
    expect(textOf(part(detail, 'due'))).to.equal('Was due Nov 15, 2026');
    expect(formOf(detail)).to.not.equal(null);

    detail.invoiceId = paid.id;
    await waitUntil(() => textOf(part(detail, 'status')) === 'Paid', 'paid');
    expect(totals(detail)['Amount due']).to.equal('$0.00');
    expect(formOf(detail)).to.equal(null);

    detail.invoiceId = voided.id;
    await waitUntil(() => textOf(part(detail, 'status')) === 'Void', 'void');
    expect(textOf(part(detail, 'void-note'))).to.equal('This invoice was voided; nothing is due on it.');
    expect(formOf(detail)).to.equal(null);
    expect(textOf(part(detail, 'no-payments'))).to.equal('No payments recorded yet.');
  });

  it('downloads the PDF from an object URL named after the invoice number', async () => {
    const { double, desk, invoice } = setup();
    const detail = await renderDetail(double, invoice.id);
    await shown(detail);
    const made: Blob[] = [];
    const { createObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      made.push(blob as Blob);
      return createObjectURL(blob);
    };
    try {
      buttonByText(detail, 'Download PDF')!.click();
      await waitUntil(() => opened.length === 1, 'download started');
    } finally {
      URL.createObjectURL = createObjectURL;
    }
    expect(opened[0]!.download).to.equal(`${invoice.number}.pdf`);
    expect(made[0]!.type).to.equal('application/pdf');
    expect(await made[0]!.text()).to.equal(desk.pdf);
    expect(textOf(part(detail, 'pdf'))).to.equal('Download PDF');

    double.failNext('downloadPortalInvoicePdf', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    buttonByText(detail, 'Download PDF')!.click();
    await waitUntil(() => part(detail, 'error'), 'alert');
    expect(textOf(part(detail, 'error'))).to.contain('Could not download the invoice.');
  });

  it('reloads after a proof is sent, keeping the form and its confirmation, and lists the new proof under review', async () => {
    const { double, invoice } = setup();
    const detail = await renderDetail(double, invoice.id);
    await shown(detail);
    const form = formOf(detail)!;
    await waitUntil(() => form.shadowRoot!.querySelector("[part~='form']"), 'form');
    expect(double.callsOf('retrievePortalInvoice'), 'the form uses the invoice shown').to.have.length(1);
    const set = (id: string, value: string) => {
      const input = form.shadowRoot!.getElementById(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    set('amount', '1200');
    set('paidOn', '2026-11-28');
    set('reference', 'TRF-9');
    const file = form.shadowRoot!.getElementById('file') as HTMLInputElement;
    const transfer = new DataTransfer();
    transfer.items.add(new File(['%PDF-1.7'], 'receipt.pdf', { type: 'application/pdf' }));
    file.files = transfer.files;
    file.dispatchEvent(new Event('change'));
    await form.updateComplete;
    const sent = oneEvent(detail, 'taba-payment-proof-submitted');
    (form.shadowRoot!.querySelector("[part~='submit']") as HTMLButtonElement).click();
    await sent;
    await waitUntil(() => parts(detail, 'proof').length === 1, 'proof listed');
    expect(double.callsOf('retrievePortalInvoice')).to.have.length(2);
    expect(textOf(part(detail, 'proof'))).to.contain('Under review $1,200.00 paid Nov 28, 2026 · Bank transfer · TRF-9');
    expect(formOf(detail), 'the same form element').to.equal(form);
    expect(textOf(form.shadowRoot!.querySelector("[part~='submitted']"))).to.equal('Proof of payment sent. The team will review it.');
    expect(totals(detail)['Amount due'], 'the balance moves only once the team accepts it').to.equal('$1,200.00');
  });

  it('focus() moves to the heading once shown; alerts with Retry when loading fails; needs an id and a client', async () => {
    const { double, invoice } = setup();
    double.failNext('retrievePortalInvoice', new NotFoundError({ type: 'about:blank', title: 'Invoice not found', status: 404, code: 'not_found' }));
    const detail = await renderDetail(double, invoice.id);
    detail.focus();
    await waitUntil(() => part(detail, 'error'), 'error');
    expect(textOf(part(detail, 'error'))).to.contain('Could not load this invoice.');
    await waitUntil(() => detail.shadowRoot!.activeElement === part(detail, 'retry'), 'focus on Retry');
    detail.focus();
    buttonByText(detail, 'Retry')!.click();
    await shown(detail);
    await waitUntil(() => detail.shadowRoot!.activeElement === part(detail, 'title'), 'focus on the heading');
    expect(textOf(part(await renderDetail(double, undefined), 'notice'))).to.equal('No invoice selected.');
    const alone = await fixture<TabaInvoiceDetail>(html`<taba-invoice-detail invoice-id="inv_x"></taba-invoice-detail>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-invoice-detail> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, with payments, proofs and the form, overdue, void, and failed', async function () {
    this.timeout(20_000);
    const base = invoiceFixture({ notes: 'Thanks', payments: [payment(20_000)] });
    const invoice = {
      ...base,
      paymentProofs: [proofFixture(base), proofFixture(base, { status: 'accepted' }), proofFixture(base, { status: 'rejected', rejectReason: 'Not received' })],
    };
    const double = new PortalApiDouble();
    new InvoiceDesk(double, [invoice, invoiceFixture({ status: 'overdue', dueDate: '2026-11-15' }), invoiceFixture({ status: 'void' })]);
    const release = double.hold();
    const detail = await renderDetail(double, invoice.id);
    await expectAccessible(detail, 'loading');
    release();
    await shown(detail);
    await waitUntil(() => formOf(detail)?.shadowRoot?.querySelector("[part~='form']"), 'form');
    await expectAccessible(detail, 'partially paid with proofs and the form');

    const overdue = await renderDetail(double, (await double.invoices.list({ tab: 'all' })).items[1]!.id);
    await shown(overdue);
    await expectAccessible(overdue, 'overdue');
    const voided = await renderDetail(double, (await double.invoices.list({ tab: 'all' })).items[2]!.id);
    await shown(voided);
    await expectAccessible(voided, 'void');

    double.failNext('retrievePortalInvoice', new TypeError('Failed to fetch'));
    const failed = await renderDetail(double, invoice.id);
    await waitUntil(() => part(failed, 'error'), 'error');
    await expectAccessible(failed, 'error');
    await expectAccessible(await fixture(html`<taba-invoice-detail></taba-invoice-detail>`), 'not connected');
  });
});
