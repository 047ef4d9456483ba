import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PortalBrand } from '../../sdk/contract/profile.js';
import { AuthenticationError, NotFoundError, RateLimitError } from '../../sdk/errors.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import { setPortalLocale } from '../shared/localize.js';
import { codeIn, digitsOf } from './code-input.js';
import type { TabaLogin } from './taba-login.component.js';
import './taba-login.js';

/** What makes a sign-in one people finish: whose portal it is, an easy code, a fair resend, clear refusals. */

const WORKSPACE = 'ws_acme01';

/**
 * A test with room to wait: some wait on the clock (the resend countdown), most check
 * accessibility, which takes a moment on a busy machine.
 */
function slowIt(title: string, body: () => Promise<void> | void): void {
  it(title, async function () {
    this.timeout(10_000);
    await body();
  });
}
const NORTHWIND: PortalBrand = { name: 'Northwind Studio', logoUrl: null, accentColor: null };
/** A 1×1 PNG, so a logo loads without a network. */
const LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';

/** A double whose `brand` answers `brand` (or fails with `failure`), recording the workspaces asked for. */
function withBrand(double: PortalApiDouble, brand: PortalBrand, failure?: Error): string[] {
  const asked: string[] = [];
  double.brand = async (workspace: string) => {
    asked.push(workspace);
    await Promise.resolve();
    if (failure) throw failure;
    return structuredClone(brand);
  };
  return asked;
}

async function renderLogin(double: PortalApiDouble, options: { linkToken?: string; style?: string } = {}): Promise<TabaLogin> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double} style=${options.style ?? ''}>
      <taba-login .workspace=${WORKSPACE} .linkToken=${options.linkToken}></taba-login>
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

const focused = (login: TabaLogin) => login.shadowRoot!.activeElement;

async function sendCode(login: TabaLogin): Promise<void> {
  field(login, 'email').value = 'ada@example.com';
  part<HTMLButtonElement>(login, 'submit')!.click();
  await waitUntil(() => part(login, 'code'), 'code step shown');
}

function paste(input: HTMLInputElement, text: string): boolean {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  return input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true, composed: true }));
}

function refused(code: string, title = 'Refused') {
  return new AuthenticationError({ type: 'about:blank', title, status: 401, code, requestId: 'req_login42' });
}

function rateLimited(seconds: number) {
  return Object.assign(new RateLimitError({ type: 'about:blank', title: 'Too many requests', status: 429, code: 'rate_limited' }), { retryAfterSeconds: seconds });
}

