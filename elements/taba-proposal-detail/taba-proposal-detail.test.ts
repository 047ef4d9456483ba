import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConflictError, NotFoundError } from '../../sdk/errors.js';
import type { PortalProposal } from '../../sdk/contract/proposals.js';
import { expectAccessible } from '../test-support/accessibility.js';
import { buttonByText, hasFocus, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble, messageFixture, proposalFixture, threadFixture } from '../test-support/portal-api-double.js';
import '../test-support/portal-provider.js';
import type { TabaProposalDetail } from './taba-proposal-detail.component.js';
import './taba-proposal-detail.js';

function normalised(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function mediumDate(timestamp: string): string {
  return normalised(new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(timestamp)));
}

/** The facts list as term → value, the way a reader pairs them. */
function facts(detail: TabaProposalDetail): Record<string, string> {
  const entries = Array.from(part(detail, 'details')!.querySelectorAll('dt')).map((term) => [
    textOf(term),
    textOf(term.nextElementSibling),
  ]);
  return Object.fromEntries(entries) as Record<string, string>;
}

async function renderDetail(double: PortalApiDouble, proposal: PortalProposal): Promise<TabaProposalDetail> {
  const provider = await fixture(html`
    <test-portal-provider .client=${double}>
      <taba-proposal-detail proposal-id=${proposal.id}></taba-proposal-detail>
    </test-portal-provider>
  `);
  const detail = provider.querySelector('taba-proposal-detail')!;
  await waitUntil(() => part(detail, 'title'), 'proposal shown');
  return detail;
}

function button(detail: TabaProposalDetail, text: string): HTMLButtonElement {
  const found = buttonByText(detail, text);
  if (!found) throw new Error(`no "${text}" button`);
  return found;
}

