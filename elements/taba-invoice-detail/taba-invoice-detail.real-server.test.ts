import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { PortalClient } from '../../sdk/portal-client.js';
import { setPortalLocale } from '../shared/localize.js';
import { part, parts, textOf } from '../test-support/dom.js';
import '../test-support/portal-provider.js';
import type { TabaInvoiceDetail } from './taba-invoice-detail.component.js';
import './taba-invoice-detail.js';

/** What the `taba-real-invoice` command of web-test-runner.config.ts returns. */
interface RealInvoice {
  apiBase: string;
  clientSecret: string;
  invoiceId: string;
  number: string;
}

const SLOW = { timeout: 10_000 };

function totals(detail: TabaInvoiceDetail): Record<string, string> {
  return Object.fromEntries(Array.from(part(detail, 'totals')!.children, (row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]));
}

/** The embedded form's shadow root, where the contact types. */
function formRoot(detail: TabaInvoiceDetail): ShadowRoot {
  return detail.shadowRoot!.querySelector('taba-payment-proof-form')!.shadowRoot!;
}

async function sendProof(detail: TabaInvoiceDetail, amount: string, reference: string, file: File): Promise<void> {
  const root = formRoot(detail);
  const set = (id: string, value: string) => {
    const input = root.getElementById(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  };
  set('amount', amount);
  set('paidOn', new Date().toISOString().slice(0, 10));
  set('reference', reference);
  const chooser = root.getElementById('file') as HTMLInputElement;
  const transfer = new DataTransfer();
  transfer.items.add(file);
  chooser.files = transfer.files;
  chooser.dispatchEvent(new Event('change'));
  await (root.host as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  (root.querySelector("[part~='submit']") as HTMLButtonElement).click();
}

function review(paymentProofId: string, reason?: string): Promise<{ status: string } | undefined> {
  return executeServerCommand('taba-real-payment-proof-review', { paymentProofId, ...(reason ? { reason } : {}) });
}

describe('<taba-invoice-detail> against a real server', () => {
  afterEach(async () => {
    await setPortalLocale();
  });

  it('downloads the PDF, sends proof of payment with upload progress, shows it rejected with the reason, then accepted as a payment', async function () {
    this.timeout(40_000);
    await setPortalLocale('en-US');
    const seeded = await executeServerCommand<RealInvoice, { origin: string }>('taba-real-invoice', { origin: location.origin });
    const client = new PortalClient({ apiBase: seeded.apiBase, clientSecret: seeded.clientSecret });
    // The progress the SDK reports while the form uploads (through XMLHttpRequest in a browser).
    const progress: [number, number][] = [];
    const submit = client.invoices.submitPaymentProof;
    client.invoices.submitPaymentProof = (invoiceId, input, options = {}) =>
      submit(invoiceId, input, {
        ...options,
        onProgress: (sent, total) => {
          progress.push([sent, total]);
          options.onProgress?.(sent, total);
        },
      });
    const provider = await fixture(html`
      <test-portal-provider .client=${client}>
        <taba-invoice-detail invoice-id=${seeded.invoiceId}></taba-invoice-detail>
      </test-portal-provider>
    `);
    const detail = provider.querySelector<TabaInvoiceDetail>('taba-invoice-detail')!;
    await waitUntil(() => part(detail, 'title'), 'invoice shown', SLOW);
    expect(textOf(part(detail, 'title'))).to.equal(`Invoice ${seeded.number}`);
    expect(textOf(part(detail, 'status'))).to.equal('Open');
    expect(totals(detail)).to.deep.include({ Subtotal: '$1,000.00', Tax: '$200.00', Total: '$1,200.00', 'Amount due': '$1,200.00' });

    // Download PDF: the server's bytes, saved from an object URL.
    const made: Blob[] = [];
    const { createObjectURL } = URL;
    const realClick = HTMLAnchorElement.prototype.click;
    const downloads: string[] = [];
    URL.createObjectURL = (blob: Blob) => (made.push(blob as Blob), createObjectURL(blob));
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    };
    try {
      (part(detail, 'pdf') as HTMLButtonElement).click();
      await waitUntil(() => downloads.length === 1, 'PDF saved', SLOW);
    } finally {
      URL.createObjectURL = createObjectURL;
      HTMLAnchorElement.prototype.click = realClick;
    }
    expect(downloads).to.deep.equal([`${seeded.number}.pdf`]);
    expect((await made[0]!.text()).startsWith('%PDF-')).to.equal(true);

    await waitUntil(() => formRoot(detail)?.querySelector("[part~='form']"), 'proof form', SLOW);
    const pdf = `%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n${'% remittance advice\n'.repeat(4000)}trailer << /Root 1 0 R >>\n%%EOF\n`;
    await sendProof(detail, '1,200.00', 'TRF-WRONG', new File([pdf], 'remittance.pdf', { type: 'application/pdf' }));
    await waitUntil(() => parts(detail, 'proof').length === 1, 'proof listed', SLOW);
    expect(textOf(part(detail, 'proof-status'))).to.equal('Under review');
    expect(textOf(part(detail, 'proof'))).to.contain('$1,200.00 paid');
    expect(textOf(formRoot(detail).querySelector("[part~='submitted']"))).to.equal('Proof of payment sent. The team will review it.');
    expect(totals(detail)['Amount due'], 'nothing moves before the team accepts').to.equal('$1,200.00');
    expect(progress.length, 'upload progress reported').to.be.greaterThan(0);
    const [sent, total] = progress.at(-1)!;
    expect(sent).to.equal(total);
    expect(total, 'the multipart body').to.be.greaterThan(pdf.length);

    const invoice = await client.invoices.retrieve(seeded.invoiceId);
    const rejectedId = invoice.paymentProofs[0]!.id;
    expect(invoice.paymentProofs[0]).to.deep.include({ amount: 120_000, currency: 'USD', reference: 'TRF-WRONG', status: 'under_review' });
    expect(await review(rejectedId, 'We have no transfer with this reference.')).to.deep.equal({ status: 'rejected' });
    await detail.refresh();
    await waitUntil(() => textOf(part(detail, 'proof-status')) === 'Rejected', 'rejected', SLOW);
    expect(textOf(part(detail, 'reject-reason'))).to.equal('Why it was rejected: We have no transfer with this reference.');

    await sendProof(detail, '1200', 'TRF-8812', new File([pdf], 'remittance-2.pdf', { type: 'application/pdf' }));
    await waitUntil(() => parts(detail, 'proof').length === 2, 'second proof listed', SLOW);
    const accepted = (await client.invoices.retrieve(seeded.invoiceId)).paymentProofs[0]!;
    expect(accepted.reference).to.equal('TRF-8812');
    expect(await review(accepted.id)).to.deep.equal({ status: 'accepted' });
    await detail.refresh();
    await waitUntil(() => textOf(part(detail, 'status')) === 'Paid', 'paid', SLOW);
    expect(parts(detail, 'proof-status').map(textOf)).to.deep.equal(['Accepted', 'Rejected']);
    expect(parts(detail, 'payment').map((row) => textOf(row.children[3]))).to.deep.equal(['$1,200.00']);
    expect(totals(detail)).to.deep.include({ 'Amount paid': '$1,200.00', 'Amount due': '$0.00' });
    expect(detail.shadowRoot!.querySelector('taba-payment-proof-form'), 'nothing due: no form').to.equal(null);
  });
});
