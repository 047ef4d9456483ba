import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { ifDefined } from 'lit/directives/if-defined.js';
import { sendKeys } from '@web/test-runner-commands';
import type { TabaInvoiceList } from '../taba-invoice-list/taba-invoice-list.component.js';
import '../taba-invoice-list/taba-invoice-list.js';
import type { TabaProposalList } from '../taba-proposal-list/taba-proposal-list.component.js';
import '../taba-proposal-list/taba-proposal-list.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { InvoiceDesk, invoiceFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble, proposalFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { formatNumber } from './format.js';
import { formatLocale, portalLocale, setPortalLocale, setPortalMessages } from './localize.js';
import { strings } from './strings.js';

// The language the elements speak: `locale` on any element (page-wide), else the browser's; German
// and Arabic words and formats, right to left for Arabic. The first test runs before any element
// has rendered in this page, as the browser-default case needs.

const SENT_AT = '2026-11-02T09:30:00.000Z';

function normalised(text: string): string {
  // Intl puts no-break and bidi marks around currency and dates; a reader sees a space or nothing.
  return text.replace(/[\u200e\u200f\u061c]/g, '').replace(/\s+/g, ' ').trim();
}

function cell(row: Element | undefined, name: string): string {
  return normalised(textOf(row?.querySelector(`[part~='${name}']`)));
}

function proposals(): PortalApiDouble {
  return new PortalApiDouble([
    proposalFixture({ title: 'Website redesign', number: 'PRP-0042', feeModel: 'fixed_fee', fee: { amount: 125000, currency: 'EUR' }, sentAt: SENT_AT }),
  ]);
}

async function renderProposals(double: PortalApiDouble, locale?: string): Promise<TabaProposalList> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-proposal-list locale=${ifDefined(locale)}></taba-proposal-list>
    </test-portal-provider>
  `);
  const list = provider.querySelector('taba-proposal-list')!;
  await list.updateComplete;
  return list;
}

async function firstRow(list: TabaProposalList): Promise<HTMLElement> {
  await waitUntil(() => parts(list, 'row').length === 1, 'the proposal shown', { timeout: 5000 });
  await list.updateComplete;
  return parts(list, 'row')[0]!;
}

async function renderInvoices(locale: string): Promise<TabaInvoiceList> {
  const double = new PortalApiDouble();
  new InvoiceDesk(double, [invoiceFixture({ dueDate: '2026-12-31' })]);
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-invoice-list locale=${locale}></taba-invoice-list>
    </test-portal-provider>
  `);
  const list = provider.querySelector('taba-invoice-list')!;
  await waitUntil(() => parts(list, 'card').length === 1, 'the invoice shown', { timeout: 5000 });
  await list.updateComplete;
  return list;
}

// A catalogue is fetched the first time its language is chosen, and axe loads on its first check.
const SLOW = 15_000;

