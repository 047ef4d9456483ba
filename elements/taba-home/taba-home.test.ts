import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { HomeItem, PortalHome } from '../../sdk/contract/home.js';
import { ApiError } from '../../sdk/errors.js';
import { formatDateTime, formatDay, formatNumber } from '../shared/format.js';
import { setPortalLocale } from '../shared/localize.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { deadlineText } from './home-deadline.js';
import type { TabaHome } from './taba-home.component.js';
import './taba-home.js';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The calendar date `days` from the reader's today, `YYYY-MM-DD`. */
function dayFromToday(days: number): string {
  const today = new Date();
  const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
}

let nextNumber = 1;

function entry(overrides: Partial<HomeItem> & Pick<HomeItem, 'kind'>): HomeItem {
  const number = nextNumber++;
  return {
    id: `${overrides.kind.slice(0, 3)}_${number.toString().padStart(6, '0')}`,
    title: `Entry ${number}`,
    reference: null,
    deadline: null,
    dueSoon: false,
    overdue: false,
    amount: null,
    count: null,
    ...overrides,
  };
}

const NO_COUNTS: PortalHome['counts'] = { proposals: 0, estimates: 0, requestItems: 0, acceptances: 0, unreadMessages: 0, invoices: 0 };

function answering(home: PortalHome): PortalApiDouble {
  return new PortalApiDouble().answer('retrievePortalHome', () => structuredClone(home));
}

async function renderHome(double: PortalApiDouble): Promise<TabaHome> {
  const provider = await fixture(html`<test-portal-provider .client=${double}><taba-home></taba-home></test-portal-provider>`);
  return provider.querySelector('taba-home')!;
}

async function entriesOf(home: TabaHome, count: number): Promise<HTMLElement[]> {
  await waitUntil(() => parts(home, 'entry').length === count, `expected ${count} entries`);
  return parts(home, 'entry');
}

function within(entryElement: Element | undefined, name: string): string {
  return textOf(entryElement?.querySelector(`[part~='${name}']`));
}

/** An invoice overdue by 3 days, a proposal expiring in 5 hours, an estimate, a request, an acceptance, a conversation. */
function busyHome(): PortalHome {
  const expiry = new Date(Date.now() + 5 * HOUR + 10 * 60_000).toISOString();
  return {
    counts: { proposals: 2, estimates: 1, requestItems: 3, acceptances: 1, unreadMessages: 1, invoices: 1 },
    items: [
      entry({ kind: 'invoice', title: 'Website build', reference: 'INV-0007', deadline: dayFromToday(-3), overdue: true, amount: { amount: 120_000, currency: 'USD' } }),
      entry({ kind: 'proposal', title: 'Monthly support', deadline: expiry, dueSoon: true }),
      entry({ kind: 'estimate', title: 'EST-0002', reference: 'EST-0002', deadline: dayFromToday(12), amount: { amount: 45_050, currency: 'EUR' } }),
      entry({ kind: 'request', title: 'Year-end documents', reference: 'REQ-0001', deadline: dayFromToday(2), count: 3 }),
      entry({ kind: 'acceptance', title: 'Statement of work', deadline: new Date(Date.now() + 4 * DAY).toISOString() }),
      entry({ kind: 'thread', title: 'Billing question', count: 1 }),
    ],
  };
}

