import { expect, fixture, html } from '@open-wc/testing';
import { expectAccessible } from './accessibility.js';

/** A host with `markup` in its open shadow root, the way the elements render. */
async function shadowHost(markup: string): Promise<HTMLElement> {
  const host = await fixture<HTMLDivElement>(html`<div></div>`);
  host.attachShadow({ mode: 'open' }).innerHTML = markup;
  return host;
}

async function violationsOf(host: Element): Promise<string> {
  try {
    await expectAccessible(host, 'probe');
  } catch (error) {
    return (error as Error).message;
  }
  return '';
}

/** A portal element whose text is readable in the light theme only. */
class TabaContrastProbe extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' }).innerHTML = `<style>
        :host { display: block; color-scheme: light dark; }
        :host([theme='dark']) { color-scheme: dark; }
        p { color: light-dark(#1f2328, #3d4550); background: light-dark(#ffffff, #12161c); }
      </style>
      <p>Pending</p>`;
  }
}
customElements.define('taba-contrast-probe', TabaContrastProbe);

describe('expectAccessible', () => {
  it('passes a labelled, readable control', async function () {
    // The first test loads axe-core itself.
    this.timeout(10_000);
    await expectAccessible(await shadowHost('<button type="button">Accept</button>'), 'probe');
  });

  it('finds violations inside shadow roots: no name, low contrast, small target (WCAG 2.2)', async () => {
    expect(await violationsOf(await shadowHost('<button type="button"></button>'))).to.contain('button-name');
    expect(
      await violationsOf(await shadowHost('<p style="color:#aaaaaa;background:#ffffff">Pending</p>')),
    ).to.contain('color-contrast');
    expect(
      await violationsOf(
        await shadowHost(
          '<button type="button" style="width:12px;height:12px;padding:0;min-height:0">A</button>' +
            '<button type="button" style="width:12px;height:12px;padding:0;min-height:0">B</button>',
        ),
      ),
    ).to.contain('target-size');
  });

  it('checks the dark theme too, and leaves the element as it was', async () => {
    const probe = await fixture<TabaContrastProbe>(html`<taba-contrast-probe></taba-contrast-probe>`);
    const violations = await violationsOf(probe);
    expect(violations).to.contain('(probe, dark theme)');
    expect(violations).to.contain('color-contrast');
    expect(probe.hasAttribute('theme')).to.equal(false);
  });
});
