import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { PermissionError } from '../../sdk/errors.js';
import { PortalClient } from '../../sdk/portal-client.js';
import { PORTAL_SECTIONS } from '../sections/index.js';
import { part, parts, textOf } from '../test-support/dom.js';
import { FAKE_API_BASE, FakePortalServer, MemoryStorage } from '../test-support/fake-portal-server.js';
import { PortalApiDouble, proposalFixture } from '../test-support/portal-api-double.js';
import type { TabaLogin } from '../taba-login/taba-login.component.js';
import type { TabaPortal } from './taba-portal.component.js';
import './taba-portal.js';

const WORKSPACE = 'ws_acme01';

function login(portal: TabaPortal): TabaLogin | null {
  return portal.shadowRoot!.querySelector('taba-login');
}

function proposalTitles(portal: TabaPortal): string[] {
  const list = portal.shadowRoot!.querySelector('taba-proposal-list');
  return list ? parts(list, 'title').map(textOf) : [];
}

/** The portal on its Proposals section (its default is Home), which the fake server answers. */
async function renderPortal(storage: MemoryStorage, linkToken?: string): Promise<TabaPortal> {
  return fixture<TabaPortal>(html`
    <taba-portal api-base=${FAKE_API_BASE} workspace=${WORKSPACE} section="proposals" .storage=${storage} .linkToken=${linkToken}></taba-portal>
  `);
}

/** What the contact's session asked the server for: everything but the sign-in form's public brand. */
function sessionRequests(server: FakePortalServer) {
  return server.requests.filter((request) => request.path !== '/v1/portal/brand');
}

/** Email, Send code, the code, Verify — then waits for the portal. */
async function signInByCode(portal: TabaPortal, code = '123456'): Promise<void> {
  const form = login(portal)!;
  await form.updateComplete;
  part<HTMLInputElement>(form, 'email')!.value = 'ada@example.com';
  part<HTMLButtonElement>(form, 'submit')!.click();
  await waitUntil(() => part(form, 'code'), 'code step shown');
  part<HTMLInputElement>(form, 'code')!.value = code;
  part<HTMLButtonElement>(form, 'submit')!.click();
  await waitUntil(() => part(portal, 'nav'), 'portal shown');
}