describe('<taba-home>', () => {
  beforeEach(async () => {
    await setPortalLocale('en-US');
  });
  afterEach(async () => {
    await setPortalLocale();
  });

  it('loads, then sums up what waits by kind and lists each entry soonest first, as the server ordered them', async function () {
    this.timeout(10_000);
    const double = answering(busyHome());
    const release = double.hold();
    const home = await renderHome(double);
    expect(textOf(part(home, 'loading'))).to.equal('Loading what needs you…');
    await expectAccessible(home, 'loading');
    release();

    const entries = await entriesOf(home, 6);
    expect(textOf(part(home, 'heading'))).to.equal('What needs you');
    expect(parts(home, 'count').map(textOf)).to.deep.equal([
      '2 proposals to decide on',
      '1 estimate to approve',
      '3 request items to answer',
      '1 document to accept',
      '1 unread message',
      '1 invoice to pay',
    ]);
    expect(entries.map((row) => within(row, 'open'))).to.deep.equal([
      'Website build',
      'Monthly support',
      'EST-0002',
      'Year-end documents',
      'Statement of work',
      'Billing question',
    ]);
    expect(entries.map((row) => within(row, 'kind'))).to.deep.equal([
      'Invoice INV-0007',
      'Proposal',
      'Estimate EST-0002',
      'Information request REQ-0001',
      'Document to accept',
      'Conversation',
    ]);
    const [invoice, proposal, estimate, request, , thread] = entries;
    expect(within(invoice, 'reference')).to.equal('INV-0007');
    expect(within(invoice, 'amount')).to.equal('Amount due $1,200.00');
    expect(within(estimate, 'amount')).to.equal('Total €450.50');
    expect(within(request, 'waiting')).to.equal('3 items to answer');
    expect(within(thread, 'waiting')).to.equal('1 unread message');
    expect(thread!.querySelector("[part~='deadline']"), 'a conversation has no deadline').to.equal(null);
    expect(proposal!.querySelector("[part~='amount']")).to.equal(null);
    await expectAccessible(home, 'loaded');
  });

  it('says deadlines relative and dated in the reader’s language, and urgency in words as well as colour', async () => {
    const home = await renderHome(answering(busyHome()));
    const [invoice, proposal, estimate, request, acceptance] = await entriesOf(home, 6);

    const invoiceDue = dayFromToday(-3);
    expect(within(invoice, 'deadline')).to.equal(`Was due 3 days ago (${formatDay(invoiceDue, 'en-US')})`);
    expect(within(invoice, 'urgency')).to.equal('Overdue');
    expect(invoice!.getAttribute('part')).to.contain('entry-overdue');
    expect(invoice!.querySelector('time')!.getAttribute('datetime')).to.equal(invoiceDue);

    expect(within(proposal, 'deadline')).to.match(/^Expires in 5 hours \(.+\)$/);
    expect(within(proposal, 'urgency')).to.equal('Due soon');
    expect(proposal!.getAttribute('part')).to.contain('entry-due-soon');

    expect(within(estimate, 'deadline')).to.equal(`Valid until ${formatDay(dayFromToday(12), 'en-US')} (in 12 days)`);
    expect(within(request, 'deadline')).to.equal(`Due in 2 days (${formatDay(dayFromToday(2), 'en-US')})`);
    expect(within(acceptance, 'deadline')).to.match(/^Expires in 4 days \(.+\)$/);
    for (const calm of [estimate, request, acceptance]) expect(calm!.querySelector("[part~='urgency']")).to.equal(null);

    // The words carry the urgency; the colours differ from the calm text too.
    const colour = (element: Element | null) => getComputedStyle(element!).color;
    const calmColour = colour(request!.querySelector("[part~='deadline']"));
    expect(colour(invoice!.querySelector("[part~='urgency']"))).not.to.equal(calmColour);
    expect(colour(proposal!.querySelector("[part~='urgency']"))).not.to.equal(calmColour);
    expect(colour(invoice!.querySelector("[part~='urgency']"))).not.to.equal(colour(proposal!.querySelector("[part~='urgency']")));

    // A screen reader hears the title as the button's name, and what, when and how much as its description.
    const open = invoice!.querySelector<HTMLButtonElement>("[part~='open']")!;
    const described = open
      .getAttribute('aria-describedby')!
      .split(' ')
      .map((id) => textOf(home.shadowRoot!.getElementById(id)));
    expect(described).to.deep.equal(['Invoice INV-0007', `Overdue Was due 3 days ago (${formatDay(invoiceDue, 'en-US')}) Amount due $1,200.00`]);
  });

  it('words deadlines within the hour, tomorrow, and long past', () => {
    const now = new Date(2026, 10, 20, 9, 0);
    const at = (hours: number) => new Date(now.getTime() + hours * HOUR).toISOString();
    const text = (item: Pick<HomeItem, 'kind' | 'deadline'>) => deadlineText(item, now, 'en-US')?.text;
    expect(text({ kind: 'proposal', deadline: at(0.5) })).to.equal(`Expires in 30 minutes (${formatDateTime(at(0.5), 'en-US')})`);
    expect(text({ kind: 'acceptance', deadline: at(-2) })).to.equal(`Expired 2 hours ago (${formatDateTime(at(-2), 'en-US')})`);
    expect(text({ kind: 'invoice', deadline: '2026-11-21' })).to.equal(`Due tomorrow (${formatDay('2026-11-21', 'en-US')})`);
    expect(text({ kind: 'request', deadline: '2026-11-20' })).to.equal(`Due today (${formatDay('2026-11-20', 'en-US')})`);
    expect(text({ kind: 'invoice', deadline: '2026-06-20' })).to.equal(`Was due 5 months ago (${formatDay('2026-06-20', 'en-US')})`);
    expect(text({ kind: 'thread', deadline: null })).to.equal(undefined);
  });

  it('dispatches taba-home-select with the kind and id, by click and from the keyboard', async () => {
    const data = busyHome();
    const home = await renderHome(answering(data));
    const entries = await entriesOf(home, 6);

    const clicked = oneEvent(home, 'taba-home-select');
    entries[0]!.querySelector<HTMLButtonElement>("[part~='open']")!.click();
    const { detail } = await clicked;
    expect({ kind: detail.kind, id: detail.id }).to.deep.equal({ kind: 'invoice', id: data.items[0]!.id });
    expect(detail.item.title).to.equal('Website build');

    // Tab moves from entry to entry in reading order; Enter opens one.
    entries[0]!.querySelector<HTMLButtonElement>("[part~='open']")!.focus();
    await sendKeys({ press: 'Tab' });
    expect(textOf(home.shadowRoot!.activeElement)).to.equal('Monthly support');
    const pressed = oneEvent(home, 'taba-home-select');
    await sendKeys({ press: 'Enter' });
    expect((await pressed).detail).to.include({ kind: 'proposal', id: data.items[1]!.id });
  });

  it('says when nothing needs the contact', async () => {
    const home = await renderHome(answering({ counts: NO_COUNTS, items: [] }));
    await waitUntil(() => part(home, 'empty'), 'empty state');
    expect(textOf(part(home, 'empty'))).to.equal(
      'Nothing needs you right now. New proposals, requests, invoices and messages from the team will show here.',
    );
    expect(part(home, 'empty')!.getAttribute('role')).to.equal('status');
    expect(part(home, 'list')).to.equal(null);
    await expectAccessible(home, 'empty');
  });

  it('says why it could not load, and Retry loads again', async () => {
    const double = answering(busyHome());
    double.failNext(
      'retrievePortalHome',
      new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable', requestId: 'req_home' }),
    );
    const home = await renderHome(double);
    await waitUntil(() => part(home, 'error'), 'error shown');
    expect(part(home, 'error')!.getAttribute('role')).to.equal('alert');
    expect(textOf(part(home, 'error'))).to.contain('Could not load what needs you.');
    expect(textOf(part(home, 'error'))).to.contain('Service unavailable');
    await expectAccessible(home, 'error');

    part<HTMLButtonElement>(home, 'retry')!.click();
    await entriesOf(home, 6);
    expect(double.callsOf('retrievePortalHome')).to.have.length(2);
  });

  it('says that it is not connected outside a portal', async () => {
    const home = await fixture<TabaHome>(html`<taba-home></taba-home>`);
    expect(textOf(part(home, 'notice'))).to.equal('Not connected to a portal session.');
  });

  it('speaks German and Arabic (right to left), with each language’s plural forms', async function () {
    this.timeout(10_000);
    const data: PortalHome = {
      counts: { ...NO_COUNTS, proposals: 3, invoices: 1 },
      items: [entry({ kind: 'invoice', title: 'Website build', reference: 'INV-0007', deadline: dayFromToday(2), dueSoon: true, amount: { amount: 120_000, currency: 'EUR' } })],
    };
    const home = await renderHome(answering(data));
    await entriesOf(home, 1);

    await setPortalLocale('de-DE');
    await home.updateComplete;
    expect(textOf(part(home, 'heading'))).to.equal('Was auf Sie wartet');
    expect(parts(home, 'count').map(textOf)).to.deep.equal(['3 Angebote warten auf Ihre Entscheidung', '1 Rechnung zu bezahlen']);
    expect(textOf(part(home, 'urgency'))).to.equal('Bald fällig');
    expect(textOf(part(home, 'deadline'))).to.equal(`Fällig übermorgen (${formatDay(dayFromToday(2), 'de-DE')})`);
    expect(textOf(part(home, 'amount'))).to.equal('Offener Betrag 1.200,00 €');

    await setPortalLocale('ar');
    await home.updateComplete;
    expect(home.getAttribute('dir')).to.equal('rtl');
    expect(textOf(part(home, 'heading'))).to.equal('ما ينتظرك');
    expect(parts(home, 'count').map(textOf)).to.deep.equal([`عروض بانتظار قرارك: ${formatNumber(3)}`, `فاتورة للدفع: ${formatNumber(1)}`]);
    expect(textOf(part(home, 'urgency'))).to.equal('يستحق قريبًا');
    await expectAccessible(home, 'Arabic');
  });
});
