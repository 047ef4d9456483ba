import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ValidationError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { part, parts, textOf } from '../test-support/dom.js';
import { InvoiceDesk, invoiceCardOf, invoiceFixture, lineFixture, reportProofProgress } from '../test-support/finance-desk.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaPaymentProofForm } from './taba-payment-proof-form.component.js';
import './taba-payment-proof-form.js';

function setup(overrides: Parameters<typeof invoiceFixture>[0] = {}) {
  const double = new PortalApiDouble();
  const invoice = invoiceFixture(overrides);
  const desk = new InvoiceDesk(double, [invoice]);
  return { double, desk, invoice };
}

async function renderForm(double: PortalApiDouble, invoiceId: string | undefined): Promise<TabaPaymentProofForm> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-payment-proof-form .invoiceId=${invoiceId}></taba-payment-proof-form>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-payment-proof-form')!;
}

async function shown(form: TabaPaymentProofForm): Promise<void> {
  await waitUntil(() => part(form, 'form'), 'form shown');
}

function fill(form: TabaPaymentProofForm, name: 'amount' | 'paid-on' | 'reference', value: string): void {
  const input = part<HTMLInputElement>(form, name)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

function choose(form: TabaPaymentProofForm, file: File): void {
  const input = part<HTMLInputElement>(form, 'file-input')!;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change'));
}

function pdf(name = 'remittance.pdf', bytes = 2048): File {
  return new File([new Uint8Array(bytes).fill(37)], name, { type: 'application/pdf' });
}

/** Fills every field with something valid: 1,200.00 on 2026-11-28 by card, reference INV, a PDF. */
async function fillValid(form: TabaPaymentProofForm, amount = '1,200.00'): Promise<void> {
  fill(form, 'amount', amount);
  fill(form, 'paid-on', '2026-11-28');
  const method = part<HTMLSelectElement>(form, 'method')!;
  method.value = 'card';
  method.dispatchEvent(new Event('change'));
  fill(form, 'reference', '  Transfer 8812  ');
  choose(form, pdf());
  await form.updateComplete;
}

function errorOf(form: TabaPaymentProofForm, field: string): string {
  const input = form.shadowRoot!.getElementById(field)!;
  const error = form.shadowRoot!.getElementById(`${field}-error`);
  if (error) expect(input.getAttribute('aria-describedby')).to.contain(`${field}-error`);
  expect(input.getAttribute('aria-invalid')).to.equal(error ? 'true' : 'false');
  return textOf(error);
}

function submit(form: TabaPaymentProofForm): void {
  part<HTMLButtonElement>(form, 'submit')!.click();
}

function active(form: TabaPaymentProofForm): Element | null {
  return form.shadowRoot!.activeElement;
}

describe('<taba-payment-proof-form>', () => {
  beforeEach(async () => {
    await setPortalLocale('en-US');
  });
  afterEach(async () => {
    await setPortalLocale();
  });

  it('loads the invoice for its currency and amount due, and labels every field', async () => {
    const { double, invoice } = setup();
    const release = double.hold();
    const form = await renderForm(double, invoice.id);
    expect(textOf(part(form, 'loading'))).to.equal('Loading…');
    release();
    await shown(form);
    expect(textOf(part(form, 'heading'))).to.equal('Tell us you paid');
    expect(textOf(form.shadowRoot!.getElementById('amount-hint'))).to.equal('In USD. Amount due: $1,200.00.');
    const labels = Array.from(form.shadowRoot!.querySelectorAll('label'), (label) => [textOf(label), label.control?.id]);
    expect(labels).to.deep.equal([
      ['Amount paid', 'amount'],
      ['Paid on', 'paidOn'],
      ['Method', 'method'],
      ['Payment reference', 'reference'],
      ['Receipt or bank confirmation', 'file'],
    ]);
    expect(Array.from(part<HTMLSelectElement>(form, 'method')!.options, (option) => option.text)).to.deep.equal([
      'Bank transfer',
      'Card',
      'Cash',
      'Cheque',
      'Other',
    ]);
    expect(part(form, 'paid-on')!.getAttribute('type')).to.equal('date');
  });

  it('says what is missing next to each field and focuses the first, sending nothing', async () => {
    const { double, invoice } = setup();
    const form = await renderForm(double, invoice.id);
    await shown(form);
    submit(form);
    await waitUntil(() => parts(form, 'field-error').length === 4, 'four problems');
    expect(errorOf(form, 'amount')).to.equal('Enter the amount you paid.');
    expect(errorOf(form, 'paidOn')).to.equal('Enter the date you paid.');
    expect(errorOf(form, 'reference')).to.equal('Enter the payment reference.');
    expect(errorOf(form, 'file')).to.equal('Choose the file that proves the payment.');
    await waitUntil(() => active(form) === part(form, 'amount'), 'focus on the amount');
    expect(double.callsOf('submitPortalPaymentProof')).to.have.length(0);
    fill(form, 'reference', 'T-1');
    await form.updateComplete;
    expect(errorOf(form, 'reference'), 'cleared once changed').to.equal('');
  });

  it('refuses amounts it cannot read exactly: 12.345 USD, 0, letters, and a date in the future', async () => {
    const { double, invoice } = setup();
    const form = await renderForm(double, invoice.id);
    await shown(form);
    await fillValid(form, '12.345');
    const tomorrow = new Date(Date.now() + 36 * 3600_000);
    fill(form, 'paid-on', `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`);
    submit(form);
    await waitUntil(() => errorOf(form, 'amount') !== '', 'amount refused');
    expect(errorOf(form, 'amount')).to.equal('USD amounts have at most 2 decimals.');
    expect(errorOf(form, 'paidOn')).to.equal('The date cannot be in the future.');
    fill(form, 'paid-on', '2026-11-28');
    for (const [typed, said] of [
      ['0', 'Enter an amount greater than zero.'],
      ['0.00', 'Enter an amount greater than zero.'],
      ['12,50', 'Enter an amount like 1,234.56.'],
      ['ten', 'Enter an amount like 1,234.56.'],
      ['-5', 'Enter an amount like 1,234.56.'],
    ] as const) {
      fill(form, 'amount', typed);
      submit(form);
      await waitUntil(() => errorOf(form, 'amount') === said, `${typed}: ${said}`);
    }
    expect(double.callsOf('submitPortalPaymentProof')).to.have.length(0);
  });

  it('knows the currency’s decimals: JPY has none, KWD three', async () => {
    const { double, invoice } = setup({ currency: 'JPY', lines: [lineFixture({ quantity: '1', unitAmount: 50_000 })] });
    const form = await renderForm(double, invoice.id);
    await shown(form);
    await fillValid(form, '12.5');
    submit(form);
    await waitUntil(() => errorOf(form, 'amount') === 'JPY amounts have no decimals.', 'JPY');
    fill(form, 'amount', '50,000');
    submit(form);
    await waitUntil(() => part(form, 'submitted')!.hidden === false, 'sent');
    const { double: kwdDouble, desk, invoice: kwd } = setup({ currency: 'KWD', lines: [lineFixture({ quantity: '1', unitAmount: 1_234_567 })] });
    const kwdForm = await renderForm(kwdDouble, kwd.id);
    await shown(kwdForm);
    await fillValid(kwdForm, '1,234.567');
    submit(kwdForm);
    await waitUntil(() => desk.submitted.length === 1, 'sent');
    expect(desk.submitted[0]!.amount).to.equal('1234567');
  });

  it('uploads a valid proof with an accessible progress bar, then confirms, empties itself and emits taba-payment-proof-submitted', async () => {
    const { double, desk, invoice } = setup();
    const form = await renderForm(double, invoice.id);
    await shown(form);
    let finish!: () => void;
    const reported = reportProofProgress(double, [512, 1024], new Promise<void>((resolve) => (finish = resolve)));
    await fillValid(form);
    part<HTMLButtonElement>(form, 'submit')!.focus();
    const submitted = oneEvent(form, 'taba-payment-proof-submitted');
    await sendKeys({ press: 'Enter' });

    await waitUntil(() => part(form, 'upload-progress'), 'uploading');
    const bar = part<HTMLProgressElement>(form, 'upload-progress')!;
    expect([bar.value, bar.max]).to.deep.equal([1024, 2048]);
    expect(textOf(bar.labels[0]!)).to.equal('Uploading remittance.pdf');
    expect(part(form, 'submit')!.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(part(form, 'submit'))).to.equal('Sending…');
    expect(part(form, 'form')!.getAttribute('aria-busy')).to.equal('true');
    expect(reported.calls).to.equal(1);
    finish();

    const { detail } = await submitted;
    expect(detail.invoiceId).to.equal(invoice.id);
    expect(detail.proof).to.deep.include({ amount: 120_000, currency: 'USD', paidOn: '2026-11-28', method: 'card', reference: 'Transfer 8812', status: 'under_review', fileName: 'remittance.pdf' });
    expect(desk.submitted).to.deep.equal([
      { invoiceId: invoice.id, amount: '120000', paidOn: '2026-11-28', method: 'card', reference: 'Transfer 8812', fileName: 'remittance.pdf' },
    ]);
    const [[input]] = double.callsOf('submitPortalPaymentProof') as [[{ idempotencyKey?: string }]];
    expect(input.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    await waitUntil(() => active(form) === part(form, 'submitted'), 'focus on the confirmation');
    expect(textOf(part(form, 'submitted'))).to.equal('Proof of payment sent. The team will review it.');
    expect(part(form, 'submitted')!.getAttribute('role')).to.equal('status');
    expect(part(form, 'upload-progress')).to.equal(null);
    expect(part<HTMLInputElement>(form, 'amount')!.value).to.equal('');
    expect(part<HTMLInputElement>(form, 'reference')!.value).to.equal('');
    expect(part<HTMLSelectElement>(form, 'method')!.value).to.equal('bank_transfer');
    expect(part<HTMLInputElement>(form, 'file-input')!.files).to.have.length(0);
  });

  it('reads amounts as the locale writes them: de-DE 1.234,50', async () => {
    await setPortalLocale('de-DE');
    const { double, desk, invoice } = setup({ currency: 'EUR' });
    const form = await renderForm(double, invoice.id);
    await shown(form);
    expect(textOf(form.shadowRoot!.getElementById('amount-hint')).replace(/\s+/g, ' ')).to.equal('In EUR. Offener Betrag: 1.200,00 €.');
    await fillValid(form, '1.234,50');
    submit(form);
    await waitUntil(() => desk.submitted.length === 1, 'sent');
    expect(desk.submitted[0]!.amount).to.equal('123450');
  });

  it('retries a proof whose answer was lost with the same Idempotency-Key: stored once', async () => {
    const { double, desk, invoice } = setup();
    const form = await renderForm(double, invoice.id);
    await shown(form);
    desk.loseNextAnswer();
    await fillValid(form);
    submit(form);
    await waitUntil(() => part(form, 'retry'), 'Retry offered');
    expect(textOf(part(form, 'error'))).to.contain('Your proof of payment was not sent.');
    await waitUntil(() => active(form) === part(form, 'retry'), 'focus on Retry');
    part<HTMLButtonElement>(form, 'retry')!.click();
    await waitUntil(() => !part(form, 'submitted')!.hidden, 'sent');
    const keys = (double.callsOf('submitPortalPaymentProof') as [{ idempotencyKey?: string }][]).map(([input]) => input.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(desk.submitted).to.have.length(1);
  });

  it('puts the server’s refusal of the file next to the file, and says when the invoice cannot be paid', async () => {
    const { double, desk, invoice } = setup();
    const form = await renderForm(double, invoice.id);
    await shown(form);
    double.failNext(
      'submitPortalPaymentProof',
      new ValidationError({ type: 'about:blank', title: 'File too large', status: 413, code: 'file_too_large', detail: 'The file is larger than 25 MB.' }),
    );
    await fillValid(form);
    submit(form);
    await waitUntil(() => errorOf(form, 'file') !== '', 'file refused');
    expect(errorOf(form, 'file')).to.equal('File too large: The file is larger than 25 MB.');
    await waitUntil(() => active(form) === part(form, 'file-input'), 'focus on the file');
    expect(part(form, 'error')).to.equal(null);

    desk.invoices[0]!.status = 'void';
    choose(form, pdf('smaller.pdf', 100));
    submit(form);
    await waitUntil(() => part(form, 'error'), 'alert');
    expect(textOf(part(form, 'error'))).to.contain('This invoice cannot be paid.');
    expect(part(form, 'retry')).to.equal(null);
  });

  it('uses the invoice it is given without loading it', async () => {
    const double = new PortalApiDouble();
    const invoice = invoiceFixture({ payments: [{ id: 'pay_1', amount: 20_000, currency: 'USD', paidOn: '2026-11-02', method: 'cash', reference: 'R' }] });
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-payment-proof-form invoice-id=${invoice.id} .invoice=${invoiceCardOf(invoice)}></taba-payment-proof-form>
      </test-portal-provider>
    `);
    const form = provider.querySelector('taba-payment-proof-form')!;
    await shown(form);
    expect(textOf(form.shadowRoot!.getElementById('amount-hint'))).to.equal('In USD. Amount due: $1,000.00.');
    expect(double.callsOf('retrievePortalInvoice')).to.have.length(0);
  });

  it('needs an invoice and a client', async () => {
    const none = await renderForm(new PortalApiDouble(), undefined);
    expect(textOf(part(none, 'notice'))).to.equal('No invoice selected.');
    const alone = await fixture<TabaPaymentProofForm>(html`<taba-payment-proof-form invoice-id="inv_x"></taba-payment-proof-form>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-payment-proof-form> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, empty, with field errors, uploading, failed and sent', async function () {
    this.timeout(20_000);
    const { double, desk, invoice } = setup();
    const release = double.hold();
    const form = await renderForm(double, invoice.id);
    await expectAccessible(form, 'loading');
    release();
    await shown(form);
    await expectAccessible(form, 'empty form');
    submit(form);
    await waitUntil(() => parts(form, 'field-error').length === 4, 'errors');
    await expectAccessible(form, 'field errors');

    let finish!: () => void;
    reportProofProgress(double, [100], new Promise<void>((resolve) => (finish = resolve)));
    await fillValid(form);
    submit(form);
    await waitUntil(() => part(form, 'upload-progress'), 'uploading');
    await expectAccessible(form, 'uploading');
    desk.loseNextAnswer();
    finish();
    await waitUntil(() => part(form, 'retry'), 'failed');
    await expectAccessible(form, 'failed');
    part<HTMLButtonElement>(form, 'retry')!.click();
    await waitUntil(() => !part(form, 'submitted')!.hidden, 'sent');
    await expectAccessible(form, 'sent');
  });
});