/** WCAG relative luminance of a computed `rgb(r, g, b)`. */
function luminanceOf(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map((value) => {
    const channel = Number(value) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

/** The WCAG contrast ratio of two computed `rgb(r, g, b)` colours. */
function contrastOf(a: string, b: string): number {
  const [light, dark] = [luminanceOf(a), luminanceOf(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

function resendButton(login: TabaLogin): HTMLButtonElement {
  const button = part<HTMLButtonElement>(login, 'resend');
  if (!button) throw new Error('no resend button');
  return button;
}

describe('<taba-login> shows whose portal it is', () => {
  slowIt('names the business in the heading and shows its logo, from the public brand call', async () => {
    const double = new PortalApiDouble();
    const asked = withBrand(double, { ...NORTHWIND, logoUrl: LOGO });
    const login = await renderLogin(double);
    await waitUntil(() => textOf(part(login, 'heading')) === 'Sign in to Northwind Studio', 'brand heading');
    expect(asked).to.deep.equal([WORKSPACE]);
    const logo = part<HTMLImageElement>(login, 'logo')!;
    expect(logo.getAttribute('src')).to.equal(LOGO);
    expect(logo.getAttribute('alt'), 'the heading already names the business').to.equal('');
    expect(part(login, 'base')!.getAttribute('aria-labelledby')).to.equal('heading');
    await expectAccessible(login, 'branded');
  });

  slowIt('leaves out a logo that does not load, and works without a brand', async () => {
    const double = new PortalApiDouble();
    withBrand(double, { ...NORTHWIND, logoUrl: 'https://logo.invalid/northwind.png' });
    const login = await renderLogin(double);
    await waitUntil(() => part(login, 'brand')?.hidden === true, 'broken logo hidden');
    expect(textOf(part(login, 'heading'))).to.equal('Sign in to Northwind Studio');

    const failing = new PortalApiDouble();
    withBrand(failing, NORTHWIND, new NotFoundError({ type: 'about:blank', title: 'Workspace not found', status: 404, code: 'workspace_not_found' }));
    const plain = await renderLogin(failing);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(textOf(part(plain, 'heading')), 'the form stays usable').to.equal('Sign in');
    expect(part(plain, 'email')).not.to.equal(null);
    expect(part(plain, 'error'), 'the brand is not worth an alert').to.equal(null);
  });

  slowIt("uses the brand colour as the accent, readable in both themes, unless the page set --taba-color-accent", async () => {
    const double = new PortalApiDouble();
    withBrand(double, { ...NORTHWIND, accentColor: '#7a1fa2' });
    const login = await renderLogin(double);
    const send = part<HTMLButtonElement>(login, 'submit')!;
    await waitUntil(() => getComputedStyle(send).backgroundColor === 'rgb(122, 31, 162)', 'brand accent on the primary button');
    expect(getComputedStyle(send).color).to.equal('rgb(255, 255, 255)');
    expect(login.style.getPropertyValue('--_accent'), 'set as a style property from script').to.contain('#7a1fa2');

    // On a dark theme a dark brand colour is lightened to stand out, with dark text on it.
    const dark = new PortalApiDouble();
    withBrand(dark, { ...NORTHWIND, accentColor: '#0f766e' });
    const night = await fixture(html`<test-portal-provider .client=${dark}><taba-login theme="dark" .workspace=${WORKSPACE}></taba-login></test-portal-provider>`);
    const nightLogin = night.querySelector('taba-login')!;
    await waitUntil(() => textOf(part(nightLogin, 'heading')) === 'Sign in to Northwind Studio', 'brand loaded');
    await nightLogin.updateComplete;
    const nightSend = part<HTMLButtonElement>(nightLogin, 'submit')!;
    const nightAccent = getComputedStyle(nightSend).backgroundColor;
    expect(nightAccent).not.to.equal('rgb(15, 118, 110)');
    expect(contrastOf(nightAccent, 'rgb(27, 33, 41)'), `${nightAccent} stands out on the dark surface`).to.be.at.least(4.5);
    expect(contrastOf(getComputedStyle(nightSend).color, nightAccent), 'its text reads on it').to.be.at.least(4.5);
    await expectAccessible(nightLogin, 'dark theme with a brand colour');

    // A colour too light for white text is darkened until buttons and focus rings keep their contrast.
    const light = new PortalApiDouble();
    withBrand(light, { ...NORTHWIND, accentColor: '#ffd400' });
    const yellow = await renderLogin(light);
    const yellowSend = part<HTMLButtonElement>(yellow, 'submit')!;
    await waitUntil(() => textOf(part(yellow, 'heading')) === 'Sign in to Northwind Studio', 'brand loaded');
    await yellow.updateComplete;
    const darkened = getComputedStyle(yellowSend).backgroundColor;
    expect(darkened).not.to.equal('rgb(255, 212, 0)');
    expect(contrastOf(darkened, 'rgb(255, 255, 255)'), `${darkened} reads on white`).to.be.at.least(4.5);
    expect(contrastOf(getComputedStyle(yellowSend).color, darkened), 'its text reads on it').to.be.at.least(4.5);
    await expectAccessible(yellow, 'light brand colour');

    const tenant = new PortalApiDouble();
    withBrand(tenant, { ...NORTHWIND, accentColor: '#7a1fa2' });
    const themed = await renderLogin(tenant, { style: '--taba-color-accent: rgb(0, 100, 0)' });
    await waitUntil(() => textOf(part(themed, 'heading')) === 'Sign in to Northwind Studio', 'brand loaded');
    await themed.updateComplete;
    expect(getComputedStyle(part(themed, 'submit')!).backgroundColor, "the page's own accent wins").to.equal('rgb(0, 100, 0)');
  });
});

describe('<taba-login> code field', () => {
  slowIt('reads a code out of what people paste or type', () => {
    for (const text of ['123456', '123 456', '123-456', ' 123–456\n', 'Your code is 123456', 'Code: 123 456. It expires in 10 minutes.', '١٢٣٤٥٦', '1 2 3 4 5 6']) {
      expect(codeIn(text), text).to.equal('123456');
    }
    for (const text of ['12345', '1234567', 'no code here', 'Order 12345678']) expect(codeIn(text), text).to.equal(null);
    expect(digitsOf('12a3 4-5٦')).to.equal('123456');
  });

  slowIt('asks browsers and phones to fill in the emailed code, with a number keypad', async () => {
    const login = await renderLogin(new PortalApiDouble());
    await sendCode(login);
    const code = field(login, 'code');
    expect(code.getAttribute('autocomplete')).to.equal('one-time-code');
    expect(code.getAttribute('inputmode')).to.equal('numeric');
    expect(code.type).to.equal('text');
  });

  for (const pasted of ['123 456', '123-456', 'Your code is 123456']) {
    slowIt(`signs in at once with a pasted "${pasted}"`, async () => {
      const double = new PortalApiDouble();
      const login = await renderLogin(double);
      await sendCode(login);
      const code = field(login, 'code');
      const heard = oneEvent(login, 'taba-signed-in');
      expect(paste(code, pasted), 'the paste is taken over').to.equal(false);
      await heard;
      expect(double.callsOf('signIn.verify')).to.deep.equal([[{ workspaceId: WORKSPACE, email: 'ada@example.com', code: '123456' }]]);
    });
  }

  slowIt('keeps only the digits while typing, and waits for Enter', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login);
    await waitUntil(() => focused(login) === field(login, 'code'), 'focus on the code field');
    await sendKeys({ type: '12a3 4-56' });
    expect(field(login, 'code').value).to.equal('123456');
    expect(double.callsOf('signIn.verify'), 'typing does not submit by itself').to.deep.equal([]);
    const heard = oneEvent(login, 'taba-signed-in');
    await sendKeys({ press: 'Enter' });
    await heard;
  });

  slowIt('leaves a paste without a whole code to the browser, and does not submit', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login);
    const code = field(login, 'code');
    code.focus();
    expect(paste(code, '123'), 'not a whole code: the browser pastes').to.equal(true);
    expect(double.callsOf('signIn.verify')).to.deep.equal([]);
  });
});

describe('<taba-login> Send a new code', () => {
  slowIt('counts down after a new code, and refuses to send meanwhile', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login);
    expect(textOf(resendButton(login)), 'the first new code may be asked for at once').to.equal('Send a new code');
    resendButton(login).click();
    await waitUntil(() => textOf(part(login, 'sent')).startsWith('We sent a new code'), 'new code sent');

    const resend = resendButton(login);
    expect(textOf(resend)).to.equal('Resend code in 30 s');
    expect(resend.getAttribute('aria-disabled')).to.equal('true');
    expect(textOf(part(login, 'resend-status'))).to.equal('');
    resend.click();
    await login.updateComplete;
    expect(double.callsOf('signIn.request'), 'nothing sent while it waits').to.have.length(2);
    await waitUntil(() => textOf(resendButton(login)) === 'Resend code in 29 s', 'counting down', { timeout: 2500 });
    await expectAccessible(login, 'counting down');
  });

  slowIt("waits as long as the server's Retry-After says, then works again", async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login);
    double.failNext('signIn.request', rateLimited(2));
    resendButton(login).click();
    await waitUntil(() => part(login, 'error'), 'alert shown');
    expect(textOf(part(login, 'error'))).to.contain('Too many attempts. Please try again in 2 seconds.');
    expect(textOf(resendButton(login))).to.equal('Resend code in 2 s');
    expect(resendButton(login).getAttribute('aria-disabled')).to.equal('true');
    await expectAccessible(login, 'rate limited resend');

    await waitUntil(() => textOf(resendButton(login)) === 'Send a new code', 'usable again', { timeout: 4000 });
    expect(resendButton(login).getAttribute('aria-disabled')).to.equal('false');
    const status = part(login, 'resend-status')!;
    expect(status.getAttribute('role')).to.equal('status');
    expect(textOf(status)).to.equal('You can send a new code now.');
    resendButton(login).click();
    await waitUntil(() => double.callsOf('signIn.request').length === 3, 'sent again');
  });

  slowIt('works with the keyboard: Enter on the waiting button does nothing, and sends once it is ready', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'ada@example.com' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(login, 'code'), 'focus on the code field');
    double.failNext('signIn.request', rateLimited(1));
    resendButton(login).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf(resendButton(login)) === 'Resend code in 1 s', 'waiting');
    resendButton(login).focus();
    await sendKeys({ press: 'Enter' });
    expect(double.callsOf('signIn.request')).to.have.length(2);
    await waitUntil(() => textOf(resendButton(login)) === 'Send a new code', 'ready', { timeout: 3000 });
    expect(focused(login), 'focus stays on the button').to.equal(resendButton(login));
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => textOf(part(login, 'sent')).startsWith('We sent a new code'), 'new code sent');
    expect(double.callsOf('signIn.request')).to.have.length(3);
  });
});

