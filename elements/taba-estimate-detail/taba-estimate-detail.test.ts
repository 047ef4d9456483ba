import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { NotFoundError, ValidationError } from '../../sdk/errors.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { EstimateDesk, estimateFixture, lineFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaEstimateDetail } from './taba-estimate-detail.component.js';
import './taba-estimate-detail.js';

const APPROVED_AT = '2026-11-25T12:00:00.000Z';

function setup(overrides: Parameters<typeof estimateFixture>[0] = {}) {
  const double = new PortalApiDouble();
  const estimate = estimateFixture({
    title: 'Website redesign',
    projectId: 'prj_web',
    projectName: 'New website',
    validUntil: '2026-12-31',
    notes: 'Prices include two rounds of revisions.\nHosting billed yearly.',
    ...overrides,
  });
  const desk = new EstimateDesk(double, [estimate]);
  return { double, desk, estimate };
}

async function renderDetail(double: PortalApiDouble, estimateId: string | undefined): Promise<TabaEstimateDetail> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-estimate-detail .estimateId=${estimateId}></taba-estimate-detail>
    </test-portal-provider>
  `);
  return provider.querySelector('taba-estimate-detail')!;
}

async function shown(detail: TabaEstimateDetail): Promise<void> {
  await waitUntil(() => part(detail, 'title'), 'estimate shown');
}

function type(detail: TabaEstimateDetail, name: 'full-name' | 'reason', text: string): void {
  const input = part<HTMLInputElement | HTMLTextAreaElement>(detail, name)!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
}

function active(detail: TabaEstimateDetail): Element | null {
  return detail.shadowRoot!.activeElement;
}

function rows(detail: TabaEstimateDetail): string[][] {
  return parts(detail, 'line').map((row) => Array.from(row.children, (cell) => textOf(cell)));
}

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

describe('<taba-estimate-detail>', () => {
  beforeEach(async () => {
    await setPortalLocale('en-US');
  });
  afterEach(async () => {
    await setPortalLocale();
  });

  it('shows the estimate: head, lines with quantity, unit price, discount, tax and line total, the totals, notes and valid-until date', async () => {
    const { double, estimate } = setup({
      lines: [
        lineFixture({ description: 'Design', quantity: '10', unitAmount: 12_000, taxRateBasisPoints: 2_000 }),
        lineFixture({ description: 'Hosting (12 months)', quantity: '1', unitAmount: 24_000, discountBasisPoints: 1_000 }),
        lineFixture({ description: 'Workshop', quantity: '1.5', unitAmount: 10_000, discountBasisPoints: 1_250, taxRateBasisPoints: 2_000 }),
      ],
    });
    const release = double.hold();
    const detail = await renderDetail(double, estimate.id);
    expect(textOf(part(detail, 'loading'))).to.equal('Loading estimate…');
    release();
    await shown(detail);

    expect(textOf(part(detail, 'title'))).to.equal(`${estimate.number} Website redesign`);
    expect(textOf(part(detail, 'status'))).to.equal('Awaiting decision');
    expect(textOf(part(detail, 'valid-until'))).to.equal('Valid until Dec 31, 2026');
    expect(textOf(part(detail, 'project'))).to.equal('New website');
    const table = part<HTMLTableElement>(detail, 'lines')!;
    expect(Array.from(table.tHead!.rows[0]!.cells, (cell) => textOf(cell))).to.deep.equal([
      'Description',
      'Quantity',
      'Unit price',
      'Discount',
      'Tax',
      'Line total',
    ]);
    expect(rows(detail)).to.deep.equal([
      ['Design', '10', '$120.00', '—', '$240.00 (20%)', '$1,440.00'],
      ['Hosting (12 months)', '1', '$240.00', '−$24.00 (10%)', '—', '$216.00'],
      ['Workshop', '1.5', '$100.00', '−$18.75 (12.5%)', '$26.25 (20%)', '$157.50'],
    ]);
    const totals = Object.fromEntries(
      Array.from(part(detail, 'totals')!.children, (row) => [textOf(row.querySelector('dt')), textOf(row.querySelector('dd'))]),
    );
    expect(totals).to.deep.equal({ 'Discounts applied': '−$42.75', Subtotal: '$1,547.25', Tax: '$266.25', Total: '$1,813.50' });
    expect(textOf(part(detail, 'total')), 'the meta line has the total too').to.equal('Total: $1,813.50');
    expect(part(detail, 'notes')!.textContent).to.equal('Prices include two rounds of revisions.\nHosting billed yearly.');
    expect(textOf(part(detail, 'approve-form'))).to.contain('(version 1)');
  });

  it('speaks German for de-DE and formats every amount for it: 1.234,50 €', async () => {
    await setPortalLocale('de-DE');
    const { double, estimate } = setup({ currency: 'EUR', lines: [lineFixture({ description: 'Beratung', quantity: '1', unitAmount: 123_450 })] });
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    expect(rows(detail).map((row) => row.map(normalised))).to.deep.equal([['Beratung', '1', '1.234,50 €', '—', '—', '1.234,50 €']]);
    expect(normalised(textOf(part(detail, 'total')))).to.equal('Gesamt: 1.234,50 €');
    expect(textOf(part(detail, 'valid-until'))).to.equal('Gültig bis 31.12.2026');
  });

  it('approves by keyboard with the typed name and the version shown, once, then shows who approved', async () => {
    const { double, desk, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    part<HTMLInputElement>(detail, 'full-name')!.focus();
    await sendKeys({ type: '  Ada Lovelace ' });
    const approved = oneEvent(detail, 'taba-estimate-approved');
    await sendKeys({ press: 'Enter' });
    const { detail: event } = await approved;
    expect(event.estimate.status).to.equal('approved');

    await waitUntil(() => part(detail, 'outcome'), 'outcome shown');
    const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(APPROVED_AT));
    expect(textOf(part(detail, 'outcome'))).to.equal(`Approved by Ada Lovelace on ${time}.`);
    expect(textOf(part(detail, 'status'))).to.equal('Approved');
    expect(part(detail, 'decision'), 'no form once decided').to.equal(null);
    await waitUntil(() => active(detail) === part(detail, 'outcome'), 'focus on the outcome');
    const [[input]] = double.callsOf('approvePortalEstimate') as [[{ body: unknown; idempotencyKey?: string }]];
    expect(input.body).to.deep.equal({ name: 'Ada Lovelace', version: 1 });
    expect(input.idempotencyKey).to.match(/^[0-9a-f]{32}$/);
    expect(desk.decisions).to.deep.equal([{ estimateId: estimate.id, action: 'approve', name: 'Ada Lovelace', version: 1 }]);
  });

  it('asks for the name instead of sending an empty one', async () => {
    const { double, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    type(detail, 'full-name', '   ');
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'field-error'), 'name asked for');
    expect(textOf(part(detail, 'field-error'))).to.equal('Type your full name to approve.');
    const input = part<HTMLInputElement>(detail, 'full-name')!;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(input.getAttribute('aria-describedby')).to.contain('name-error');
    await waitUntil(() => active(detail) === input, 'focus on the name');
    expect(double.callsOf('approvePortalEstimate')).to.have.length(0);
    type(detail, 'full-name', 'Ada');
    await detail.updateComplete;
    expect(part(detail, 'field-error'), 'cleared once typed').to.equal(null);
  });

  it('on 409 estimate_changed reloads the new version, says so, keeps the name, and approves the new version', async () => {
    const { double, desk, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    expect(textOf(part(detail, 'total'))).to.equal('Total: $1,656.00');
    // The team edits it while the contact reads.
    desk.edit(estimate.id, [lineFixture({ description: 'Design', quantity: '12', unitAmount: 12_000 })]);
    type(detail, 'full-name', 'Ada Lovelace');
    part<HTMLButtonElement>(detail, 'approve')!.click();

    await waitUntil(() => part(detail, 'decision-notice'), 'notice shown');
    expect(textOf(part(detail, 'decision-notice'))).to.equal(
      'The team changed this estimate while you had it open. It now shows the new version: review it, then approve again.',
    );
    expect(part(detail, 'decision-notice')!.getAttribute('role')).to.equal('alert');
    await waitUntil(() => active(detail) === part(detail, 'decision-notice'), 'focus on the notice');
    expect(textOf(part(detail, 'total')), 'the new version').to.equal('Total: $1,440.00');
    expect(textOf(part(detail, 'approve-form'))).to.contain('(version 2)');
    expect(part<HTMLInputElement>(detail, 'full-name')!.value, 'the name is kept').to.equal('Ada Lovelace');
    expect(desk.decisions).to.have.length(0);

    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'outcome'), 'approved');
    expect(desk.decisions).to.deep.equal([{ estimateId: estimate.id, action: 'approve', name: 'Ada Lovelace', version: 2 }]);
    const keys = (double.callsOf('approvePortalEstimate') as [{ idempotencyKey?: string }][]).map(([input]) => input.idempotencyKey);
    expect(keys[0]).to.not.equal(keys[1]);
    expect(part(detail, 'decision-notice'), 'the notice goes once approved').to.equal(null);
  });

  it('on 409 estimate_expired shows the estimate as expired and says so, without the form', async () => {
    const { double, desk, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    desk.estimates[0]!.status = 'expired';
    type(detail, 'full-name', 'Ada Lovelace');
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'decision-notice'), 'notice shown');
    expect(textOf(part(detail, 'decision-notice'))).to.equal('This estimate has expired and can no longer be approved. Ask the team to send you a new one.');
    expect(textOf(part(detail, 'status'))).to.equal('Expired');
    expect(part(detail, 'decision')).to.equal(null);
    await waitUntil(() => active(detail) === part(detail, 'decision-notice'), 'focus on the notice');
  });

  it('on 409 estimate_not_pending reloads and shows the decision made elsewhere', async () => {
    const { double, desk, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    Object.assign(desk.estimates[0]!, { status: 'declined', declinedAt: APPROVED_AT, declineReason: 'A colleague declined it.' });
    type(detail, 'full-name', 'Ada Lovelace');
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => textOf(part(detail, 'status')) === 'Declined', 'reloaded');
    expect(textOf(part(detail, 'decision-notice'))).to.equal('This estimate was already decided, so your decision was not recorded. It now shows as it is.');
    expect(textOf(part(detail, 'decline-reason'))).to.equal('Reason: A colleague declined it.');
  });

  it('retries an approval whose answer was lost with the same Idempotency-Key: recorded once', async () => {
    const { double, desk, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    desk.loseNextAnswer();
    type(detail, 'full-name', 'Ada Lovelace');
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'retry'), 'retry offered');
    expect(textOf(part(detail, 'error'))).to.contain('Your approval was not recorded.');
    await waitUntil(() => active(detail) === part(detail, 'retry'), 'focus on Retry');
    part<HTMLButtonElement>(detail, 'retry')!.click();
    await waitUntil(() => part(detail, 'outcome'), 'approved');
    const keys = (double.callsOf('approvePortalEstimate') as [{ idempotencyKey?: string }][]).map(([input]) => input.idempotencyKey);
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
    expect(desk.decisions).to.have.length(1);
  });

  it('shows a refusal without Retry, and clears it once the name changes', async () => {
    const { double, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    double.failNext(
      'approvePortalEstimate',
      new ValidationError({ type: 'about:blank', title: 'Name too long', status: 422, code: 'approval_name_too_long', detail: 'A name has at most 200 characters.' }),
    );
    type(detail, 'full-name', 'Ada');
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'error'), 'refused');
    expect(textOf(part(detail, 'error'))).to.contain('A name has at most 200 characters.');
    expect(part(detail, 'retry')).to.equal(null);
    expect(part(detail, 'full-name')!.getAttribute('aria-invalid')).to.equal('true');
    type(detail, 'full-name', 'Ada L');
    await detail.updateComplete;
    expect(part(detail, 'error')).to.equal(null);
  });

  it('declines with a required reason and a counter, then shows the decline and its reason', async () => {
    const { double, desk, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    expect(part(detail, 'decline-form'), 'hidden until asked for').to.equal(null);
    part<HTMLButtonElement>(detail, 'decline-open')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => active(detail) === part(detail, 'reason'), 'focus on the reason');
    expect(textOf(part(detail, 'counter'))).to.equal('1,000 characters left');

    part<HTMLButtonElement>(detail, 'decline')!.click();
    await waitUntil(() => part(detail, 'field-error'), 'reason asked for');
    expect(textOf(part(detail, 'field-error'))).to.equal('Write a reason before declining.');
    expect(double.callsOf('declinePortalEstimate')).to.have.length(0);

    type(detail, 'reason', 'x'.repeat(1001));
    await detail.updateComplete;
    expect(textOf(part(detail, 'counter'))).to.equal('1 character over the limit. Shorten your reason to decline.');
    expect(part<HTMLButtonElement>(detail, 'decline')!.disabled).to.equal(true);

    type(detail, 'reason', ' Over our budget this quarter. ');
    await detail.updateComplete;
    expect(textOf(part(detail, 'counter'))).to.equal('971 characters left');
    const declined = oneEvent(detail, 'taba-estimate-declined');
    part<HTMLButtonElement>(detail, 'decline')!.click();
    expect((await declined).detail.estimate.status).to.equal('declined');
    await waitUntil(() => part(detail, 'outcome'), 'outcome');
    const time = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(APPROVED_AT));
    expect(textOf(part(detail, 'outcome'))).to.equal(`Declined on ${time}. Reason: Over our budget this quarter.`);
    expect(desk.decisions).to.deep.equal([{ estimateId: estimate.id, action: 'decline', reason: 'Over our budget this quarter.' }]);
  });

  it('Cancel closes the decline form and returns focus to its button', async () => {
    const { double, estimate } = setup();
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    part<HTMLButtonElement>(detail, 'decline-open')!.click();
    await waitUntil(() => part(detail, 'decline-form'), 'form');
    part<HTMLButtonElement>(detail, 'cancel')!.click();
    await waitUntil(() => active(detail) === part(detail, 'decline-open'), 'focus back');
    expect(part(detail, 'decline-form')).to.equal(null);
  });

  it('shows decided estimates read-only: approved, invoiced, declined, expired', async () => {
    const double = new PortalApiDouble();
    const approved = estimateFixture({ status: 'approved', approvedAt: APPROVED_AT, approvedName: 'Grace Hopper' });
    const converted = estimateFixture({ status: 'converted', approvedAt: APPROVED_AT, approvedName: 'Grace Hopper' });
    const expired = estimateFixture({ status: 'expired', validUntil: '2026-11-01' });
    new EstimateDesk(double, [approved, converted, expired]);
    const detail = await renderDetail(double, approved.id);
    await shown(detail);
    expect(textOf(part(detail, 'outcome'))).to.match(/^Approved by Grace Hopper on /);
    expect(detail.shadowRoot!.querySelector('form, input, textarea')).to.equal(null);
    detail.estimateId = converted.id;
    await waitUntil(() => textOf(part(detail, 'status')) === 'Invoiced', 'converted');
    expect(textOf(part(detail, 'outcome'))).to.contain('This estimate was approved and the team has turned it into an invoice.');
    detail.estimateId = expired.id;
    await waitUntil(() => textOf(part(detail, 'status')) === 'Expired', 'expired');
    expect(textOf(part(detail, 'decision-notice'))).to.contain('This estimate has expired');
    expect(detail.shadowRoot!.querySelector('form')).to.equal(null);
  });

  it('focus() moves to the heading once shown; alerts with Retry when loading fails; needs an id and a client', async () => {
    const { double, estimate } = setup();
    double.failNext('retrievePortalEstimate', new NotFoundError({ type: 'about:blank', title: 'Estimate not found', status: 404, code: 'not_found' }));
    const detail = await renderDetail(double, estimate.id);
    await waitUntil(() => part(detail, 'error'), 'error');
    expect(textOf(part(detail, 'error'))).to.contain('Could not load this estimate.');
    expect(textOf(part(detail, 'error-advice'))).to.contain('It may have been withdrawn.');
    detail.focus();
    buttonByText(detail, 'Retry')!.click();
    await shown(detail);
    detail.focus();
    expect(active(detail)).to.equal(part(detail, 'title'));

    const none = await renderDetail(double, undefined);
    expect(textOf(part(none, 'notice'))).to.equal('No estimate selected.');
    const alone = await fixture<TabaEstimateDetail>(html`<taba-estimate-detail estimate-id="est_x"></taba-estimate-detail>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-estimate-detail> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations loading, awaiting a decision, declining with errors, after a changed notice, and decided', async function () {
    this.timeout(20_000);
    const { double, desk, estimate } = setup();
    const release = double.hold();
    const detail = await renderDetail(double, estimate.id);
    await expectAccessible(detail, 'loading');
    release();
    await shown(detail);
    await expectAccessible(detail, 'awaiting a decision');

    part<HTMLButtonElement>(detail, 'approve')!.click();
    part<HTMLButtonElement>(detail, 'decline-open')!.click();
    await waitUntil(() => part(detail, 'decline-form'), 'decline form');
    part<HTMLButtonElement>(detail, 'decline')!.click();
    await waitUntil(() => parts(detail, 'field-error').length === 2, 'both fields asked for');
    await expectAccessible(detail, 'with field errors');

    desk.edit(estimate.id, [lineFixture({ quantity: '2', unitAmount: 5_000 })]);
    type(detail, 'full-name', 'Ada Lovelace');
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'decision-notice') && part(detail, 'approve-form'), 'changed notice');
    await expectAccessible(detail, 'changed notice');

    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'outcome'), 'approved');
    await expectAccessible(detail, 'approved');
  });

  it('has no violations when declined, when loading failed, and without a client', async function () {
    this.timeout(10_000);
    const { double, estimate } = setup({ status: 'declined', declinedAt: APPROVED_AT, declineReason: 'Too dear' });
    const detail = await renderDetail(double, estimate.id);
    await shown(detail);
    await expectAccessible(detail, 'declined');
    double.failNext('retrievePortalEstimate', new TypeError('Failed to fetch'));
    await detail.refresh().catch(() => undefined);
    await waitUntil(() => part(detail, 'error'), 'error');
    await expectAccessible(detail, 'error');
    const alone = await fixture<TabaEstimateDetail>(html`<taba-estimate-detail></taba-estimate-detail>`);
    await expectAccessible(alone, 'not connected');
  });
});
