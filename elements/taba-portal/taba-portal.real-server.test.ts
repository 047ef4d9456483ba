import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Proposal } from '../../sdk/contract/proposals.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { MemoryStorage } from '../test-support/fake-portal-server.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

/** What the `taba-real-session` command of web-test-runner.config.ts returns. */
interface RealSession {
  apiBase: string;
  clientSecret: string;
  proposals: Proposal[];
}

/** What the `taba-real-contact` command returns: a contact who can sign in by email. */
interface RealContact {
  apiBase: string;
  workspaceId: string;
  email: string;
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
      html`<taba-portal api-base=${session.apiBase} client-secret=${session.clientSecret} section="proposals"></taba-portal>`,
    );
    await waitUntil(() => portal.shadowRoot!.querySelector('taba-proposal-list'), 'the proposals section', SLOW);
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

  it('opens on Home with what waits on the contact, and a home entry opens the proposal at its address', async function () {
    this.timeout(30_000);
    const start = `${location.pathname}${location.search}`;
    const session = await executeServerCommand<RealSession, { origin: string }>('taba-real-session', {
      origin: location.origin,
    });
    try {
      const portal = await fixture<TabaPortal>(
        html`<taba-portal api-base=${session.apiBase} client-secret=${session.clientSecret} routing="hash"></taba-portal>`,
      );
      expect(portal.section).to.equal('home');
      await waitUntil(() => portal.shadowRoot!.querySelector('taba-home'), 'the home page', SLOW);
      const home = portal.shadowRoot!.querySelector('taba-home')!;
      const titles = () => parts(home, 'open').map(textOf);
      await waitUntil(() => titles().includes('Website redesign') && titles().includes('Monthly support'), 'both proposals waiting', SLOW);
      expect(parts(home, 'count').map(textOf)).to.include('2 proposals to decide on');
      // The header: the business (the workspace's name, no brand set) and the contact.
      await waitUntil(() => part(portal, 'brand-name'), 'the header', SLOW);
      expect(textOf(part(portal, 'brand-name'))).to.equal('Element tests');
      expect(textOf(part(portal, 'customer-name'))).to.equal('Acme Manufacturing');

      const proposal = session.proposals.find((candidate) => candidate.title === 'Website redesign')!;
      parts<HTMLButtonElement>(home, 'open').find((button) => textOf(button) === 'Website redesign')!.click();
      await portal.updateComplete;
      expect(portal.section).to.equal('proposals');
      expect(location.hash).to.equal(`#/proposals/${proposal.id}`);
      const detail = portal.shadowRoot!.querySelector('taba-proposal-detail')!;
      await waitUntil(() => textOf(part(detail, 'title')) === 'Website redesign', 'the proposal', SLOW);
    } finally {
      history.replaceState(null, '', start);
    }
  });

  it('signs a contact in by emailed code (a wrong one first), shows their proposals, and signs out', async function () {
    this.timeout(30_000);
    const contact = await executeServerCommand<RealContact, { origin: string }>('taba-real-contact', {
      origin: location.origin,
    });
    const storage = new MemoryStorage();
    const portal = await fixture<TabaPortal>(html`
      <taba-portal api-base=${contact.apiBase} workspace=${contact.workspaceId} section="proposals" .storage=${storage}></taba-portal>
    `);
    const login = portal.shadowRoot!.querySelector('taba-login')!;
    await login.updateComplete;
    expect(part(portal, 'nav'), 'no portal before signing in').to.equal(null);

    login.focus();
    await sendKeys({ type: contact.email });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => login.shadowRoot!.activeElement === part(login, 'code'), 'code field focused', SLOW);
    expect(textOf(part(login, 'sent'))).to.contain(contact.email);

    // The code really went out by email (SMTP to the test runner's mailbox).
    const { code } = await executeServerCommand<{ code: string }, { email: string }>('taba-real-sign-in-code', {
      email: contact.email,
    });
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await sendKeys({ type: wrong });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(login, 'error'), 'wrong code refused', SLOW);
    expect(textOf(part(login, 'error'))).to.contain('That code is wrong or has expired.');

    // Focus is back on the code field with its text selected, so typing replaces it.
    await sendKeys({ type: code });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(portal, 'nav'), 'portal shown', SLOW);

    // The section's elements may still be loading.
    await waitUntil(() => portal.shadowRoot!.querySelector('taba-proposal-list'), 'the proposals section', SLOW);
    const list = portal.shadowRoot!.querySelector('taba-proposal-list')!;
    const titles = () => parts(list, 'title').map(textOf);
    await waitUntil(
      () => titles().includes('Website redesign') && titles().includes('Monthly support'),
      'both proposals listed',
      SLOW,
    );
    expect(storage.items.size, 'the session is kept for a reload').to.equal(1);

    buttonByText(portal, 'Profile')!.click();
    await portal.updateComplete;
    const profile = portal.shadowRoot!.querySelector('taba-profile')!;
    await waitUntil(() => part(profile, 'email'), 'profile shown', SLOW);
    expect(textOf(part(profile, 'email'))).to.equal(contact.email);
    expect(textOf(part(profile, 'customer'))).to.equal('Acme Manufacturing');

    buttonByText(portal, 'Sign out')!.click();
    await waitUntil(() => portal.shadowRoot!.querySelector('taba-login'), 'sign-in form again', SLOW);
    expect(part(portal, 'nav')).to.equal(null);
    expect(storage.items.size).to.equal(0);
  });
});