describe('<taba-login> says why a sign-in did not work', () => {
  const links: { code: string; message: string }[] = [
    { code: 'sign_in_link_expired', message: 'This sign-in link has expired. Enter your email to get a new one.' },
    {
      code: 'sign_in_link_replaced',
      message: 'A newer sign-in email was sent, so this link no longer works. Open the link in the latest email, or enter your email to get a new one.',
    },
    { code: 'sign_in_link_used', message: 'This sign-in link was already used, and each link works once. Enter your email to get a new one.' },
    {
      code: 'too_many_attempts',
      message: 'This sign-in link no longer works because a wrong code was entered too many times. Enter your email to get a new one.',
    },
    { code: 'invalid_sign_in', message: 'That sign-in link is wrong, has expired or was already used. Enter your email to get a new one.' },
  ];
  for (const { code, message } of links) {
    slowIt(`a link refused with ${code}: says so and offers the email form`, async () => {
      const double = new PortalApiDouble();
      double.failNext('signIn.verify', refused(code));
      const login = await renderLogin(double, { linkToken: 'link-token' });
      await waitUntil(() => part(login, 'error'), 'alert shown');
      const alert = part(login, 'error')!;
      expect(alert.getAttribute('role')).to.equal('alert');
      expect(textOf(part(login, 'error-message'))).to.equal(message);
      expect(part(login, 'email'), 'the email form, to get a new link').not.to.equal(null);
      await waitUntil(() => focused(login) === alert, 'focus on the alert');
      await expectAccessible(login, code);
    });
  }

  slowIt('too many wrong codes: says a new code is needed, not that this one is wrong', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login);
    double.failNext('signIn.verify', refused('too_many_attempts'));
    field(login, 'code').value = '123456';
    part<HTMLButtonElement>(login, 'submit')!.click();
    await waitUntil(() => part(login, 'error'), 'alert shown');
    expect(textOf(part(login, 'error-message'))).to.equal(
      'Too many wrong codes, so this code no longer works. Send a new code and use the one in the new email.',
    );
    expect(field(login, 'code').getAttribute('aria-invalid'), 'not a typing mistake').to.equal('false');
    await waitUntil(() => hasFocus(login, 'error'), 'focus on the alert');
    await expectAccessible(login, 'too many attempts');

    resendButton(login).click();
    await waitUntil(() => textOf(part(login, 'sent')).startsWith('We sent a new code'), 'a new code');
    expect(part(login, 'error'), 'the alert goes with the new code').to.equal(null);
  });

  slowIt('a wrong code: says so and points at the field', async () => {
    const double = new PortalApiDouble();
    const login = await renderLogin(double);
    await sendCode(login);
    field(login, 'code').value = '654321';
    part<HTMLButtonElement>(login, 'submit')!.click();
    await waitUntil(() => part(login, 'error'), 'alert shown');
    expect(textOf(part(login, 'error-message'))).to.equal('That code is wrong or has expired. Check the latest email, or send a new code.');
    await waitUntil(() => focused(login) === field(login, 'code'), 'focus on the code');
    expect(buttonByText(login, 'Send a new code')).not.to.equal(null);
  });
});