describe('the elements’ language', () => {
  afterEach(async () => {
    setPortalMessages('de', {});
    await setPortalLocale();
  });

  it('follows the browser’s language when no element has a locale', async function () {
    this.timeout(SLOW);
    // The test browser speaks English; make it prefer Swiss German for this test only.
    Object.defineProperty(navigator, 'languages', { value: ['de-CH', 'en'], configurable: true });
    Object.defineProperty(navigator, 'language', { value: 'de-CH', configurable: true });
    try {
      const list = await renderProposals(proposals());
      const row = await firstRow(list);
      expect(list.hasAttribute('locale'), 'no locale attribute').to.equal(false);
      expect(portalLocale()).to.equal('de');
      expect(formatLocale(), 'formats for the region asked for').to.equal('de-CH');
      expect(cell(row, 'status')).to.equal('Offen');
      expect(cell(row, 'sent')).to.equal('Gesendet am 02.11.2026');
      // Swiss grouping: an apostrophe-like mark, not the German full stop.
      expect(cell(row, 'amount')).to.equal(normalised(new Intl.NumberFormat('de-CH', { style: 'currency', currency: 'EUR' }).format(1250)));
      expect(cell(row, 'amount')).not.to.contain('1.250');
      expect(list.getAttribute('lang')).to.equal('de');
    } finally {
      delete (navigator as { languages?: unknown }).languages;
      delete (navigator as { language?: unknown }).language;
    }
    expect(navigator.language, 'the browser’s own language is back').to.match(/^en/);
  });

  it('speaks German with locale="de": words, money and dates', async function () {
    this.timeout(SLOW);
    const list = await renderProposals(proposals(), 'de');
    const row = await firstRow(list);
    expect(cell(row, 'status')).to.equal('Offen');
    expect(cell(row, 'fee-model')).to.equal('Festpreis');
    expect(cell(row, 'amount')).to.equal('1.250,00 €');
    expect(cell(row, 'sent')).to.equal('Gesendet am 02.11.2026');
    expect(list.getAttribute('lang')).to.equal('de');
    expect(list.getAttribute('dir')).to.equal('ltr');
    await expectAccessible(list, 'German');
  });

  it('speaks Arabic with locale="ar", right to left: the host’s dir, mirrored layout, arrow keys', async function () {
    this.timeout(SLOW);
    const list = await renderInvoices('ar');
    expect(list.getAttribute('dir')).to.equal('rtl');
    expect(list.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(list).direction).to.equal('rtl');
    const [outstanding, all] = parts(list, 'tab');
    expect(textOf(outstanding)).to.equal('غير مسددة');
    expect(textOf(all)).to.equal('الكل');
    expect(cell(parts(list, 'card')[0], 'status')).to.equal('مفتوحة');
    // The first tab starts on the right, the next one follows to its left.
    const first = outstanding!.getBoundingClientRect();
    const second = all!.getBoundingClientRect();
    const tabs = part(list, 'tabs')!.getBoundingClientRect();
    expect(first.left, 'first tab right of the second').to.be.greaterThan(second.left);
    expect(tabs.right - first.right, 'first tab at the start edge (right)').to.be.lessThan(first.left - tabs.left);
    // ArrowLeft moves on to the next tab when the tabs run right to left.
    outstanding!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await list.updateComplete;
    expect(all!.getAttribute('aria-selected')).to.equal('true');
    expect(hasFocus(list, 'tab-selected')).to.equal(true);
    await expectAccessible(list, 'Arabic');
  });

  it('keeps a dir the page set on the element itself', async function () {
    this.timeout(SLOW);
    const provider = await fixture(html`
      <test-portal-provider .client=${proposals()}>
        <taba-proposal-list locale="ar" dir="ltr"></taba-proposal-list>
      </test-portal-provider>
    `);
    const list = provider.querySelector('taba-proposal-list')!;
    const row = await firstRow(list);
    expect(cell(row, 'status')).to.equal('قيد الانتظار');
    expect(list.getAttribute('dir')).to.equal('ltr');
    expect(getComputedStyle(list).direction).to.equal('ltr');
  });

  it('renders again when locale changes at run time, for every element on the page', async function () {
    this.timeout(SLOW);
    const list = await renderProposals(proposals(), 'en');
    const row = await firstRow(list);
    const other = await renderInvoices('en');
    expect(cell(row, 'status')).to.equal('Pending');
    expect(cell(row, 'sent')).to.equal(normalised(`Sent ${new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date(SENT_AT))}`));

    list.locale = 'de';
    await list.updateComplete;
    expect(list.getAttribute('locale'), 'reflected').to.equal('de');
    expect(cell(parts(list, 'row')[0], 'status')).to.equal('Offen');
    expect(cell(parts(list, 'row')[0], 'amount')).to.equal('1.250,00 €');
    await other.updateComplete;
    expect(textOf(parts(other, 'tab')[0]), 'the other element follows').to.equal('Offen');

    list.locale = 'ar';
    await list.updateComplete;
    expect(cell(parts(list, 'row')[0], 'status')).to.equal('قيد الانتظار');
    expect(list.getAttribute('dir')).to.equal('rtl');

    list.locale = 'en';
    await list.updateComplete;
    await other.updateComplete;
    expect(cell(parts(list, 'row')[0], 'status')).to.equal('Pending');
    expect(list.getAttribute('dir')).to.equal('ltr');
    expect(textOf(parts(other, 'tab')[0])).to.equal('Outstanding');
  });

  it('shows a tenant’s own wording for an id, with its values', async function () {
    this.timeout(SLOW);
    const list = await renderProposals(proposals(), 'de');
    await firstRow(list);
    setPortalMessages('de', { 'proposalList.sentOn': 'Verschickt: {0}', 'proposalStatus.pending': 'Wartet auf Sie' });
    await list.updateComplete;
    const row = parts(list, 'row')[0];
    expect(cell(row, 'status')).to.equal('Wartet auf Sie');
    expect(cell(row, 'sent')).to.equal('Verschickt: 02.11.2026');
    expect(cell(row, 'fee-model'), 'other ids keep the catalogue’s').to.equal('Festpreis');

    setPortalMessages('de', {});
    await list.updateComplete;
    expect(cell(parts(list, 'row')[0], 'status')).to.equal('Offen');
  });

  it('says counts with each plural form of the language', async function () {
    this.timeout(SLOW);
    await setPortalLocale('ar');
    const count = strings.projectList.documentCount;
    expect([0, 1, 2, 3, 11, 100].map(count)).to.deep.equal([
      'لا توجد مستندات مشتركة',
      'مستند مشترك واحد',
      'مستندان مشتركان',
      `${formatNumber(3)} مستندات مشتركة`,
      `${formatNumber(11)} مستندًا مشتركًا`,
      `${formatNumber(100)} مستند مشترك`,
    ]);
    await setPortalLocale('de');
    expect([1, 2].map(count)).to.deep.equal(['1 geteiltes Dokument', '2 geteilte Dokumente']);
    await setPortalLocale('en');
    expect([1, 1000].map(count)).to.deep.equal(['1 shared document', '1,000 shared documents']);
  });
});