describe('<taba-proposal-detail>', () => {
  const pending = () =>
    proposalFixture({
      title: 'Monthly support',
      number: 'PRP-0007',
      feeModel: 'retainer',
      fee: { amount: 90000, currency: 'EUR' },
      summary: 'Two days of support a month.\nResponse within one business day.',
      sentAt: '2026-11-02T09:30:00.000Z',
      expiresAt: '2026-12-02T09:30:00.000Z',
    });

  it('shows a loading status, then the whole proposal with Accept and Decline', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const release = double.hold();
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-proposal-detail proposal-id=${proposal.id}></taba-proposal-detail>
      </test-portal-provider>
    `);
    const detail = provider.querySelector('taba-proposal-detail')!;
    expect(part(detail, 'loading')?.getAttribute('role')).to.equal('status');
    release();
    await waitUntil(() => part(detail, 'title'), 'proposal shown');

    expect(textOf(part(detail, 'title'))).to.equal('Monthly support');
    expect(textOf(part(detail, 'status'))).to.equal('Pending');
    expect(facts(detail)).to.deep.equal({
      Number: 'PRP-0007',
      Status: 'Pending',
      'Fee model': 'Retainer',
      Fee: normalised(new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR' }).format(900)),
      Sent: mediumDate('2026-11-02T09:30:00.000Z'),
      Expires: mediumDate('2026-12-02T09:30:00.000Z'),
    });
    expect(part(detail, 'summary')!.textContent).to.equal('Two days of support a month.\nResponse within one business day.');
    expect(button(detail, 'Accept').disabled).to.equal(false);
    expect(button(detail, 'Decline').disabled).to.equal(false);
    expect(double.callsOf('proposals.retrieve')).to.deep.equal([[proposal.id]]);
  });

  it('asks before accepting; Cancel changes nothing', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    button(detail, 'Accept').click();
    await detail.updateComplete;
    const confirmation = part(detail, 'confirmation')!;
    expect(textOf(confirmation)).to.contain('Accept this proposal?');
    expect(buttonByText(detail, 'Accept'), 'the question replaces the buttons').to.equal(null);

    button(detail, 'Cancel').click();
    await detail.updateComplete;
    expect(part(detail, 'confirmation')).to.equal(null);
    expect(buttonByText(detail, 'Accept')).not.to.equal(null);
    expect(double.callsOf('proposals.accept')).to.deep.equal([]);
  });

  it('accepts on Confirm: shows the new status and emits taba-proposal-accepted', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    button(detail, 'Accept').click();
    await detail.updateComplete;
    const heard = oneEvent(document, 'taba-proposal-accepted');
    button(detail, 'Confirm').click();
    const event = await heard;

    expect(event.bubbles).to.equal(true);
    expect(event.composed).to.equal(true);
    expect(event.detail.proposal.id).to.equal(proposal.id);
    expect(event.detail.proposal.status).to.equal('accepted');
    await detail.updateComplete;
    expect(textOf(part(detail, 'status'))).to.equal('Accepted');
    expect(textOf(part(detail, 'outcome'))).to.equal('You accepted this proposal.');
    expect(facts(detail)).to.include({ Decided: mediumDate('2026-11-25T12:00:00.000Z') });
    expect(part(detail, 'actions'), 'no more actions').to.equal(null);
    expect(buttonByText(detail, 'Decline')).to.equal(null);
    expect(double.callsOf('proposals.accept')).to.deep.equal([[proposal.id]]);
  });

  it('declines with an optional reason (at most 2000 characters) and emits taba-proposal-declined', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    button(detail, 'Decline').click();
    await detail.updateComplete;
    expect(textOf(part(detail, 'confirmation'))).to.contain('Decline this proposal?');
    const reason = part<HTMLTextAreaElement>(detail, 'reason')!;
    expect(reason.maxLength).to.equal(2000);
    expect(reason.labels?.[0] && textOf(reason.labels[0])).to.equal('Reason (optional)');
    await waitUntil(() => detail.shadowRoot!.activeElement === reason, 'focus moves to the reason');

    await sendKeys({ type: 'Budget moved to Q3' });
    await detail.updateComplete;
    expect(textOf(part(detail, 'reason-count')), 'grouped like the other counters').to.equal('1,982 characters left');

    const heard = oneEvent(detail, 'taba-proposal-declined');
    button(detail, 'Confirm').click();
    const event = await heard;
    expect(event.bubbles && event.composed).to.equal(true);
    expect(event.detail.proposal.status).to.equal('declined');
    expect(double.callsOf('proposals.decline')).to.deep.equal([[proposal.id, { reason: 'Budget moved to Q3' }]]);

    await detail.updateComplete;
    expect(textOf(part(detail, 'status'))).to.equal('Declined');
    expect(facts(detail)).to.include({ 'Reason for declining': 'Budget moved to Q3' });
    expect(part(detail, 'actions')).to.equal(null);
  });

  it('declines without a reason when none is given', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    button(detail, 'Decline').click();
    await detail.updateComplete;
    button(detail, 'Confirm').click();
    await oneEvent(detail, 'taba-proposal-declined');
    expect(double.callsOf('proposals.decline')).to.deep.equal([[proposal.id, {}]]);
  });

  it('shows why accepting failed (409 proposal_expired) in an alert and keeps the buttons usable', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    double.failNext(
      'proposals.accept',
      new ConflictError({ type: 'about:blank', title: 'Proposal expired', status: 409, code: 'proposal_expired' }),
    );
    const detail = await renderDetail(double, proposal);
    let accepted = false;
    detail.addEventListener('taba-proposal-accepted', () => (accepted = true));

    button(detail, 'Accept').click();
    await detail.updateComplete;
    button(detail, 'Confirm').click();
    await waitUntil(() => part(detail, 'error'), 'error alert');

    const alert = part(detail, 'error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(textOf(alert)).to.contain('Proposal expired');
    expect(accepted).to.equal(false);
    expect(textOf(part(detail, 'status'))).to.equal('Pending');
    const accept = button(detail, 'Accept');
    expect(accept.disabled).to.equal(false);
    expect(button(detail, 'Decline').disabled).to.equal(false);

    // The contact can try again; this time the server agrees.
    accept.click();
    await detail.updateComplete;
    button(detail, 'Confirm').click();
    await oneEvent(detail, 'taba-proposal-accepted');
    await detail.updateComplete;
    expect(textOf(part(detail, 'status'))).to.equal('Accepted');
    expect(part(detail, 'error')).to.equal(null);
  });

  for (const status of ['accepted', 'declined', 'expired'] as const) {
    it(`offers no actions on a ${status} proposal`, async () => {
      const proposal = proposalFixture({
        status,
        decidedAt: status === 'expired' ? null : '2026-11-20T08:00:00.000Z',
        declineReason: status === 'declined' ? 'Out of budget' : null,
      });
      const detail = await renderDetail(new PortalApiDouble([proposal]), proposal);
      expect(textOf(part(detail, 'status'))).to.equal(status[0]!.toUpperCase() + status.slice(1));
      expect(part(detail, 'actions')).to.equal(null);
      expect(buttonByText(detail, 'Accept')).to.equal(null);
      expect(buttonByText(detail, 'Decline')).to.equal(null);
      if (status === 'declined') expect(facts(detail)).to.include({ 'Reason for declining': 'Out of budget' });
      if (status !== 'expired') expect(facts(detail)).to.include({ Decided: mediumDate('2026-11-20T08:00:00.000Z') });
    });
  }

  it('shows an alert with Retry when the proposal cannot be loaded', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    double.failNext('proposals.retrieve', new TypeError('boom'));
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-proposal-detail proposal-id=${proposal.id}></taba-proposal-detail>
      </test-portal-provider>
    `);
    const detail = provider.querySelector('taba-proposal-detail')!;
    await waitUntil(() => part(detail, 'error'), 'error alert');
    expect(textOf(part(detail, 'error'))).to.contain('Could not load this proposal.');
    expect(textOf(part(detail, 'error')), 'unexpected errors are not shown raw').not.to.contain('boom');

    button(detail, 'Retry').click();
    await waitUntil(() => part(detail, 'title'), 'proposal shown after retry');
    expect(textOf(part(detail, 'title'))).to.equal('Monthly support');
  });

  it('loads the new proposal when proposal-id changes', async () => {
    const first = pending();
    const second = proposalFixture({ title: 'Logo refresh' });
    const detail = await renderDetail(new PortalApiDouble([first, second]), first);
    detail.proposalId = second.id;
    await waitUntil(() => textOf(part(detail, 'title')) === 'Logo refresh', 'second proposal shown');
  });

  it('says which input is missing when there is no proposal-id or no client', async () => {
    const provider = await fixture(html`
      <test-portal-provider .client=${new PortalApiDouble()}><taba-proposal-detail></taba-proposal-detail></test-portal-provider>
    `);
    const withoutId = provider.querySelector('taba-proposal-detail')!;
    await waitUntil(() => part(withoutId, 'notice'), 'notice');
    expect(textOf(part(withoutId, 'notice'))).to.equal('No proposal selected.');

    const alone = await fixture<TabaProposalDetail>(html`<taba-proposal-detail proposal-id="prop_x1"></taba-proposal-detail>`);
    await waitUntil(() => part(alone, 'notice'), 'notice');
    expect(textOf(part(alone, 'notice'))).to.equal('Not connected to a portal session.');
  });
});