describe('<taba-login> layout', () => {
  slowIt('is a card centred in the space it has', async () => {
    const double = new PortalApiDouble();
    withBrand(double, NORTHWIND);
    const wide = await fixture(html`<div style="inline-size: 900px"><test-portal-provider .client=${double}><taba-login .workspace=${WORKSPACE}></taba-login></test-portal-provider></div>`);
    const login = wide.querySelector('taba-login')!;
    await login.updateComplete;
    const card = part(login, 'base')!.getBoundingClientRect();
    const host = login.getBoundingClientRect();
    expect(card.width).to.be.lessThan(host.width);
    expect(Math.abs(card.left - host.left - (host.right - card.right))).to.be.lessThan(2);
  });
});

describe('<taba-login> in German and Arabic', () => {
  afterEach(async () => {
    await setPortalLocale('en');
  });

  slowIt("speaks the page's language, and asks for the email in it", async () => {
    const double = new PortalApiDouble();
    withBrand(double, NORTHWIND);
    const provider = await fixture(html`
      <test-portal-provider .client=${double}><taba-login locale="de" .workspace=${WORKSPACE}></taba-login></test-portal-provider>
    `);
    const login = provider.querySelector('taba-login')!;
    await waitUntil(() => textOf(part(login, 'heading')) === 'Bei Northwind Studio anmelden', 'German heading');
    field(login, 'email').value = 'ada@example.com';
    part<HTMLButtonElement>(login, 'submit')!.click();
    await waitUntil(() => part(login, 'code'), 'code step shown');
    expect(double.callsOf('signIn.request')).to.deep.equal([[{ workspaceId: WORKSPACE, email: 'ada@example.com', locale: 'de' }]]);
    double.failNext('signIn.request', rateLimited(5));
    resendButton(login).click();
    await waitUntil(() => textOf(resendButton(login)) === 'Neuer Code in 5 s', 'German countdown');
    expect(textOf(part(login, 'error-message'))).to.equal('Zu viele Versuche. Bitte versuchen Sie es in 5 Sekunden erneut.');
  });

  slowIt('lays out right to left in Arabic, and reads Arabic digits as a code', async () => {
    const double = new PortalApiDouble();
    withBrand(double, NORTHWIND);
    const provider = await fixture(html`
      <test-portal-provider .client=${double}><taba-login locale="ar" .workspace=${WORKSPACE}></taba-login></test-portal-provider>
    `);
    const login = provider.querySelector('taba-login')!;
    await waitUntil(() => textOf(part(login, 'heading')) === 'تسجيل الدخول إلى Northwind Studio', 'Arabic heading');
    expect(getComputedStyle(part(login, 'base')!).direction).to.equal('rtl');
    await sendCode(login);
    const heard = oneEvent(login, 'taba-signed-in');
    paste(field(login, 'code'), 'رمزك هو ١٢٣٤٥٦');
    await heard;
    expect(double.callsOf('signIn.verify')).to.deep.equal([[{ workspaceId: WORKSPACE, email: 'ada@example.com', code: '123456' }]]);
    await expectAccessible(login, 'Arabic');
  });
});
