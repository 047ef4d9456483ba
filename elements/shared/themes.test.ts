import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { CSSResult, LitElement } from 'lit';
import { expectAccessible } from '../test-support/accessibility.js';
import { part, parts } from '../test-support/dom.js';
import { InvoiceDesk, invoiceFixture } from '../test-support/finance-desk.js';
import { PortalApiDouble, messageFixture, proposalFixture, threadFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaPortal } from '../taba-portal/taba-portal.component.js';
import '../taba-portal/taba-portal.js';
import '../taba-invoice-list/taba-invoice-list.js';
import '../taba-message-thread/taba-message-thread.js';
import '../taba-proposal-list/taba-proposal-list.js';
import '../taba-statement/taba-statement.js';
import { baseStyles } from './base.styles.js';

/** Each test measures in both themes, most run axe-core too. */
const SLOW = 10_000;

/** The defaults of docs/theming.md, as the browser computes them. */
const LIGHT = { background: 'rgba(0, 0, 0, 0)', text: 'rgb(31, 35, 40)', surface: 'rgb(255, 255, 255)', accent: 'rgb(11, 87, 208)' };
const DARK = { background: 'rgb(18, 22, 28)', text: 'rgb(230, 237, 243)', surface: 'rgb(27, 33, 41)', accent: 'rgb(94, 163, 255)' };
type Palette = typeof LIGHT;

/** An element styled by the base styles alone, like the smallest widget. */
class TabaThemeProbe extends LitElement {
  static override styles = [baseStyles];
  override render(): unknown {
    return html`<p part="empty">Nothing yet</p>
      <button type="button" class="primary">Accept</button>`;
  }
}
customElements.define('taba-theme-probe', TabaThemeProbe);

interface Widget {
  name: string;
  /** Renders the widget (in a context provider) and waits until its main content shows. */
  render(attributes?: { theme?: string; style?: string; dir?: string }): Promise<HTMLElement>;
  /** The part laid on the surface colour (a row, a card, a field). */
  surface: string;
  /** A part in the accent colour, when the widget has one. */
  accent?: string;
}

function provided(double: PortalApiDouble, tag: string, attributes: { theme?: string; style?: string; dir?: string }): Promise<HTMLElement> {
  const provider = document.createElement('test-portal-provider');
  provider.client = double;
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
  provider.append(element);
  return fixture<HTMLElement>(html`${provider}`).then(() => element);
}

function conversationDouble(): { double: PortalApiDouble; threadId: string } {
  const double = new PortalApiDouble();
  const thread = double.addThread(threadFixture({ title: 'Billing question' }), []);
  double.messageStore.set(thread.id, [
    messageFixture(thread.id, { body: 'Hello, how can we help?', createdAt: '2026-11-20T09:00:00.000Z' }),
    messageFixture(thread.id, {
      body: 'Which address goes on the invoice?',
      author: { type: 'contact', name: 'Ada Lovelace', isYou: true },
      createdAt: '2026-11-20T10:00:00.000Z',
    }),
  ]);
  return { double, threadId: thread.id };
}

