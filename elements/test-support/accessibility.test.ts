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

describe('expectAccessible', () => {
  it('passes a labelled, readable control', async () => {
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
});
