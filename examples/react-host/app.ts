/**
 * A React 19 single-page app embedding the portal, with two pages: "Client area" shows the whole
 * portal (`<TabaPortal>`), "Overview" shows the proposal and invoice widgets side by side and the
 * proposal chosen in the list below them.
 *
 * Both pages use ONE `PortalClient`, made once for the app: every element on either page shares its
 * session, so changing pages (React removes one page's elements and inserts the other's) starts no
 * new session, and the client renews its tokens once for all of them.
 *
 * No JSX: `h` is React's `createElement`. Bundled by examples/hosts.rollup.config.js and served by
 * examples/host-site.ts under a CSP without 'unsafe-inline' or 'unsafe-eval'.
 */
import { createElement as h, Fragment, StrictMode, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
// A tenant writes `from 'taba-portal/react'` and `from 'taba-portal/sdk'`.
import { TabaInvoiceList, TabaPortal, TabaProposalDetail, TabaProposalList } from '../../elements/react/index.js';
import { PortalClient } from '../../sdk/portal-client.js';

/** The portal server, as this site's backend wrote it into the page. */
const apiBase = document.querySelector<HTMLMetaElement>('meta[name="taba-portal-api-base"]')?.content ?? '';

/**
 * Asks this site's backend, which holds the API key, for a single-use client secret. The client
 * calls it for its first request and again whenever its session has ended.
 */
async function fetchClientSecret(): Promise<string> {
  const response = await fetch('/portal-session', { method: 'POST' });
  const answer = (await response.json().catch(() => ({}))) as { clientSecret?: string; detail?: string };
  // The backend relays the portal server's problem; its detail says what to fix, and the elements show it.
  if (!response.ok || !answer.clientSecret) throw new Error(answer.detail ?? `Could not start a portal session (HTTP ${response.status}).`);
  return answer.clientSecret;
}

/** One client, one session, for every element on every page of the app. */
const client = new PortalClient({ apiBase, fetchClientSecret });

type Page = 'client-area' | 'overview';

const PAGES: { id: Page; label: string }[] = [
  { id: 'client-area', label: 'Client area' },
  { id: 'overview', label: 'Overview' },
];

function App(): ReactNode {
  const [page, setPage] = useState<Page>('client-area');
  return h(
    Fragment,
    null,
    h(
      'header',
      { className: 'site-header' },
      h('p', { className: 'brand' }, 'Northwind Studio'),
      h(
        'nav',
        { 'aria-label': 'Site' },
        PAGES.map(({ id, label }) =>
          h('button', { key: id, type: 'button', 'aria-current': page === id ? 'page' : undefined, onClick: () => setPage(id) }, label),
        ),
      ),
    ),
    h('main', null, page === 'client-area' ? h(ClientArea) : h(Overview)),
  );
}

/** The whole portal: navigation, every section, and the widgets inside it all use `client`. */
function ClientArea(): ReactNode {
  return h(Fragment, null, h('h1', null, 'Your client area'), h(TabaPortal, { client }));
}

/** Two widgets side by side, and the proposal chosen in the list below them: all on the same client. */
function Overview(): ReactNode {
  const [proposalId, setProposalId] = useState<string | undefined>();
  return h(
    Fragment,
    null,
    h('h1', null, 'Overview'),
    h(
      'div',
      { className: 'side-by-side' },
      h('section', { 'aria-labelledby': 'proposals-heading' }, h('h2', { id: 'proposals-heading' }, 'Proposals'), h(TabaProposalList, {
        client,
        onProposalSelect: (event) => setProposalId(event.detail.proposal.id),
      })),
      h('section', { 'aria-labelledby': 'invoices-heading' }, h('h2', { id: 'invoices-heading' }, 'Invoices'), h(TabaInvoiceList, { client })),
    ),
    proposalId ? h('section', { 'aria-label': 'Chosen proposal' }, h(TabaProposalDetail, { client, proposalId })) : null,
  );
}

const root = document.getElementById('app');
if (root) createRoot(root).render(h(StrictMode, null, h(App)));