const widgets: Widget[] = [
  {
    name: 'invoice list',
    surface: 'card',
    async render(attributes = {}) {
      const double = new PortalApiDouble();
      new InvoiceDesk(double, [invoiceFixture()]);
      const element = await provided(double, 'taba-invoice-list', attributes);
      await waitUntil(() => part(element, 'card'), 'invoice card');
      return element;
    },
  },
  {
    name: 'proposal list',
    surface: 'row',
    accent: 'title',
    async render(attributes = {}) {
      const element = await provided(new PortalApiDouble([proposalFixture()]), 'taba-proposal-list', attributes);
      await waitUntil(() => part(element, 'row'), 'proposal row');
      return element;
    },
  },
  {
    name: 'message thread',
    surface: 'message-customer',
    async render(attributes = {}) {
      const { double, threadId } = conversationDouble();
      const element = await provided(double, 'taba-message-thread', { ...attributes, 'thread-id': threadId } as typeof attributes);
      await waitUntil(() => parts(element, 'message').length === 2, 'messages');
      return element;
    },
  },
  {
    name: 'statement',
    surface: 'from',
    async render(attributes = {}) {
      const double = new PortalApiDouble().answer('retrievePortalStatement', () => ({
        customerName: 'Acme Ltd',
        currency: 'EUR',
        currencies: ['EUR'],
        from: '2026-01-01',
        to: '2026-12-03',
        openingBalance: 0,
        invoicedTotal: 150_000,
        paidTotal: 0,
        closingBalance: 150_000,
        entries: [
          {
            date: '2026-02-01',
            kind: 'invoice' as const,
            invoiceId: 'inv_k3x9q2m7p4t8v6w5y2z3',
            invoiceNumber: 'INV-0001',
            reference: 'INV-0001',
            description: 'Invoice INV-0001, due 2026-03-03',
            dueDate: '2026-03-03',
            method: null,
            debit: 150_000,
            credit: 0,
            balance: 150_000,
          },
        ],
        nextCursor: null,
        aging: { current: 150_000, days1To30: 0, days31To60: 0, days61To90: 0, days90Plus: 0 },
        credit: 0,
        generatedAt: '2026-12-03T10:00:00.000Z',
      }));
      const element = await provided(double, 'taba-statement', attributes);
      await waitUntil(() => part(element, 'from'), 'statement controls');
      return element;
    },
  },
];

function colours(element: HTMLElement, surfacePart: string): Palette {
  const host = getComputedStyle(element);
  const surface = part(element, surfacePart);
  return {
    background: host.backgroundColor,
    text: host.color,
    surface: surface ? getComputedStyle(surface).backgroundColor : '',
    accent: accentOf(element),
  };
}

/** The accent as a colour: what a probe in the element's shadow root computes for `color: var(--_accent)`. */
function accentOf(element: HTMLElement): string {
  const probe = document.createElement('span');
  probe.style.color = 'var(--_accent)';
  element.shadowRoot!.append(probe);
  const colour = getComputedStyle(probe).color;
  probe.remove();
  return colour;
}

function expectPalette(actual: Palette, expected: Palette, what: string): void {
  expect(actual, what).to.deep.equal(expected);
}

