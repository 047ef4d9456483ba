import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { PortalAcceptance } from '../../sdk/contract/acceptances.js';
import { ApiError, NotFoundError } from '../../sdk/errors.js';
import { acceptanceFixture, serveAcceptances, type AcceptanceServerState } from '../test-support/acceptances.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaAcceptanceReview } from './taba-acceptance-review.component.js';
import './taba-acceptance-review.js';

const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** What anchors were clicked (a link opened), instead of letting the test page follow them. */
const opened: { href: string; download: string }[] = [];
const realClick = HTMLAnchorElement.prototype.click;
before(() => {
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    opened.push({ href: this.href, download: this.download });
  };
});
after(() => {
  HTMLAnchorElement.prototype.click = realClick;
});
beforeEach(() => {
  opened.length = 0;
});

function pending(overrides: Partial<PortalAcceptance> = {}): PortalAcceptance {
  return acceptanceFixture({
    title: 'Statement of work',
    message: 'Please review the final scope.',
    documentName: 'SOW v3.pdf',
    document: { id: 'doc_sow3', name: 'SOW v3.pdf', size: 2_400_000, contentType: 'application/pdf', sha256: SHA256 },
    ...overrides,
  });
}

async function renderReview(
  acceptances: PortalAcceptance[],
  acceptanceId = acceptances[0]!.id,
): Promise<{ review: TabaAcceptanceReview; double: PortalApiDouble; server: AcceptanceServerState }> {
  const double = new PortalApiDouble();
  const server = serveAcceptances(double, acceptances);
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-acceptance-review acceptance-id=${acceptanceId}></taba-acceptance-review>
    </test-portal-provider>
  `);
  const review = provider.querySelector('taba-acceptance-review')!;
  await waitUntil(() => part(review, 'title') || part(review, 'error'), 'acceptance shown');
  return { review, double, server };
}

function acceptButton(review: TabaAcceptanceReview): HTMLButtonElement {
  return part<HTMLButtonElement>(review, 'accept')!;
}

async function typeName(review: TabaAcceptanceReview, name: string): Promise<void> {
  part<HTMLInputElement>(review, 'full-name')!.focus();
  await sendKeys({ type: name });
  await review.updateComplete;
}

async function tick(review: TabaAcceptanceReview): Promise<void> {
  part<HTMLInputElement>(review, 'confirm')!.click();
  await review.updateComplete;
}

function acceptCalls(double: PortalApiDouble): unknown[] {
  return double.callsOf('acceptPortalAcceptance').map(([input]) => (input as { body: unknown }).body);
}

describe('<taba-acceptance-review>', () => {
  it('shows the document to accept: name, size, fingerprint, the team’s note and the form', async () => {
    const acceptance = pending();
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptance]);
    const release = double.hold();
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-acceptance-review acceptance-id=${acceptance.id}></taba-acceptance-review>
      </test-portal-provider>
    `);
    const review = provider.querySelector('taba-acceptance-review')!;
    expect(textOf(part(review, 'loading'))).to.equal('Loading acceptance…');
    release();
    await waitUntil(() => part(review, 'title'), 'acceptance shown');

    expect(textOf(part(review, 'title'))).to.equal('Statement of work');
    expect(textOf(part(review, 'status'))).to.equal('Pending');
    expect(textOf(part(review, 'message'))).to.equal('Please review the final scope.');
    expect(textOf(part(review, 'document-name'))).to.equal('SOW v3.pdf');
    const size = new Intl.NumberFormat(undefined, { style: 'unit', unit: 'megabyte', unitDisplay: 'short', maximumFractionDigits: 1 }).format(2.4);
    expect(textOf(part(review, 'document-size'))).to.equal(size.replace(/\s+/g, ' '));
    expect(textOf(part(review, 'fingerprint'))).to.equal(`SHA-256 fingerprint: ${SHA256}`);
    expect(textOf(part(review, 'view-document'))).to.equal('View document SOW v3.pdf');

    const name = part<HTMLInputElement>(review, 'full-name')!;
    expect(name.labels![0]!.textContent!.trim()).to.equal('Your full name');
    expect(name.autocomplete).to.equal('name');
    const confirm = part<HTMLInputElement>(review, 'confirm')!;
    expect(confirm.type).to.equal('checkbox');
    expect(textOf(confirm.labels![0])).to.equal('I have read and accept this document');
    expect(textOf(part(review, 'hint'))).to.equal('Type your full name and tick the box to accept.');
    expect(textOf(acceptButton(review))).to.equal('Accept');
  });

  it('keeps Accept disabled until a full name is typed and the box is ticked', async () => {
    const { review } = await renderReview([pending()]);
    expect(acceptButton(review).disabled, 'nothing given').to.equal(true);

    await typeName(review, '   ');
    expect(acceptButton(review).disabled, 'blank name').to.equal(true);
    await tick(review);
    expect(acceptButton(review).disabled, 'ticked, blank name').to.equal(true);

    await typeName(review, 'Ada Lovelace');
    expect(acceptButton(review).disabled, 'both given').to.equal(false);
    await tick(review);
    expect(acceptButton(review).disabled, 'unticked again').to.equal(true);
  });

  it('accepts with the keyboard alone, sending the trimmed name and the fingerprint it showed, then shows who accepted and when', async () => {
    const acceptance = pending();
    const { review, double } = await renderReview([acceptance]);

    // Tab: View document, then the name field.
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(review, 'view-document')).to.equal(true);
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(review, 'full-name')).to.equal(true);
    await sendKeys({ type: '  Ada Lovelace ' });
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(review, 'confirm')).to.equal(true);
    await sendKeys({ press: 'Space' });
    await review.updateComplete;
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(review, 'accept'), 'focus on Accept').to.equal(true);

    const heard = oneEvent(document, 'taba-acceptance-accepted');
    await sendKeys({ press: 'Enter' });
    const event = await heard;
    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.acceptance.status).to.equal('accepted');
    expect(acceptCalls(double)).to.deep.equal([{ fullName: 'Ada Lovelace', confirmed: true, documentSha256: SHA256 }]);

    await waitUntil(() => hasFocus(review, 'outcome'), 'focus on the outcome');
    const outcome = part(review, 'outcome')!;
    expect(outcome.getAttribute('role')).to.equal('status');
    const time = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date('2026-11-25T10:00:00.000Z'));
    expect(textOf(outcome)).to.equal(`Accepted by Ada Lovelace on ${time}.`.replace(/\s+/g, ' '));
    expect(textOf(part(review, 'status'))).to.equal('Accepted');
    expect(part(review, 'form'), 'no form once accepted').to.equal(null);
    expect(textOf(part(review, 'certificate'))).to.equal('Download certificate');
  });

  it('shows "Accepting…" while the accept is on its way, and ignores a second press', async () => {
    const { review, double } = await renderReview([pending()]);
    await typeName(review, 'Ada Lovelace');
    await tick(review);
    const release = double.hold();
    acceptButton(review).click();
    await waitUntil(() => textOf(part(review, 'accept')) === 'Accepting…', 'busy');
    expect(acceptButton(review).getAttribute('aria-disabled')).to.equal('true');
    acceptButton(review).click();
    await expectAccessible(review, 'accepting');
    release();
    await waitUntil(() => part(review, 'outcome'), 'accepted');
    expect(acceptCalls(double)).to.have.length(1);
  });

  it('downloads the certificate as a PDF from an object URL it revokes afterwards', async () => {
    const acceptance = pending({ status: 'accepted', acceptedAt: '2026-11-25T10:00:00.000Z', acceptedName: 'Ada Lovelace' });
    const { review, server } = await renderReview([acceptance]);
    expect(part(review, 'form')).to.equal(null);

    const made: { url: string; blob: Blob }[] = [];
    const revoked: string[] = [];
    const { createObjectURL, revokeObjectURL } = URL;
    URL.createObjectURL = (blob: Blob) => {
      const url = createObjectURL(blob);
      made.push({ url, blob });
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url);
      revokeObjectURL(url);
    };
    try {
      buttonByText(review, 'Download certificate')!.click();
      await waitUntil(() => revoked.length === 1, 'object URL revoked');
    } finally {
      URL.createObjectURL = createObjectURL;
      URL.revokeObjectURL = revokeObjectURL;
    }
    expect(made).to.have.length(1);
    expect(made[0]!.blob.type).to.equal('application/pdf');
    expect(await made[0]!.blob.text()).to.equal(server.certificate);
    expect(opened).to.deep.equal([{ href: made[0]!.url, download: 'Statement of work - acceptance certificate.pdf' }]);
    expect(revoked).to.deep.equal([made[0]!.url]);
  });

  it('asks for a fresh document link at every "View document" press', async () => {
    const acceptance = pending();
    const { review, double } = await renderReview([acceptance]);
    const view = part<HTMLButtonElement>(review, 'view-document')!;
    view.click();
    await waitUntil(() => opened.length === 1, 'first link opened');
    await waitUntil(() => textOf(part(review, 'view-document')) === 'View document SOW v3.pdf', 'ready again');
    view.click();
    await waitUntil(() => opened.length === 2, 'second link opened');
    expect(opened).to.deep.equal([
      { href: 'https://files.example/doc_sow3?link=1', download: 'SOW v3.pdf' },
      { href: 'https://files.example/doc_sow3?link=2', download: 'SOW v3.pdf' },
    ]);
    expect(double.callsOf('createPortalAcceptanceDocumentLink')).to.have.length(2);
  });

  it('says so beside the button when the document cannot be opened', async () => {
    const acceptance = pending();
    const { review, server } = await renderReview([acceptance]);
    server.changedDocuments.add(acceptance.id);
    part<HTMLButtonElement>(review, 'view-document')!.click();
    await waitUntil(() => part(review, 'error'), 'alert');
    expect(textOf(part(review, 'error'))).to.contain('Could not open the document.');
    expect(textOf(part(review, 'error'))).to.contain('The document changed after it was sent.');
    expect(opened).to.deep.equal([]);
    await expectAccessible(review, 'open failed');
  });

  it('shows an expired acceptance with a notice and no form', async () => {
    const { review } = await renderReview([pending({ status: 'expired', expiresAt: '2026-11-03T09:30:00.000Z' })]);
    expect(textOf(part(review, 'status'))).to.equal('Expired');
    expect(textOf(part(review, 'expired'))).to.equal(
      'This acceptance has expired and can no longer be accepted. Ask the business to send it to you again.',
    );
    expect(part(review, 'form')).to.equal(null);
    expect(part(review, 'accept')).to.equal(null);
    expect(part(review, 'view-document'), 'the document can still be read').not.to.equal(null);
  });

  it('turns into the expired notice when the server answers 409 acceptance_expired', async () => {
    const acceptance = pending();
    const { review, server } = await renderReview([acceptance]);
    await typeName(review, 'Ada Lovelace');
    await tick(review);
    server.acceptances[0]!.status = 'expired';
    acceptButton(review).click();
    await waitUntil(() => hasFocus(review, 'expired'), 'focus on the expired notice');
    expect(textOf(part(review, 'status'))).to.equal('Expired');
    expect(part(review, 'form')).to.equal(null);
    expect(part(review, 'error')).to.equal(null);
    await expectAccessible(review, 'expired while reviewing');
  });

  it('says the document changed and to ask the business when the server answers 409 document_changed', async () => {
    const acceptance = pending();
    const { review, server } = await renderReview([acceptance]);
    await typeName(review, 'Ada Lovelace');
    await tick(review);
    server.changedDocuments.add(acceptance.id);
    acceptButton(review).click();
    await waitUntil(() => hasFocus(review, 'document-changed'), 'focus on the alert');
    const alert = part(review, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain(
      'This document changed after it was sent to you, so it can no longer be accepted. Ask the business to send it to you again.',
    );
    expect(part(review, 'form'), 'accepting again cannot succeed').to.equal(null);
    expect(textOf(part(review, 'status'))).to.equal('Pending');
    await expectAccessible(review, 'document changed');
  });

  it('keeps the form and what was typed when accepting fails otherwise, and accepts on a second try', async () => {
    const { review, double } = await renderReview([pending()]);
    await typeName(review, 'Ada Lovelace');
    await tick(review);
    double.failNext('acceptPortalAcceptance', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    acceptButton(review).click();
    await waitUntil(() => part(review, 'error'), 'alert');
    expect(textOf(part(review, 'error'))).to.contain('Your acceptance was not recorded.');
    expect(textOf(part(review, 'error'))).to.contain('Service unavailable');
    await waitUntil(() => hasFocus(review, 'accept'), 'focus back on Accept');
    expect(part<HTMLInputElement>(review, 'full-name')!.value).to.equal('Ada Lovelace');
    expect(part<HTMLInputElement>(review, 'confirm')!.checked).to.equal(true);
    await expectAccessible(review, 'accept failed');

    acceptButton(review).click();
    await waitUntil(() => part(review, 'outcome'), 'accepted');
    expect(part(review, 'error')).to.equal(null);
  });

  it('shows an alert with Retry when the acceptance cannot be loaded', async () => {
    const double = new PortalApiDouble();
    const acceptance = pending();
    serveAcceptances(double, [acceptance]);
    double.failNext('retrievePortalAcceptance', new ApiError({ type: 'about:blank', title: 'Service unavailable', status: 503, code: 'unavailable' }));
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-acceptance-review acceptance-id=${acceptance.id}></taba-acceptance-review>
      </test-portal-provider>
    `);
    const review = provider.querySelector('taba-acceptance-review')!;
    await waitUntil(() => part(review, 'error'), 'error');
    expect(textOf(part(review, 'error'))).to.contain('Could not load this acceptance.');
    buttonByText(review, 'Retry')!.click();
    await waitUntil(() => part(review, 'title'), 'shown after retry');
  });

  it('starts afresh when acceptance-id changes', async () => {
    const first = pending();
    const second = pending({ title: 'Design sign-off' });
    const { review } = await renderReview([first, second]);
    await typeName(review, 'Ada Lovelace');
    review.acceptanceId = second.id;
    await waitUntil(() => textOf(part(review, 'title')) === 'Design sign-off', 'second shown');
    expect(part<HTMLInputElement>(review, 'full-name')!.value).to.equal('');
  });

  it('focus() moves to the heading once shown, or to Retry when it cannot load', async () => {
    const acceptance = pending();
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptance]);
    const release = double.hold();
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-acceptance-review acceptance-id=${acceptance.id}></taba-acceptance-review>
      </test-portal-provider>
    `);
    const review = provider.querySelector('taba-acceptance-review')!;
    review.focus();
    release();
    await waitUntil(() => hasFocus(review, 'title'), 'focus on the heading');

    const missing = new PortalApiDouble();
    missing.failNext('retrievePortalAcceptance', new NotFoundError({ type: 'about:blank', title: 'Acceptance not found', status: 404, code: 'not_found' }));
    const other = await fixture(html`
      <test-portal-provider .client=${missing}>
        <taba-acceptance-review acceptance-id="acc_gone01"></taba-acceptance-review>
      </test-portal-provider>
    `);
    const failed = other.querySelector('taba-acceptance-review')!;
    failed.focus();
    await waitUntil(() => hasFocus(failed, 'retry'), 'focus on Retry');
  });

  it('says which input is missing when there is no acceptance-id or no client', async () => {
    const provider = await fixture(html`
      <test-portal-provider .client=${new PortalApiDouble()}><taba-acceptance-review></taba-acceptance-review></test-portal-provider>
    `);
    const withoutId = provider.querySelector('taba-acceptance-review')!;
    expect(textOf(part(withoutId, 'notice'))).to.equal('No acceptance selected.');
    const alone = await fixture<TabaAcceptanceReview>(html`<taba-acceptance-review acceptance-id="acc_x1"></taba-acceptance-review>`);
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-acceptance-review> accessibility (WCAG 2.2 AA)', () => {
  it('has no violations while loading, with the form empty and filled, and once accepted', async () => {
    const acceptance = pending({ expiresSoon: true });
    const double = new PortalApiDouble();
    serveAcceptances(double, [acceptance]);
    const release = double.hold();
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-acceptance-review acceptance-id=${acceptance.id}></taba-acceptance-review>
      </test-portal-provider>
    `);
    const review = provider.querySelector('taba-acceptance-review')!;
    await expectAccessible(review, 'loading');
    release();
    await waitUntil(() => part(review, 'form'), 'form shown');
    await expectAccessible(review, 'pending, form empty');
    await typeName(review, 'Ada Lovelace');
    await tick(review);
    await expectAccessible(review, 'pending, ready to accept');
    acceptButton(review).click();
    await waitUntil(() => part(review, 'outcome'), 'accepted');
    await expectAccessible(review, 'accepted');
  });

  it('has no violations when expired, accepted on arrival, without a client or id, and when loading failed', async () => {
    const expired = await renderReview([pending({ status: 'expired', message: '' })]);
    await expectAccessible(expired.review, 'expired');
    const accepted = await renderReview([pending({ status: 'accepted', acceptedAt: '2026-11-25T10:00:00.000Z', acceptedName: 'Ada Lovelace', projectName: null })]);
    await expectAccessible(accepted.review, 'accepted on arrival');

    const provider = await fixture(html`
      <test-portal-provider .client=${new PortalApiDouble()}><taba-acceptance-review></taba-acceptance-review></test-portal-provider>
    `);
    await expectAccessible(provider.querySelector('taba-acceptance-review')!, 'no acceptance selected');
    const alone = await fixture<TabaAcceptanceReview>(html`<taba-acceptance-review acceptance-id="acc_x1"></taba-acceptance-review>`);
    await expectAccessible(alone, 'not connected');

    const failed = await renderReview([pending()], 'acc_unknown1');
    expect(textOf(part(failed.review, 'error'))).to.contain('Acceptance not found');
    await expectAccessible(failed.review, 'load error');
  });
});
