import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { proposalsSection } from '../sections/index.js';
import { loadSection } from '../sections/loader.js';
import { buttonByText, part, parts, textOf } from '../test-support/dom.js';
import { MemoryStorage } from '../test-support/fake-portal-server.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

/** What the `taba-real-session` command of web-test-runner.config.ts returns. */
interface RealSession {
  apiBase: string;
  workspaceId: string;
  clientSecret: string;
}

const SLOW = { timeout: 10_000 };

const newSession = () => executeServerCommand<RealSession, { origin: string }>('taba-real-session', { origin: location.origin });

function proposalTitles(portal: TabaPortal): string[] {
  const list = portal.shadowRoot!.querySelector('taba-proposal-list');
  return list ? parts(list, 'title').map(textOf) : [];
}

/** Spends a client secret the way a first visit does, so that the link is "already used". */
async function spend({ apiBase, clientSecret }: RealSession): Promise<void> {
  const response = await fetch(`${apiBase}/v1/portal/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clientSecret }),
  });
  expect(response.status).to.equal(200);
}

describe('<taba-portal> says why it cannot start (real server)', () => {
  it("names the page's origin and what to do when no workspace allows it", async function () {
    this.timeout(30_000);
    const foreign = await executeServerCommand<{ apiBase: string; clientSecret: string }, Record<string, never>>('taba-foreign-session', {});
    const portal = await fixture<TabaPortal>(
      html`<taba-portal api-base=${foreign.apiBase} client-secret=${foreign.clientSecret}></taba-portal>`,
    );
    await waitUntil(() => part(portal, 'error'), 'the portal explains why it cannot start', SLOW);
    const alert = part(portal, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('The portal could not start.');
    expect(textOf(alert)).to.contain(
      `This site's origin, ${location.origin}, is not allowed to use this portal; add it to the workspace's allowed origins in the settings.`,
    );
    expect(textOf(alert)).not.to.contain('Failed to fetch');
    expect(part(portal, 'nav'), 'no portal behind the message').to.equal(null);
    await expect(portal).to.be.accessible();
  });

  it('names the server address when nothing answers there', async function () {
    this.timeout(30_000);
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const apiBase = 'http://127.0.0.1:9';
    // With the section's elements in, its list asks in the same moment as the shell and shares the one failed
    // exchange of the (single-use) secret, so it is the list that says why.
    await loadSection(proposalsSection);
    const portal = await fixture<TabaPortal>(html`<taba-portal api-base=${apiBase} client-secret="pcs_unused" section="proposals"></taba-portal>`);
    const list = portal.shadowRoot!.querySelector('taba-proposal-list')!;
    await waitUntil(() => part(list, 'error'), 'the list says it failed', SLOW);
    expect(textOf(part(list, 'error-message'))).to.equal(
      `Could not reach the portal server at ${apiBase}. Check your connection, then try again.`,
    );
    expect(part(list, 'retry'), 'Retry offered: the network may come back').not.to.equal(null);
  });

  it("shows the message of an error thrown by fetchClientSecret, and Retry asks it again", async function () {
    this.timeout(30_000);
    const session = await newSession();
    const relayed =
      "This site's origin, http://localhost:13000, is not allowed to use this workspace's portal; add it to the workspace's allowed origins.";
    let asked = 0;
    const fetchClientSecret = async () => {
      asked++;
      if (asked === 1) throw new Error(relayed);
      return session.clientSecret;
    };
    const portal = await fixture<TabaPortal>(
      html`<taba-portal api-base=${session.apiBase} section="proposals" .fetchClientSecret=${fetchClientSecret}></taba-portal>`,
    );
    await waitUntil(() => part(portal, 'error'), 'the failure is shown', SLOW);
    expect(textOf(part(portal, 'error-message'))).to.equal(relayed);
    expect(textOf(part(portal, 'error'))).not.to.contain('Something went wrong');

    part<HTMLButtonElement>(portal, 'retry')!.click();
    await waitUntil(() => proposalTitles(portal).includes('Website redesign'), 'the portal after Retry', SLOW);
    expect(asked).to.equal(2);
    expect(part(portal, 'error')).to.equal(null);
  });
});

describe('<taba-portal> with a sign-in link (client secret) on the hosted page (real server)', () => {
  afterEach(() => sessionStorage.clear());

  it('falls back to email sign-in, saying why, when the link expired or was used and the workspace is known', async function () {
    this.timeout(30_000);
    const session = await newSession();
    await spend(session);
    const portal = await fixture<TabaPortal>(html`
      <taba-portal api-base=${session.apiBase} workspace=${session.workspaceId} client-secret=${session.clientSecret}></taba-portal>
    `);
    await waitUntil(() => portal.shadowRoot!.querySelector('taba-login'), 'the sign-in form', SLOW);
    expect(textOf(part(portal, 'link-expired'))).to.equal(
      'This sign-in link has expired or was already used. Enter your email to get a new one.',
    );
    expect(part(portal, 'nav')).to.equal(null);
    expect(part(portal, 'retry'), 'no Retry that cannot help').to.equal(null);
    expect(JSON.stringify(portal.shadowRoot!.textContent)).not.to.contain('Invalid client secret');
    await expect(portal).to.be.accessible();
  });

  it('says to ask for a new link, with no Retry, when the link is dead and the workspace unknown', async function () {
    this.timeout(30_000);
    const session = await newSession();
    await spend(session);
    const portal = await fixture<TabaPortal>(
      html`<taba-portal api-base=${session.apiBase} client-secret=${session.clientSecret}></taba-portal>`,
    );
    await waitUntil(() => part(portal, 'no-session'), 'the explanation', SLOW);
    expect(textOf(part(portal, 'no-session'))).to.equal(
      'This sign-in link has expired or was already used. Ask the business that sent it to you for a new link.',
    );
    expect(portal.shadowRoot!.querySelector('button'), 'no button at all').to.equal(null);
  });

  it('keeps a link session across a reload in the tab, and Sign out ends it on the server', async function () {
    this.timeout(30_000);
    const session = await newSession();
    // The hosted page after `#secret=`: api-base, workspace and the secret; the default storage is the tab's.
    const first = await fixture<TabaPortal>(html`
      <taba-portal api-base=${session.apiBase} workspace=${session.workspaceId} client-secret=${session.clientSecret} section="proposals"></taba-portal>
    `);
    await waitUntil(() => proposalTitles(first).includes('Website redesign'), 'proposals listed', SLOW);
    expect(buttonByText(first, 'Sign out'), 'Sign out offered').not.to.equal(null);
    expect(sessionStorage.length, 'kept in the tab').to.equal(1);
    first.remove();

    // A reload: the page has removed the secret from the address, so the element gets none.
    const reloaded = await fixture<TabaPortal>(
      html`<taba-portal api-base=${session.apiBase} workspace=${session.workspaceId} section="proposals"></taba-portal>`,
    );
    expect(reloaded.shadowRoot!.querySelector('taba-login'), 'no sign-in form').to.equal(null);
    await waitUntil(() => proposalTitles(reloaded).includes('Website redesign'), 'proposals listed after the reload', SLOW);

    const kept = JSON.parse(sessionStorage.getItem('taba-portal.session')!) as { refreshToken: string };
    buttonByText(reloaded, 'Sign out')!.click();
    await waitUntil(() => reloaded.shadowRoot!.querySelector('taba-login'), 'the sign-in form after signing out', SLOW);
    expect(sessionStorage.length, 'storage cleared').to.equal(0);
    const refresh = await fetch(`${session.apiBase}/v1/portal/sessions/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken: kept.refreshToken }),
    });
    expect(refresh.status, 'the session ended on the server').to.equal(401);
  });

  it('restores a link session on the hosted page without a workspace, and says so after Sign out', async function () {
    this.timeout(30_000);
    const session = await newSession();
    const storage = new MemoryStorage();
    const first = await fixture<TabaPortal>(
      html`<taba-portal api-base=${session.apiBase} client-secret=${session.clientSecret} section="proposals" .storage=${storage}></taba-portal>`,
    );
    await waitUntil(() => proposalTitles(first).length === 2, 'proposals listed', SLOW);
    first.remove();

    const reloaded = await fixture<TabaPortal>(html`<taba-portal api-base=${session.apiBase} section="proposals" .storage=${storage}></taba-portal>`);
    await waitUntil(() => proposalTitles(reloaded).length === 2, 'proposals listed after the reload', SLOW);
    buttonByText(reloaded, 'Sign out')!.click();
    await waitUntil(() => part(reloaded, 'no-session'), 'signed out', SLOW);
    expect(textOf(part(reloaded, 'no-session'))).to.contain('You have signed out.');
    expect(storage.items.size).to.equal(0);
  });
});