describe('themes', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  describe('base styles', () => {
    it('follow the system: light colours on a light system, dark ones on a dark system', async function () {
      this.timeout(SLOW);
      const probe = await fixture<TabaThemeProbe>(html`<taba-theme-probe></taba-theme-probe>`);
      await emulateMedia({ colorScheme: 'light' });
      const light = { host: getComputedStyle(probe).color, button: getComputedStyle(probe.shadowRoot!.querySelector('button')!).backgroundColor };
      expect(getComputedStyle(probe).colorScheme).to.equal('light dark');
      expect(light).to.deep.equal({ host: LIGHT.text, button: LIGHT.accent });
      expect(getComputedStyle(probe).backgroundColor, 'the page shows through in light').to.equal(LIGHT.background);

      await emulateMedia({ colorScheme: 'dark' });
      const dark = { host: getComputedStyle(probe).color, button: getComputedStyle(probe.shadowRoot!.querySelector('button')!).backgroundColor };
      expect(dark).to.deep.equal({ host: DARK.text, button: DARK.accent });
      expect(getComputedStyle(probe).backgroundColor, 'a dark widget paints its own background').to.equal(DARK.background);
      await expectAccessible(probe, 'probe on a dark system');
    });

    it('--taba-color-scheme pins every widget on the page to one theme; the theme attribute still wins', async function () {

      this.timeout(SLOW);
      await emulateMedia({ colorScheme: 'dark' });
      const page = await fixture<HTMLDivElement>(html`<div style="--taba-color-scheme: light">
        <taba-theme-probe></taba-theme-probe><taba-theme-probe theme="dark"></taba-theme-probe>
      </div>`);
      const [pinned, own] = [...page.querySelectorAll('taba-theme-probe')] as HTMLElement[];
      expect(getComputedStyle(pinned!).color).to.equal(LIGHT.text);
      expect(getComputedStyle(own!).color).to.equal(DARK.text);
    });

    it('a tenant colour in light-dark() gives each theme its own value', async function () {

      this.timeout(SLOW);
      const probe = await fixture<TabaThemeProbe>(html`<taba-theme-probe style="--taba-color-accent: light-dark(#5b2a86, #d7b8f3)"></taba-theme-probe>`);
      const button = () => getComputedStyle(probe.shadowRoot!.querySelector('button')!).backgroundColor;
      expect(button()).to.equal('rgb(91, 42, 134)');
      probe.setAttribute('theme', 'dark');
      expect(button()).to.equal('rgb(215, 184, 243)');
    });
  });

  for (const widget of widgets) {
    describe(widget.name, () => {
      it('has different background and text colours in light and dark (by the system)', async function () {
        this.timeout(SLOW);
        const element = await widget.render();
        await emulateMedia({ colorScheme: 'light' });
        const light = colours(element, widget.surface);
        await emulateMedia({ colorScheme: 'dark' });
        const dark = colours(element, widget.surface);
        expectPalette(light, LIGHT, 'light system');
        expectPalette(dark, DARK, 'dark system');
        await expectAccessible(element, `${widget.name} on a dark system`);
      });

      it('theme="dark" wins over a light system, theme="light" over a dark one', async function () {

        this.timeout(SLOW);
        await emulateMedia({ colorScheme: 'light' });
        const dark = await widget.render({ theme: 'dark' });
        expectPalette(colours(dark, widget.surface), DARK, 'theme="dark" on a light system');
        await emulateMedia({ colorScheme: 'dark' });
        const light = await widget.render({ theme: 'light' });
        expectPalette(colours(light, widget.surface), LIGHT, 'theme="light" on a dark system');
        await expectAccessible(light, `${widget.name}, theme="light" on a dark system`);
      });

      if (widget.accent) {
        const accentPart = widget.accent;
        it('a tenant accent (--taba-color-accent) replaces the default in both themes', async function () {
          this.timeout(SLOW);
          const element = await widget.render({ style: '--taba-color-accent: #8a2be2' });
          const accent = () => getComputedStyle(part(element, accentPart)!).color;
          expect(accent(), 'light').to.equal('rgb(138, 43, 226)');
          element.setAttribute('theme', 'dark');
          expect(accent(), 'dark').to.equal('rgb(138, 43, 226)');
          expect(getComputedStyle(element).color, 'the rest follows the theme').to.equal(DARK.text);
        });
      }
    });
  }

  it('a tenant accent set on the page reaches widgets in both themes', async function () {

    this.timeout(SLOW);
    const page = await fixture<HTMLDivElement>(html`<div style="--taba-color-accent: #8a2be2">
      <taba-theme-probe></taba-theme-probe><taba-theme-probe theme="dark"></taba-theme-probe>
    </div>`);
    for (const probe of page.querySelectorAll('taba-theme-probe')) {
      expect(getComputedStyle(probe.shadowRoot!.querySelector('button')!).backgroundColor).to.equal('rgb(138, 43, 226)');
    }
  });

  describe('inside <taba-portal theme="dark">', () => {
    async function portalShowing(section: string, theme?: string): Promise<TabaPortal> {
      const double = new PortalApiDouble([proposalFixture()]);
      new InvoiceDesk(double, [invoiceFixture()]);
      const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double} section=${section} theme=${theme ?? 'dark'}></taba-portal>`);
      await portal.updateComplete;
      return portal;
    }

    it('the widgets of its sections are dark on a light system, on the portal background', async function () {

      this.timeout(SLOW);
      await emulateMedia({ colorScheme: 'light' });
      const portal = await portalShowing('invoices');
      const list = await waitUntil(() => portal.shadowRoot!.querySelector('taba-invoice-list'), 'invoice list shown').then(
        () => portal.shadowRoot!.querySelector<HTMLElement>('taba-invoice-list')!,
      );
      await waitUntil(() => part(list, 'card'), 'invoice card');
      expect(getComputedStyle(portal).backgroundColor, 'the portal paints the dark background').to.equal(DARK.background);
      expect(getComputedStyle(list).backgroundColor, 'the widget inside paints none of its own').to.equal('rgba(0, 0, 0, 0)');
      expect(getComputedStyle(list).color).to.equal(DARK.text);
      expect(getComputedStyle(part(list, 'card')!).backgroundColor).to.equal(DARK.surface);
      await expectAccessible(portal, 'portal, dark, invoices');
    });

    it('theme="light" on the portal keeps its widgets light on a dark system', async function () {

      this.timeout(SLOW);
      await emulateMedia({ colorScheme: 'dark' });
      const portal = await portalShowing('proposals', 'light');
      await waitUntil(() => portal.shadowRoot!.querySelector('taba-proposal-list'), 'proposal list shown');
      const list = portal.shadowRoot!.querySelector<HTMLElement>('taba-proposal-list')!;
      await waitUntil(() => part(list, 'row'), 'proposal row');
      expect(getComputedStyle(list).color).to.equal(LIGHT.text);
      expect(getComputedStyle(part(list, 'row')!).backgroundColor).to.equal(LIGHT.surface);
    });
  });

  describe('the restyled embed (examples/tenant-site/restyled.css)', () => {
    let link: HTMLLinkElement;
    before(async () => {
      link = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: '/examples/tenant-site/restyled.css' });
      const loaded = new Promise((resolve, reject) => {
        link.onload = resolve;
        link.onerror = reject;
      });
      document.head.append(link);
      await loaded;
    });
    after(() => link.remove());

    it('is shown in docs/theming.md as it is', async () => {
      const [sheet, doc] = await Promise.all(
        ['/examples/tenant-site/restyled.css', '/docs/theming.md'].map(async (url) => (await fetch(url)).text()),
      );
      expect(doc).to.contain(`\`\`\`css\n${sheet!.trim()}\n\`\`\``);
    });

    it('restyles the shell through its parts and every widget through the tokens, in both themes', async function () {
      this.timeout(SLOW);
      const double = new PortalApiDouble([proposalFixture()]);
      const portal = await fixture<TabaPortal>(html`<taba-portal .client=${double} section="proposals" theme="light"></taba-portal>`);
      await waitUntil(() => portal.shadowRoot!.querySelector('taba-proposal-list'), 'proposal list shown');
      const list = portal.shadowRoot!.querySelector<HTMLElement>('taba-proposal-list')!;
      await waitUntil(() => part(list, 'title'), 'proposal row');
      const heading = getComputedStyle(part(portal, 'heading')!);
      expect(heading.fontFamily, 'a part: the section heading').to.contain('Georgia');
      expect(heading.fontWeight).to.equal('400');
      const current = () => getComputedStyle(part(portal, 'nav-item-current')!).backgroundColor;
      const title = () => getComputedStyle(part(list, 'title')!).color;
      expect(current(), 'a part, light').to.equal('rgb(227, 241, 239)');
      expect(title(), 'a token inside a widget, light').to.equal('rgb(15, 95, 92)');
      expect(getComputedStyle(portal).backgroundColor).to.equal('rgb(255, 253, 248)');
      await expectAccessible(portal, 'restyled, light');

      portal.setAttribute('theme', 'dark');
      expect(current(), 'a part, dark').to.equal('rgb(23, 54, 52)');
      expect(title(), 'a token inside a widget, dark').to.equal('rgb(95, 211, 201)');
      expect(getComputedStyle(portal).backgroundColor).to.equal('rgb(16, 28, 28)');
      await expectAccessible(portal, 'restyled, dark');
    });
  });

  describe('right to left', () => {
    it('mirrors the conversation: the team on the right, the contact on the left, the team stripe on the right edge', async function () {
      this.timeout(SLOW);
      const { double, threadId } = conversationDouble();
      const provider = await fixture(html`<test-portal-provider .client=${double}>
        <taba-message-thread thread-id=${threadId} dir="rtl"></taba-message-thread>
      </test-portal-provider>`);
      const element = provider.querySelector<HTMLElement>('taba-message-thread')!;
      await waitUntil(() => parts(element, 'message').length === 2, 'messages');
      const [team, mine] = parts(element, 'message') as [HTMLElement, HTMLElement];
      const style = getComputedStyle(team);
      expect(style.borderRightWidth, 'the stripe is on the reading side').to.equal('4px');
      expect(style.borderLeftWidth).to.equal('1px');
      expect(team.getBoundingClientRect().right, 'the team at the start (right)').to.be.greaterThan(mine.getBoundingClientRect().right);
      expect(mine.getBoundingClientRect().left, 'the contact at the end (left)').to.be.lessThan(team.getBoundingClientRect().left);
    });

    it('no styles file uses a physical direction (left, right, top, bottom)', async function () {

      this.timeout(SLOW);
      const modules = await Promise.all([
        import('./base.styles.js'),
        import('../taba-acceptance-card/taba-acceptance-card.styles.js'),
        import('../taba-acceptance-list/taba-acceptance-list.styles.js'),
        import('../taba-acceptance-review/taba-acceptance-review.styles.js'),
        import('../taba-comment-thread/taba-comment-thread.styles.js'),
        import('../taba-delivery-list/taba-delivery-list.styles.js'),
        import('../taba-delivery-timeline/delivery.styles.js'),
        import('../taba-delivery-timeline/taba-delivery-timeline.styles.js'),
        import('../taba-document-list/taba-document-list.styles.js'),
        import('../taba-estimate-detail/line-items.js'),
        import('../taba-estimate-detail/taba-estimate-detail.styles.js'),
        import('../taba-estimate-list/estimate-card.js'),
        import('../taba-home/taba-home.styles.js'),
        import('../taba-invoice-detail/taba-invoice-detail.styles.js'),
        import('../taba-invoice-list/invoice-card.js'),
        import('../taba-login/taba-login.styles.js'),
        import('../taba-message-thread/taba-message-thread.styles.js'),
        import('../taba-message-threads/taba-message-threads.styles.js'),
        import('../taba-payment-proof-form/taba-payment-proof-form.styles.js'),
        import('../taba-portal/taba-portal.styles.js'),
        import('../taba-profile/taba-profile.styles.js'),
        import('../taba-project-detail/taba-project-detail.styles.js'),
        import('../taba-project-list/taba-project-list.styles.js'),
        import('../taba-proposal-detail/taba-proposal-detail.styles.js'),
        import('../taba-proposal-list/taba-proposal-list.styles.js'),
        import('../taba-request-detail/taba-request-detail.styles.js'),
        import('../taba-request-list/taba-request-list.styles.js'),
        import('../taba-request-progress/taba-request-progress.styles.js'),
        import('../taba-statement/taba-statement.styles.js'),
      ]);
      const sheets = modules.flatMap((module) => Object.values(module).filter((value): value is CSSResult => value instanceof CSSResult));
      expect(sheets.length).to.be.greaterThan(28);
      const physical = /(?<![\w-])((margin|padding|border)-(left|right|top|bottom)(-[a-z]+)*|left|right|top|bottom|float|clear)\s*:|text-align:\s*(left|right)/;
      for (const sheet of sheets) expect(sheet.cssText).not.to.match(physical);
      const colourLiteral = /#[0-9a-f]{3,8}\b|rgba?\(|hsla?\(/i;
      for (const sheet of sheets.filter((css) => css !== baseStyles)) expect(sheet.cssText, 'colours come from the tokens').not.to.match(colourLiteral);
    });
  });
});
