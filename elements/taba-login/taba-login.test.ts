import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  ApiError,
  ConnectionError,
  PermissionError,
  RateLimitError,
  ValidationError,
  type TabaError,
} from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, parts, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaLogin } from './taba-login.component.js';
import './taba-login.js';

const WORKSPACE = 'ws_acme01';

interface LoginOptions {
  workspace?: string | undefined;
  linkToken?: string | undefined;
}

async function renderLogin(double: PortalApiDouble, options: LoginOptions = { workspace: WORKSPACE }): Promise<TabaLogin> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-login .workspace=${options.workspace} .linkToken=${options.linkToken}></taba-login>
    </test-portal-provider>
  `);
  const login = provider.querySelector('taba-login')!;
  await login.updateComplete;
  return login;
}

function field(login: TabaLogin, name: 'email' | 'code'): HTMLInputElement {
  const input = part<HTMLInputElement>(login, name);
  if (!input) throw new Error(`no ${name} field`);
  return input;
}

function focused(login: TabaLogin): Element | null {
  return login.shadowRoot!.activeElement;
}

/** What a screen reader reads as the field's description. */
function description(login: TabaLogin, input: HTMLInputElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => textOf(login.shadowRoot!.getElementById(id))).join(' ');
}

async function submit(login: TabaLogin): Promise<void> {
  part<HTMLButtonElement>(login, 'submit')!.click();
  await login.updateComplete;
}

/** From the email step to the code step, as a contact would. */
async function sendCode(login: TabaLogin, double: PortalApiDouble, email = 'ada@example.com'): Promise<void> {
  field(login, 'email').value = email;
  await submit(login);
  await waitUntil(() => part(login, 'code'), 'code step shown');
  expect(double.callsOf('signIn.request').length).to.be.greaterThan(0);
}

function problem(status: number, code: string, title: string, detail?: string) {
  return { type: 'about:blank', title, status, code, detail, requestId: 'req_login42' };
}

describe('<taba-login>', () => {
  it('asks for an email with a labelled, described field', async () => {
    const login = await renderLogin(new PortalApiDouble());
    expect(textOf(part(login, 'heading'))).to.equal('Sign in');
    const email = field(login, 'email');
    expect(email.type).to.equal('email');
    expect(email.autocomplete).to.equal('email');
    expect(email.required).to.equal(true);
    expect(email.labels?.[0] && textOf(email.labels[0])).to.equal('Email address');
    expect(description(login, email)).to.equal('We will email you a sign-in link and a 6-digit code.');
    expect(textOf(part(login, 'submit'))).to.equal('Send code');
  });

  it('signs in with the emailed code and emits taba-signed-in', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);

    field(login, 'email').value = '  ada@example.com ';
    await submit(login);
    await waitUntil(() => part(login, 'code'), 'code step shown');
    // The page's language goes along, so the email is written in it.
    expect(double.callsOf('signIn.request')).to.deep.equal([[{ workspaceId: WORKSPACE, email: 'ada@example.com', locale: 'en' }]]);

    const sent = part(login, 'sent')!;
    expect(textOf(sent)).to.equal(
      'We sent a link and a 6-digit code to ada@example.com if it belongs to a portal contact. ' +
        'They work once and expire in 10 minutes.',
    );
    const code = field(login, 'code');
    expect(code.inputMode).to.equal('numeric');
    expect(code.autocomplete).to.equal('one-time-code');
    expect(code.pattern).to.equal('[0-9]{6}');
    expect(code.labels?.[0] && textOf(code.labels[0])).to.equal('6-digit code');
    expect(description(login, code)).to.contain('if it belongs to a portal contact');
    await waitUntil(() => focused(login) === code, 'focus moves to the code field');

    code.value = '123 456';
    const heard = oneEvent(document, 'taba-signed-in');
    await submit(login);
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail).to.deep.equal({});
    expect(double.callsOf('signIn.verify')).to.deep.equal([[{ workspaceId: WORKSPACE, email: 'ada@example.com', code: '123456' }]]);
    await login.updateComplete;
    expect(textOf(part(login, 'signed-in'))).to.equal('You are signed in.');
  });

  it('lets a contact of several customers choose one, with buttons', async () => {
    const double = new PortalApiDouble();
    double.customers = [
      { id: 'cus_acme01', name: 'Acme Manufacturing' },
      { id: 'cus_globex1', name: 'Globex Logistics' },
    ];
    const login = await renderLogin(double);
    await sendCode(login, double);
    field(login, 'code').value = '123456';
    await submit(login);

    await waitUntil(() => parts(login, 'customer').length === 2, 'customers offered');
    expect(textOf(part(login, 'choose-heading'))).to.equal('Which customer do you want to open?');
    const list = part(login, 'customers')!;
    expect(list.getAttribute('aria-labelledby')).to.equal('choose');
    const [first, second] = parts<HTMLButtonElement>(login, 'customer');
    expect([first, second].map(textOf)).to.deep.equal(['Acme Manufacturing', 'Globex Logistics']);
    await waitUntil(() => focused(login) === first, 'focus on the first customer');

    const heard = oneEvent(login, 'taba-signed-in');
    second!.click();
    await heard;
    expect(double.callsOf('signIn.verify').at(-1)).to.deep.equal([{ choiceToken: 'choice-token', customerId: 'cus_globex1' }]);
  });

  it('signs in straight away with the token of an emailed link', async () => {
    const double = new PortalApiDouble();
    const release = double.hold();
    const heard = oneEvent(document, 'taba-signed-in');
    const login = await renderLogin(double, { workspace: WORKSPACE, linkToken: 'link-token' });
    expect(textOf(part(login, 'loading'))).to.equal('Signing you in…');
    expect(part(login, 'email'), 'no form while the link is checked').to.equal(null);
    release();
    await heard;
    expect(double.callsOf('signIn.verify')).to.deep.equal([[{ linkToken: 'link-token' }]]);
    expect(double.callsOf('signIn.request')).to.deep.equal([]);
  });

  it('explains a dead link and offers the email form instead', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double, { workspace: WORKSPACE, linkToken: 'used-link' });
    await waitUntil(() => part(login, 'error'), 'alert shown');
    const alert = part(login, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('That sign-in link is wrong, has expired or was already used.');
    expect(part(login, 'email')).not.to.equal(null);
    await waitUntil(() => focused(login) === alert, 'focus on the alert');
    expect(double.callsOf('signIn.verify')).to.have.length(1);
  });

  it('checks the email before sending and points at the field', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await submit(login);
    const email = field(login, 'email');
    await waitUntil(() => focused(login) === email, 'focus on the email field');
    expect(textOf(part(login, 'error'))).to.equal('Enter your email address.');
    expect(email.getAttribute('aria-invalid')).to.equal('true');
    expect(description(login, email)).to.contain('Enter your email address.');

    email.value = 'ada@';
    await submit(login);
    expect(textOf(part(login, 'error'))).to.equal('Enter an email address like name@example.com.');
    expect(double.callsOf('signIn.request')).to.deep.equal([]);
  });

  it('checks the code is six digits before verifying', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login, double);
    const code = field(login, 'code');
    code.value = '12a45';
    await submit(login);
    expect(textOf(part(login, 'error'))).to.equal('Enter the 6-digit code from the email.');
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(focused(login)).to.equal(code);
    expect(double.callsOf('signIn.verify')).to.deep.equal([]);
  });

  it('says a wrong or expired code is wrong, and focuses the code field', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login, double);
    const code = field(login, 'code');
    code.value = '999999';
    await submit(login);
    await waitUntil(() => part(login, 'error'), 'alert shown');
    expect(textOf(part(login, 'error'))).to.equal(
      'That code is wrong or has expired. Check the latest email, or send a new code.',
    );
    expect(part(login, 'error')!.getAttribute('role')).to.equal('alert');
    expect(code.getAttribute('aria-invalid')).to.equal('true');
    expect(description(login, code)).to.contain('That code is wrong or has expired.');
    await waitUntil(() => focused(login) === code, 'focus on the code field');

    let signedIn = false;
    login.addEventListener('taba-signed-in', () => (signedIn = true));
    expect(signedIn).to.equal(false);
    code.value = '123456';
    await submit(login);
    await waitUntil(() => signedIn, 'signed in with the right code');
  });

  const requestFailures: { name: string; error: TabaError; alert: string[]; field?: 'email' }[] = [
    {
      name: 'rate limited, with the server’s wording',
      error: new RateLimitError(problem(429, 'rate_limited', 'Too many requests', 'Rate limit exceeded, retry in 1 minute')),
      alert: ['Too many attempts. Please wait a few minutes, then try again.', 'Rate limit exceeded, retry in 1 minute'],
    },
    {
      name: 'rate limited, with a known wait',
      error: Object.assign(new RateLimitError(problem(429, 'rate_limited', 'Too many requests')), { retryAfterSeconds: 90 }),
      alert: ['Too many attempts. Please try again in 2 minutes.'],
    },
    {
      name: 'portal disabled',
      error: new PermissionError(problem(403, 'portal_disabled', 'Customer portal disabled')),
      alert: ['The customer portal is not enabled for this business.'],
    },
    {
      name: 'origin not allowed',
      error: new PermissionError(problem(403, 'origin_not_allowed', 'Origin not allowed')),
      alert: [`This site's origin, ${location.origin}, is not allowed to use this portal; add it to the workspace's allowed origins in the settings.`],
    },
    {
      name: 'network failure',
      error: new ConnectionError(problem(0, 'connection_failed', 'Could not reach the portal server')),
      alert: ['We could not reach the portal. Check your connection and try again.'],
    },
    {
      name: 'no answer from the server address',
      error: new ConnectionError(problem(0, 'connection_failed', 'Could not reach the portal server'), 'http://127.0.0.1:9'),
      alert: ['Could not reach the portal server at http://127.0.0.1:9. Check your connection, then try again.'],
    },
    {
      name: 'server failure',
      error: new ApiError(problem(500, 'internal_error', 'Internal error')),
      alert: ['Something went wrong. Please try again.', 'Reference: req_login42'],
    },
    {
      name: 'email refused by the server',
      error: new ValidationError(problem(400, 'validation_failed', 'Invalid request')),
      alert: ['Enter an email address like name@example.com.'],
      field: 'email',
    },
  ];

  for (const failure of requestFailures) {
    it(`shows an alert when sending fails: ${failure.name}`, async () => {
      const double = new PortalApiDouble();
      double.failNext('signIn.request', failure.error);
      const login = await renderLogin(double);
      field(login, 'email').value = 'ada@example.com';
      await submit(login);
      await waitUntil(() => part(login, 'error'), 'alert shown');

      const alert = part(login, 'error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      for (const line of failure.alert) expect(textOf(alert)).to.contain(line);
      expect(part(login, 'code'), 'still on the email step').to.equal(null);
      const expectedFocus = failure.field ? field(login, failure.field) : alert;
      await waitUntil(() => focused(login) === expectedFocus, 'focus on the field or the alert');
      expect(textOf(part(login, 'submit')), 'the button is usable again').to.equal('Send code');
    });
  }

  it('shows a busy Send button and sends once however often it is pressed', async () => {
    const double = new PortalApiDouble();
    const release = double.hold();
    const login = await renderLogin(double);
    field(login, 'email').value = 'ada@example.com';
    await submit(login);

    const send = part<HTMLButtonElement>(login, 'submit')!;
    expect(textOf(send)).to.equal('Sending…');
    expect(send.getAttribute('aria-disabled')).to.equal('true');
    expect(part(login, 'form')!.getAttribute('aria-busy')).to.equal('true');
    await submit(login);
    part<HTMLFormElement>(login, 'form')!.requestSubmit();
    expect(double.callsOf('signIn.request')).to.have.length(1);

    release();
    await waitUntil(() => part(login, 'code'), 'code step shown');
    expect(double.callsOf('signIn.request')).to.have.length(1);
  });

  it('shows a busy Verify button and verifies once however often it is pressed', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login, double);
    field(login, 'code').value = '123456';
    const release = double.hold();
    await submit(login);

    const verify = part<HTMLButtonElement>(login, 'submit')!;
    expect(textOf(verify)).to.equal('Checking…');
    expect(verify.getAttribute('aria-disabled')).to.equal('true');
    await submit(login);
    buttonByText(login, 'Send a new code')!.click();
    expect(double.callsOf('signIn.verify')).to.have.length(1);
    expect(double.callsOf('signIn.request')).to.have.length(1);

    const heard = oneEvent(login, 'taba-signed-in');
    release();
    await heard;
  });

  it('goes back to change the email, and sends a new code to the same one', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login, double, 'ada@example.com');

    buttonByText(login, 'Send a new code')!.click();
    await waitUntil(() => textOf(part(login, 'sent')).startsWith('We sent a new code'), 'new code sent');
    expect(textOf(part(login, 'sent'))).to.contain('We sent a new code to ada@example.com. Earlier codes no longer work.');
    expect(double.callsOf('signIn.request')).to.deep.equal([
      [{ workspaceId: WORKSPACE, email: 'ada@example.com', locale: 'en' }],
      [{ workspaceId: WORKSPACE, email: 'ada@example.com', locale: 'en' }],
    ]);

    buttonByText(login, 'Use a different email')!.click();
    await login.updateComplete;
    const email = field(login, 'email');
    expect(email.value, 'the email is kept for correcting').to.equal('ada@example.com');
    await waitUntil(() => focused(login) === email, 'focus on the email field');
    email.value = 'ada.lovelace@example.com';
    await submit(login);
    await waitUntil(() => part(login, 'code'), 'code step again');
    expect(double.callsOf('signIn.request').at(-1)).to.deep.equal([{ workspaceId: WORKSPACE, email: 'ada.lovelace@example.com', locale: 'en' }]);
    expect(textOf(part(login, 'sent'))).to.contain('to ada.lovelace@example.com');
  });

  it('works with the keyboard alone: type the email, Enter, type the code, Enter', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);

    await sendKeys({ press: 'Tab' });
    expect(focused(login)).to.equal(field(login, 'email'));
    await sendKeys({ type: 'ada@example.com' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => part(login, 'code') && focused(login) === part(login, 'code'), 'focus on the code field');

    const heard = oneEvent(login, 'taba-signed-in');
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Enter' });
    await heard;
    expect(double.callsOf('signIn.verify')).to.deep.equal([[{ workspaceId: WORKSPACE, email: 'ada@example.com', code: '123456' }]]);
  });

  it('says what is missing without a client that can sign in, or without a workspace', async () => {
    const alone = await fixture<TabaLogin>(html`<taba-login workspace=${WORKSPACE}></taba-login>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');

    const withoutWorkspace = await renderLogin(new PortalApiDouble(), {});
    expect(textOf(part(withoutWorkspace, 'notice'))).to.equal('Sign-in is not set up on this page (no workspace given).');
    expect(part(withoutWorkspace, 'email')).to.equal(null);
  });
});