describe('<taba-portal> auth guard (email sign-in)', () => {
  let server: FakePortalServer;
  let uninstall: () => void;

  beforeEach(() => {
    server = new FakePortalServer([
      proposalFixture({ title: 'Website redesign' }),
      proposalFixture({ title: 'Monthly support' }),
    ]);
    uninstall = server.install();
  });

  afterEach(() => uninstall());

  it('shows the sign-in form without a session, and the portal once signed in', async () => {
    const storage = new MemoryStorage();
    const portal = await renderPortal(storage);
    expect(portal.client).to.be.instanceOf(PortalClient);
    expect(login(portal), 'sign-in form shown').not.to.equal(null);
    expect(login(portal)!.workspace).to.equal(WORKSPACE);
    expect(part(portal, 'nav'), 'no portal before signing in').to.equal(null);
    expect(sessionRequests(server), 'nothing is loaded before signing in').to.deep.equal([]);

    const heard = oneEvent(portal, 'taba-signed-in');
    await signInByCode(portal);
    await heard;
    expect(sessionRequests(server)[0]).to.deep.equal({
      method: 'POST',
      path: '/v1/portal/sign-in',
      // With the language the page shows, for the email's (en in these tests).
      body: { workspaceId: WORKSPACE, email: 'ada@example.com', locale: 'en' },
    });
    await waitUntil(() => proposalTitles(portal).length === 2, 'proposals listed');
    expect(proposalTitles(portal)).to.deep.equal(['Website redesign', 'Monthly support']);
    expect(parts(portal, 'nav-item').map(textOf)).to.deep.equal(PORTAL_SECTIONS.map((section) => section.label));
    expect(textOf(part(portal, 'sign-out'))).to.equal('Sign out');
    expect(login(portal)).to.equal(null);
    expect(storage.items.size, 'the session is kept for a reload').to.equal(1);
    await waitUntil(() => portal.shadowRoot!.activeElement === part(portal, 'heading'), 'focus on the heading');
  });

  it('signs out: ends the session on the server, forgets it here, and shows the sign-in form again', async () => {
    const storage = new MemoryStorage();
    const portal = await renderPortal(storage);
    await signInByCode(portal);

    const heard = oneEvent(document, 'taba-signed-out');
    part<HTMLButtonElement>(portal, 'sign-out')!.click();
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    await portal.updateComplete;
    expect(server.pathsRequested()).to.include('POST /v1/portal/sign-out');
    expect(part(portal, 'nav')).to.equal(null);
    const form = login(portal)!;
    expect(form).not.to.equal(null);
    expect(storage.items.size).to.equal(0);
    await waitUntil(() => form.shadowRoot!.activeElement === part(form, 'email'), 'focus on the email field');

    // And in again.
    await signInByCode(portal);
    await waitUntil(() => proposalTitles(portal).length === 2, 'proposals listed again');
  });

  it('goes straight to the portal with a session restored from storage (a reload)', async () => {
    const storage = new MemoryStorage();
    const first = await renderPortal(storage);
    await signInByCode(first);
    first.remove();
    server.requests.length = 0;

    const portal = await renderPortal(storage);
    expect(login(portal), 'no sign-in form').to.equal(null);
    await waitUntil(() => proposalTitles(portal).length === 2, 'proposals listed');
    // One refresh, then the section's list, the navigation's unread count and the header's profile, in any order.
    await waitUntil(() => server.requests.length === 4, 'four requests');
    const [refresh, ...reads] = server.pathsRequested();
    expect(refresh).to.equal('POST /v1/portal/sessions/refresh');
    expect(reads).to.have.members(['GET /v1/portal/proposals', 'GET /v1/portal/threads', 'GET /v1/portal/me']);
    expect(part(portal, 'sign-out')).not.to.equal(null);
  });

  it('falls back to the sign-in form when the restored session is refused', async () => {
    const storage = new MemoryStorage();
    const first = await renderPortal(storage);
    await signInByCode(first);
    first.remove();
    server.revokeSessions();

    const portal = await renderPortal(storage);
    await waitUntil(() => login(portal), 'sign-in form shown');
    expect(textOf(part(portal, 'session-ended'))).to.equal('Your session has ended. Please sign in again.');
    expect(part(portal, 'session-ended')!.getAttribute('role')).to.equal('status');
    expect(part(portal, 'nav')).to.equal(null);
    expect(storage.items.size, 'the dead session is forgotten').to.equal(0);

    await signInByCode(portal);
    expect(part(portal, 'session-ended')).to.equal(null);
    await waitUntil(() => proposalTitles(portal).length === 2, 'proposals listed');
  });

  it('signs in with the emailed link it is given, once', async () => {
    const storage = new MemoryStorage();
    const heard = oneEvent(document, 'taba-signed-in');
    const portal = await renderPortal(storage, 'link-token');
    await heard;
    await waitUntil(() => proposalTitles(portal).length === 2, 'proposals listed');
    expect(sessionRequests(server)[0]).to.deep.equal({
      method: 'POST',
      path: '/v1/portal/sign-in/verify',
      body: { linkToken: 'link-token' },
    });

    part<HTMLButtonElement>(portal, 'sign-out')!.click();
    await waitUntil(() => login(portal), 'sign-in form shown');
    await login(portal)!.updateComplete;
    expect(part(login(portal)!, 'email'), 'the spent link is not tried again').not.to.equal(null);
    expect(server.pathsRequested().filter((path) => path === 'POST /v1/portal/sign-in/verify')).to.have.length(1);
  });

  it('checks an emailed link even when a session was restored', async () => {
    const storage = new MemoryStorage();
    const first = await renderPortal(storage);
    await signInByCode(first);
    first.remove();
    server.requests.length = 0;

    const portal = await renderPortal(storage, 'link-token');
    await waitUntil(() => proposalTitles(portal).length === 2, 'proposals listed');
    expect(sessionRequests(server)[0]).to.include({ method: 'POST', path: '/v1/portal/sign-in/verify' });
  });

  it('replaces the portal with a clear message when the workspace’s portal is disabled', async () => {
    const storage = new MemoryStorage();
    const first = await renderPortal(storage);
    await signInByCode(first);
    first.remove();
    server.portalEnabled = false;

    const portal = await renderPortal(storage);
    await waitUntil(() => part(portal, 'portal-disabled'), 'disabled message shown');
    const message = part(portal, 'portal-disabled')!;
    expect(message.getAttribute('role')).to.equal('alert');
    expect(textOf(message)).to.contain('Customer portal unavailable');
    expect(textOf(message)).to.contain('The customer portal is not enabled for this business');
    expect(part(portal, 'nav')).to.equal(null);
    expect(portal.shadowRoot!.querySelector('taba-proposal-list')).to.equal(null);
  });

  it('shows the same message when sign-in itself answers portal_disabled', async () => {
    server.portalEnabled = false;
    const portal = await renderPortal(new MemoryStorage());
    const form = login(portal)!;
    await form.updateComplete;
    part<HTMLInputElement>(form, 'email')!.value = 'ada@example.com';
    part<HTMLButtonElement>(form, 'submit')!.click();
    await waitUntil(() => part(portal, 'portal-disabled'), 'disabled message shown');
    expect(login(portal)).to.equal(null);
  });

  it('keeps the "No portal session" message without a workspace or a session', async () => {
    const portal = await fixture<TabaPortal>(html`<taba-portal api-base=${FAKE_API_BASE}></taba-portal>`);
    expect(textOf(part(portal, 'no-session'))).to.contain('No portal session');
    expect(login(portal)).to.equal(null);
    expect(portal.client).to.equal(undefined);
  });
});