describe('<taba-proposal-detail> keyboard and focus', () => {
  const pending = () => proposalFixture({ title: 'Monthly support', summary: 'Two days of support a month.' });

  it('accepts with the keyboard alone, and announces the outcome in a live region it focuses', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    await sendKeys({ press: 'Tab' });
    expect(hasFocus(detail, 'accept'), 'focus on accept').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(detail, 'confirm'), 'focus on Confirm');
    expect(textOf(part(detail, 'confirmation'))).to.contain('Accept this proposal?');

    const heard = oneEvent(detail, 'taba-proposal-accepted');
    await sendKeys({ press: 'Enter' });
    await heard;
    await waitUntil(() => hasFocus(detail, 'outcome'), 'focus on the outcome');
    const outcome = part(detail, 'outcome')!;
    expect(outcome.getAttribute('role')).to.equal('status');
    expect(textOf(outcome)).to.equal('You accepted this proposal.');
    expect(textOf(part(detail, 'status'))).to.equal('Accepted');
    expect(double.callsOf('proposals.accept')).to.deep.equal([[proposal.id]]);
  });

  it('declines with the keyboard alone: reason, Tab to Confirm, Enter', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(detail, 'decline'), 'focus on decline').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(detail, 'reason'), 'focus on the reason');
    await sendKeys({ type: 'Too expensive' });
    await sendKeys({ press: 'Tab' });
    expect(hasFocus(detail, 'confirm'), 'focus on confirm').to.equal(true);

    const heard = oneEvent(detail, 'taba-proposal-declined');
    await sendKeys({ press: 'Enter' });
    await heard;
    await waitUntil(() => hasFocus(detail, 'outcome'), 'focus on the outcome');
    expect(textOf(part(detail, 'outcome'))).to.equal('You declined this proposal.');
    expect(double.callsOf('proposals.decline')).to.deep.equal([[proposal.id, { reason: 'Too expensive' }]]);
  });

  it('Escape cancels the confirmation and returns focus to the button that opened it', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    part<HTMLButtonElement>(detail, 'decline')!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => hasFocus(detail, 'reason'), 'focus on the reason');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => hasFocus(detail, 'decline'), 'focus back on Decline');
    expect(part(detail, 'confirmation')).to.equal(null);
    expect(double.callsOf('proposals.decline')).to.deep.equal([]);
  });

  it('focus() moves to the heading once the proposal is shown, or to Retry when it cannot load', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const release = double.hold();
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-proposal-detail proposal-id=${proposal.id}></taba-proposal-detail>
      </test-portal-provider>
    `);
    const detail = provider.querySelector('taba-proposal-detail')!;
    detail.focus();
    release();
    await waitUntil(() => hasFocus(detail, 'title'), 'focus on the heading');
    expect(part(detail, 'title')!.localName).to.equal('h3');

    const missing = new PortalApiDouble([]);
    const other = await fixture(html`
      <test-portal-provider .client=${missing}>
        <taba-proposal-detail proposal-id="prop_gone01"></taba-proposal-detail>
      </test-portal-provider>
    `);
    const failed = other.querySelector('taba-proposal-detail')!;
    failed.focus();
    await waitUntil(() => hasFocus(failed, 'retry'), 'focus on Retry');
    expect(textOf(part(failed, 'error'))).to.contain('Proposal not found');
    expect(textOf(part(failed, 'error-advice'))).to.equal(
      'It may have been withdrawn. Go back to the list, or ask the business that shares this portal with you.',
    );
  });
});

describe('<taba-proposal-detail> accessibility (WCAG 2.2 AA)', () => {
  const pending = () => proposalFixture({ title: 'Monthly support', summary: 'Two days of support a month.' });

  it('has no violations while loading, loaded, and confirming an accept', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const release = double.hold();
    const provider = await fixture(html`
      <test-portal-provider .client=${double}>
        <taba-proposal-detail proposal-id=${proposal.id}></taba-proposal-detail>
      </test-portal-provider>
    `);
    const detail = provider.querySelector('taba-proposal-detail')!;
    expect(part(detail, 'loading')).not.to.equal(null);
    await expectAccessible(detail, 'loading');
    release();
    await waitUntil(() => part(detail, 'title'), 'proposal shown');
    await expectAccessible(detail, 'loaded, pending');

    button(detail, 'Accept').click();
    await detail.updateComplete;
    await expectAccessible(detail, 'confirm accept');

    const holdAccept = double.hold();
    button(detail, 'Confirm').click();
    await waitUntil(() => part(detail, 'confirmation')?.getAttribute('aria-busy') === 'true', 'accepting');
    await expectAccessible(detail, 'accepting');
    holdAccept();
    await waitUntil(() => part(detail, 'outcome'), 'outcome shown');
    await expectAccessible(detail, 'accepted, with outcome');
  });

  it('has no violations with the confirm-decline step open, and once declined', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);
    button(detail, 'Decline').click();
    await detail.updateComplete;
    part<HTMLTextAreaElement>(detail, 'reason')!.focus();
    await sendKeys({ type: 'Budget moved' });
    await expectAccessible(detail, 'confirm decline');

    button(detail, 'Confirm').click();
    await oneEvent(detail, 'taba-proposal-declined');
    await detail.updateComplete;
    await expectAccessible(detail, 'declined, with reason');
  });

  it('has no violations when deciding failed, or loading failed', async () => {
    const proposal = pending();
    const double = new PortalApiDouble([proposal]);
    double.failNext(
      'proposals.accept',
      new ConflictError({
        type: 'about:blank',
        title: 'Proposal expired',
        status: 409,
        code: 'proposal_expired',
        detail: 'This proposal expired; ask for a new one.',
      }),
    );
    const detail = await renderDetail(double, proposal);
    button(detail, 'Accept').click();
    await detail.updateComplete;
    button(detail, 'Confirm').click();
    await waitUntil(() => part(detail, 'error'), 'error alert');
    expect(textOf(part(detail, 'error'))).to.contain('ask for a new one');
    await expectAccessible(detail, 'accept failed');

    const missing = new PortalApiDouble([]);
    missing.failNext(
      'proposals.retrieve',
      new NotFoundError({ type: 'about:blank', title: 'Proposal not found', status: 404, code: 'not_found', requestId: 'req_2' }),
    );
    const provider = await fixture(html`
      <test-portal-provider .client=${missing}>
        <taba-proposal-detail proposal-id="prop_gone01"></taba-proposal-detail>
      </test-portal-provider>
    `);
    const failed = provider.querySelector('taba-proposal-detail')!;
    await waitUntil(() => part(failed, 'error'), 'error alert');
    await expectAccessible(failed, 'load error');
  });

  it('has no violations for decided and expired proposals, and without a proposal or a client', async () => {
    for (const status of ['accepted', 'declined', 'expired'] as const) {
      const proposal = proposalFixture({
        status,
        decidedAt: status === 'expired' ? null : '2026-11-20T08:00:00.000Z',
        declineReason: status === 'declined' ? 'Out of budget' : null,
      });
      await expectAccessible(await renderDetail(new PortalApiDouble([proposal]), proposal), status);
    }
    const provider = await fixture(html`
      <test-portal-provider .client=${new PortalApiDouble()}><taba-proposal-detail></taba-proposal-detail></test-portal-provider>
    `);
    await expectAccessible(provider.querySelector('taba-proposal-detail')!, 'no proposal selected');
    const alone = await fixture<TabaProposalDetail>(html`<taba-proposal-detail proposal-id="prop_x1"></taba-proposal-detail>`);
    await expectAccessible(alone, 'not connected');
  });
});

describe('<taba-proposal-detail> "Ask a question"', () => {
  it('starts the conversation about this proposal with the first message', async () => {
    const proposal = proposalFixture({ title: 'Monthly support', status: 'accepted', decidedAt: '2026-11-20T08:00:00.000Z' });
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);

    button(detail, 'Ask a question').click();
    await detail.updateComplete;
    expect(buttonByText(detail, 'Ask a question'), 'the button gives way to the conversation').to.equal(null);
    const thread = part(detail, 'thread') as HTMLElementTagNameMap['taba-message-thread'];
    expect(thread.localName).to.equal('taba-message-thread');
    await waitUntil(() => hasFocus(thread, 'title'), "focus on the conversation's heading");
    expect(textOf(part(thread, 'title'))).to.equal('New conversation');
    expect(double.callsOf('threads.list')).to.deep.equal([[{ subjectType: 'proposal', subjectId: proposal.id, limit: 1 }]]);

    const field = part<HTMLTextAreaElement>(thread, 'message-input')!;
    field.focus();
    await sendKeys({ type: 'Can we pause in August?' });
    const created = oneEvent(detail, 'taba-thread-created');
    part<HTMLButtonElement>(thread, 'send')!.click();
    const event = await created;
    expect(event.detail.thread.subject).to.deep.equal({ type: 'proposal', id: proposal.id });
    expect(event.detail.thread.title).to.equal('Monthly support');
    expect(double.threadStore).to.have.length(1);
  });

  it('opens the conversation already about this proposal instead of starting another', async () => {
    const proposal = proposalFixture({ title: 'Website redesign' });
    const double = new PortalApiDouble([proposal]);
    const existing = double.addThread(
      threadFixture({ title: 'Website redesign', subject: { type: 'proposal', id: proposal.id } }),
    );
    double.messageStore.get(existing.id)!.push(messageFixture(existing.id, { body: 'Happy to answer questions.' }));
    const detail = await renderDetail(double, proposal);
    expect(part(detail, 'actions'), 'Accept and Decline stay').not.to.equal(null);

    button(detail, 'Ask a question').click();
    await detail.updateComplete;
    const thread = part(detail, 'thread')!;
    await waitUntil(() => part(thread, 'body'), 'existing conversation shown');
    expect(textOf(part(thread, 'body'))).to.equal('Happy to answer questions.');
    expect(textOf(part(thread, 'title'))).to.equal('Website redesign');
  });

  it('has no violations with the conversation open', async function () {
    this.timeout(10_000);
    const proposal = proposalFixture();
    const double = new PortalApiDouble([proposal]);
    const detail = await renderDetail(double, proposal);
    await expectAccessible(detail, 'with Ask a question');
    button(detail, 'Ask a question').click();
    await detail.updateComplete;
    await waitUntil(() => part(part(detail, 'thread')!, 'composer'), 'conversation shown');
    await expectAccessible(detail, 'conversation open');
  });
});
