import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ConflictError } from '../../sdk/errors.js';
import type { PortalProposal } from '../../sdk/contract/proposals.js';
import { buttonByText, part, textOf } from '../test-support/dom.js';
import { PortalApiDouble, proposalFixture } from '../test-support/portal-api-double.js';
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
    expect(textOf(part(detail, 'reason-count'))).to.equal(`${2000 - 'Budget moved to Q3'.length} characters left`);

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
