import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { proposalFixture } from '../test-support/portal-api-double.js';
import { emit } from './events.js';

describe('emit', () => {
  it('dispatches a bubbling, composed CustomEvent that leaves a shadow root', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    const proposal = proposalFixture();

    const heard = oneEvent(document, 'taba-proposal-accepted');
    emit(inner, 'taba-proposal-accepted', { proposal });
    const event = await heard;
    expect(event).to.be.instanceOf(CustomEvent);
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.target).to.equal(host);
    expect(event.detail).to.deep.equal({ proposal });
  });
});
