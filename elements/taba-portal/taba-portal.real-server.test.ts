import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { Proposal } from '../../sdk/contract/proposals.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

/** What the `taba-real-session` command of web-test-runner.config.ts returns. */
interface RealSession {
  apiBase: string;
  clientSecret: string;
  proposals: Proposal[];
}

const SLOW = { timeout: 10_000 };

describe('<taba-portal> against a real server', () => {
  it('signs in with a client secret, lists the proposals, and accepts one', async function () {
    this.timeout(30_000);
    const session = await executeServerCommand<RealSession, { origin: string }>('taba-real-session', {
      origin: location.origin,
    });

    const portal = await fixture<TabaPortal>(
      html`<taba-portal api-base=${session.apiBase} client-secret=${session.clientSecret}></taba-portal>`,
    );
    const list = portal.shadowRoot!.querySelector('taba-proposal-list')!;
    const titles = () => parts(list, 'title').map(textOf);
    await waitUntil(
      () => titles().includes('Website redesign') && titles().includes('Monthly support'),
      'both proposals listed',
      SLOW,
    );

    const row = parts(list, 'row').find((candidate) => textOf(candidate.querySelector("[part~='title']")) === 'Website redesign')!;
    expect(textOf(row.querySelector("[part~='status']"))).to.equal('Pending');
    expect(textOf(row.querySelector("[part~='fee-model']"))).to.equal('Fixed Fee');
    row.querySelector<HTMLButtonElement>("[part~='title']")!.click();

    await portal.updateComplete;
    const detail = portal.shadowRoot!.querySelector('taba-proposal-detail')!;
    await waitUntil(() => buttonByText(detail, 'Accept'), 'Accept offered', SLOW);
    expect(textOf(part(detail, 'title'))).to.equal('Website redesign');
    expect(JSON.stringify(detail.shadowRoot!.textContent)).not.to.contain('margin 35%');

    buttonByText(detail, 'Accept')!.click();
    await detail.updateComplete;
    buttonByText(detail, 'Confirm')!.click();
    await waitUntil(() => textOf(part(detail, 'status')) === 'Accepted', 'status Accepted', SLOW);
    expect(part(detail, 'error')).to.equal(null);
    expect(buttonByText(detail, 'Accept')).to.equal(null);

    buttonByText(portal, 'Back to proposals')!.click();
    await waitUntil(
      () =>
        parts(list, 'row').some(
          (candidate) =>
            textOf(candidate.querySelector("[part~='title']")) === 'Website redesign' &&
            textOf(candidate.querySelector("[part~='status']")) === 'Accepted',
        ),
      'the list shows the accepted proposal',
      SLOW,
    );
  });
});
