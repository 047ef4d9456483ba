/**
 * A tenant's own frontend on the SDK alone, no elements: it lists the customer's proposals and
 * invoices and accepts a proposal, with its own markup and words. The `PortalClient` starts the
 * session (through this site's backend), renews its tokens and retries what may be retried; the
 * page only calls its methods.
 *
 * Plain DOM (`document.createElement`, `textContent`), so nothing is parsed as HTML. Bundled by
 * examples/hosts.rollup.config.js and served by examples/host-site.ts under a CSP without
 * 'unsafe-inline' or 'unsafe-eval'.
 */
// A tenant writes `from 'taba-portal/sdk'`.
import { PortalClient, TabaError, type PortalInvoiceCard, type PortalProposal } from '../../sdk/index.js';

/** The portal server, as this site's backend wrote it into the page. */
const apiBase = document.querySelector<HTMLMetaElement>('meta[name="taba-portal-api-base"]')?.content ?? '';

/**
 * Asks this site's backend, which holds the API key, for a single-use client secret. The client
 * calls it for its first request and again whenever its session has ended.
 */
async function fetchClientSecret(): Promise<string> {
  const response = await fetch('/portal-session', { method: 'POST' });
  const answer = (await response.json().catch(() => ({}))) as { clientSecret?: string; detail?: string };
  if (!response.ok || !answer.clientSecret) throw new Error(answer.detail ?? `Could not start a portal session (HTTP ${response.status}).`);
  return answer.clientSecret;
}

const client = new PortalClient({ apiBase, fetchClientSecret });

const STATUS_LABELS: Record<string, string> = {
  pending: 'Waiting for you',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  open: 'Open',
  partially_paid: 'Partly paid',
  paid: 'Paid',
  overdue: 'Overdue',
  void: 'Void',
};

/** An element with text or children; never HTML. */
function el<Tag extends keyof HTMLElementTagNameMap>(tag: Tag, props: Partial<HTMLElementTagNameMap[Tag]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[Tag] {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
}

/** Integer minor units in their currency, e.g. 125000 USD → $1,250.00. */
function money(amount: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

/** What went wrong, in words a customer can act on. */
function describe(error: unknown): string {
  if (error instanceof TabaError) return error.detail ?? error.message;
  return error instanceof Error ? error.message : String(error);
}

const proposalsList = el('ul', { className: 'cards' });
const invoicesList = el('ul', { className: 'cards' });
const notice = el('p', { className: 'notice' });
notice.setAttribute('role', 'status');

function proposalCard(proposal: PortalProposal): HTMLLIElement {
  const status = el('span', { className: `status status-${proposal.status}` }, STATUS_LABELS[proposal.status] ?? proposal.status);
  const card = el(
    'li',
    { className: 'card' },
    el('h3', {}, proposal.title),
    el('p', {}, `${proposal.number} · ${money(proposal.fee.amount, proposal.fee.currency)} · `, status),
  );
  if (proposal.status === 'pending') {
    const accept = el('button', { type: 'button', textContent: `Accept ${proposal.title}` });
    accept.addEventListener('click', () => void acceptProposal(proposal, accept));
    card.append(accept);
  }
  return card;
}

function invoiceCard(invoice: PortalInvoiceCard): HTMLLIElement {
  return el(
    'li',
    { className: 'card' },
    el('h3', {}, `Invoice ${invoice.number}`),
    el(
      'p',
      {},
      `${money(invoice.total, invoice.currency)} · due ${invoice.dueDate} · `,
      el('span', { className: `status status-${invoice.status}` }, STATUS_LABELS[invoice.status] ?? invoice.status),
    ),
  );
}

/** Both lists, first page each, fetched together (one session, one token renewal for both). */
async function load(): Promise<void> {
  notice.textContent = 'Loading…';
  try {
    const [proposals, invoices] = await Promise.all([client.proposals.list(), client.invoices.list({ tab: 'all' })]);
    proposalsList.replaceChildren(...(proposals.items.length ? proposals.items.map(proposalCard) : [el('li', {}, 'No proposals yet.')]));
    invoicesList.replaceChildren(...(invoices.items.length ? invoices.items.map(invoiceCard) : [el('li', {}, 'No invoices yet.')]));
    notice.textContent = '';
  } catch (error) {
    notice.textContent = `Could not load your documents: ${describe(error)}`;
  }
}

async function acceptProposal(proposal: PortalProposal, button: HTMLButtonElement): Promise<void> {
  button.disabled = true;
  try {
    const accepted = await client.proposals.accept(proposal.id);
    button.closest('li')?.replaceWith(proposalCard(accepted));
    notice.textContent = `You accepted ${accepted.title}.`;
  } catch (error) {
    button.disabled = false;
    notice.textContent = `Could not accept ${proposal.title}: ${describe(error)}`;
  }
}

const refresh = el('button', { type: 'button', textContent: 'Refresh' });
refresh.addEventListener('click', () => void load());

document.getElementById('app')?.append(
  el('header', { className: 'site-header' }, el('p', { className: 'brand' }, 'Northwind Studio'), refresh),
  el(
    'main',
    {},
    el('h1', {}, 'Your documents'),
    notice,
    el(
      'div',
      { className: 'side-by-side' },
      el('section', {}, el('h2', {}, 'Proposals'), proposalsList),
      el('section', {}, el('h2', {}, 'Invoices'), invoicesList),
    ),
  ),
);
void load();