describe('<taba-login> keyboard and accessibility (WCAG 2.2 AA)', () => {
  it('chooses a customer with the keyboard alone', async () => {
    const double = new PortalApiDouble();
    double.customers = [
      { id: 'cus_acme01', name: 'Acme Manufacturing' },
      { id: 'cus_globex1', name: 'Globex Logistics' },
    ];
    const login = await renderLogin(double);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ada@example.com' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(login, 'code'), 'focus on the code field');
    await sendKeys({ type: '123456' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(login, 'customer'), 'focus on the first customer');

    await sendKeys({ press: 'Tab' });
    expect(textOf(focused(login))).to.equal('Globex Logistics');
    const heard = oneEvent(login, 'taba-signed-in');
    await sendKeys({ press: 'Enter' });
    await heard;
    expect(double.callsOf('signIn.verify').at(-1)).to.deep.equal([{ choiceToken: 'choice-token', customerId: 'cus_globex1' }]);
  });

  it('has no violations on the email step: empty, sending, and with a field error', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await expectAccessible(login, 'email step');

    await submit(login);
    await waitUntil(() => part(login, 'error'), 'field error');
    await expectAccessible(login, 'email missing');

    const release = double.hold();
    field(login, 'email').value = 'ada@example.com';
    await submit(login);
    expect(textOf(part(login, 'submit'))).to.equal('Sending…');
    await expectAccessible(login, 'sending');
    release();
    await waitUntil(() => part(login, 'code'), 'code step shown');
  });

  it('has no violations on the code step, with a wrong code, and while checking', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login, double);
    await expectAccessible(login, 'code step');

    field(login, 'code').value = '999999';
    await submit(login);
    await waitUntil(() => part(login, 'error'), 'wrong code');
    await expectAccessible(login, 'code wrong');

    const release = double.hold();
    field(login, 'code').value = '123456';
    await submit(login);
    expect(textOf(part(login, 'submit'))).to.equal('Checking…');
    await expectAccessible(login, 'verifying');
    release();
    await waitUntil(() => part(login, 'signed-in'), 'signed in');
    await expectAccessible(login, 'signed in');
  });

  it('has no violations when sending fails with an alert that is not about a field', async () => {
    const double = new PortalApiDouble();
    double.failNext('signIn.request', new ApiError(problem(500, 'internal_error', 'Internal error')));
    const login = await renderLogin(double);
    field(login, 'email').value = 'ada@example.com';
    await submit(login);
    await waitUntil(() => hasFocus(login, 'error'), 'focus on the alert');
    await expectAccessible(login, 'server error');
  });

  it('has no violations on the customer choice, and while a customer opens', async () => {
    const double = new PortalApiDouble();
    double.customers = [
      { id: 'cus_acme01', name: 'Acme Manufacturing' },
      { id: 'cus_globex1', name: 'Globex Logistics' },
    ];
    const login = await renderLogin(double);
    await sendCode(login, double);
    field(login, 'code').value = '123456';
    await submit(login);
    await waitUntil(() => parts(login, 'customer').length === 2, 'customers offered');
    await expectAccessible(login, 'customer choice');

    const release = double.hold();
    parts<HTMLButtonElement>(login, 'customer')[0]!.click();
    await waitUntil(() => part(login, 'loading'), 'opening the customer');
    await expectAccessible(login, 'opening a customer');
    release();
  });

  it('has no violations while a link is checked, after a dead link, and without a workspace or client', async () => {
    const double = new PortalApiDouble();
    const release = double.hold();
    const checking = await renderLogin(double, { workspace: WORKSPACE, linkToken: 'link-token' });
    expect(part(checking, 'loading')).not.to.equal(null);
    await expectAccessible(checking, 'checking a link');
    release();

    const dead = await renderLogin(new PortalApiDouble(), { workspace: WORKSPACE, linkToken: 'used-link' });
    await waitUntil(() => part(dead, 'error'), 'alert shown');
    await expectAccessible(dead, 'dead link');

    await expectAccessible(await renderLogin(new PortalApiDouble(), {}), 'no workspace');
    await expectAccessible(await fixture<TabaLogin>(html`<taba-login workspace=${WORKSPACE}></taba-login>`), 'not connected');
  });
});