describe('<taba-portal> with a session from its host', () => {
  it('prefers the client secret to email sign-in, and offers Sign out as for an email session', async () => {
    const portal = await fixture<TabaPortal>(html`
      <taba-portal api-base=${FAKE_API_BASE} workspace=${WORKSPACE} client-secret="pcs_given" .storage=${null}></taba-portal>
    `);
    expect(portal.client).to.be.instanceOf(PortalClient);
    expect(login(portal)).to.equal(null);
    expect(part(portal, 'nav')).not.to.equal(null);
    expect(part(portal, 'sign-out') !== null, 'Sign out offered').to.equal(true);
  });

  it('offers no Sign out for a session from fetchClientSecret, which belongs to the host page', async () => {
    const portal = await fixture<TabaPortal>(html`
      <taba-portal api-base=${FAKE_API_BASE} .fetchClientSecret=${() => new Promise<string>(() => undefined)}></taba-portal>
    `);
    expect(part(portal, 'nav')).not.to.equal(null);
    expect(part(portal, 'sign-out') === null, 'no Sign out').to.equal(true);
  });

  it('shows the disabled message when any call of a given client answers portal_disabled', async () => {
    const double = new PortalApiDouble([proposalFixture()]);
    double.failNext(
      'proposals.list',
      new PermissionError({ type: 'about:blank', title: 'Customer portal disabled', status: 403, code: 'portal_disabled' }),
    );
    const portal = await fixture<TabaPortal>(html`<taba-portal section="proposals" .client=${double}></taba-portal>`);
    expect(part(portal, 'sign-out')).to.equal(null);
    await waitUntil(() => part(portal, 'portal-disabled'), 'disabled message shown');
    expect(part(portal, 'nav')).to.equal(null);
  });
});
