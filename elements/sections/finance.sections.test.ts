import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { PORTAL_SECTIONS, type PortalSection } from './index.js';
import { hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { EstimateDesk, InvoiceDesk, estimateFixture, invoiceFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import type { TabaPortal } from '../taba-portal/taba-portal.component.js';
import '../taba-portal/taba-portal.js';

function view<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): HTMLElementTagNameMap[K] | null {
  return portal.shadowRoot!.querySelector(tag);
}

function navItem(portal: TabaPortal, section: PortalSection): HTMLButtonElement {
  return parts<HTMLButtonElement>(portal, 'nav-item')[PORTAL_SECTIONS.findIndex((entry) => entry.id === section)]!;
}

/** Puts `hash` in the address without a history entry or an event, as a page loaded with it has. */
function loadWith(hash: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
}

function seeded() {
  const double = new PortalApiDouble();
  const estimate = estimateFixture({ title: 'Website redesign' });
  const invoice = invoiceFixture();
  const estimates = new EstimateDesk(double, [estimate]);
  new InvoiceDesk(double, [invoice]);
  return { double, estimate, invoice, estimates };
}

async function shownIn<K extends keyof HTMLElementTagNameMap>(portal: TabaPortal, tag: K): Promise<HTMLElementTagNameMap[K]> {
  await waitUntil(() => view(portal, tag), `${tag} shown`, { timeout: 5000 });
  return view(portal, tag)!;
}

describe('<taba-portal> Estimates and Invoices', () => {
  let start: string;

  beforeEach(() => {
    start = `${location.pathname}${location.search}`;
    loadWith('');
  });

  afterEach(() => {
    history.replaceState(null, '', start);
  });

  it('has Estimates after Acceptances and Invoices after Estimates in its navigation', async () => {
    const { double } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double}></taba-portal>`);
    const labels = parts(portal, 'nav-item').map((item) => textOf(item));
    expect(labels.indexOf('Estimates')).to.equal(labels.indexOf('Acceptances') + 1);
    expect(labels.indexOf('Invoices')).to.equal(labels.indexOf('Estimates') + 1);
    navItem(portal, 'invoices').click();
    const list = await shownIn(portal, 'taba-invoice-list');
    expect(textOf(part(portal, 'heading'))).to.equal('Invoices');
    await waitUntil(() => parts(list, 'card').length === 1, 'invoices listed');
  });

  it('opens an estimate from its card with focus on its heading; Back returns to a refreshed list after approving', async () => {
    const { double, estimate } = seeded();
    const portal = await fixture<TabaPortal>(html`<taba-portal section="estimates" .client=${double}></taba-portal>`);
    const list = await shownIn(portal, 'taba-estimate-list');
    await waitUntil(() => parts(list, 'card').length === 1, 'listed');
    part<HTMLButtonElement>(list, 'open')!.click();
    const detail = await shownIn(portal, 'taba-estimate-detail');
    expect(list.hidden).to.equal(true);
    expect(detail.estimateId).to.equal(estimate.id);
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the estimate’s heading');

    const name = part<HTMLInputElement>(detail, 'full-name')!;
    name.value = 'Ada Lovelace';
    name.dispatchEvent(new Event('input'));
    await detail.updateComplete;
    part<HTMLButtonElement>(detail, 'approve')!.click();
    await waitUntil(() => part(detail, 'outcome'), 'approved');

    part<HTMLButtonElement>(portal, 'back')!.click();
    await portal.updateComplete;
    expect(view(portal, 'taba-estimate-detail')).to.equal(null);
    await waitUntil(() => part(list, 'empty'), 'the Open tab no longer has it');
  });

  it('follows deep links #/estimates/est_… and #/invoices/inv_… with routing="hash"', async () => {
    const { double, estimate, invoice } = seeded();
    loadWith(`#/estimates/${estimate.id}`);
    const portal = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    const detail = await shownIn(portal, 'taba-estimate-detail');
    expect(detail.estimateId).to.equal(estimate.id);
    await waitUntil(() => textOf(part(detail, 'title')) === `${estimate.number} Website redesign`, 'estimate shown');

    loadWith(`#/invoices/${invoice.id}`);
    const other = await fixture<TabaPortal>(html`<taba-portal routing="hash" .client=${double}></taba-portal>`);
    const invoiceDetail = await shownIn(other, 'taba-invoice-detail');
    expect(invoiceDetail.invoiceId).to.equal(invoice.id);
    await waitUntil(() => textOf(part(invoiceDetail, 'title')) === `Invoice ${invoice.number}`, 'invoice shown');
    part<HTMLButtonElement>(other, 'back')!.click();
    await other.updateComplete;
    expect(location.hash).to.equal('#/invoices');
  });
});
