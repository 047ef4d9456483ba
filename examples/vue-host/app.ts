/**
 * A Vue 3 single-page app embedding the portal, with two pages: "Client area" shows the whole
 * portal (`<taba-portal>`), "Overview" shows the proposal and invoice widgets side by side and the
 * proposal chosen in the list below them.
 *
 * Vue's runtime-only build with render functions (`h`): no template is compiled in the browser,
 * which would need 'unsafe-eval'. The `taba-*` tags are plain custom elements to Vue: `h` with a
 * tag name creates the element, an `on…` prop listens to its event (`onTabaProposalSelect` for
 * `taba-proposal-select`), and any other prop the element has (`client`, `proposalId`) is set as
 * a property.
 *
 * Both pages use ONE `PortalClient`, made once for the app, so changing pages (Vue removes one
 * page's elements and inserts the other's) starts no new session. It is kept out of Vue's reactive
 * state: a reactive proxy of it could not reach its private fields.
 */
import { createApp, defineComponent, h, ref, type VNode } from 'vue';
// A tenant writes `import 'taba-portal/elements'` and `from 'taba-portal/sdk'`; importing the elements defines them.
import '../../elements/index.js';
import type { ProposalEventDetail } from '../../elements/shared/events.js';
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

/** One client, one session, for every element on every page of the app (not reactive state: see above). */
const client = new PortalClient({ apiBase, fetchClientSecret });

type Page = 'client-area' | 'overview';

const PAGES: { id: Page; label: string }[] = [
  { id: 'client-area', label: 'Client area' },
  { id: 'overview', label: 'Overview' },
];

/** The whole portal: navigation, every section, and the widgets inside it all use `client`. */
const ClientArea = defineComponent(() => (): VNode[] => [h('h1', 'Your client area'), h('taba-portal', { client })]);

/** Two widgets side by side, and the proposal chosen in the list below them: all on the same client. */
const Overview = defineComponent(() => {
  const proposalId = ref<string>();
  const choose = (event: CustomEvent<ProposalEventDetail>) => {
    proposalId.value = event.detail.proposal.id;
  };
  return (): VNode[] => [
    h('h1', 'Overview'),
    h('div', { class: 'side-by-side' }, [
      h('section', { 'aria-labelledby': 'proposals-heading' }, [
        h('h2', { id: 'proposals-heading' }, 'Proposals'),
        h('taba-proposal-list', { client, onTabaProposalSelect: choose }),
      ]),
      h('section', { 'aria-labelledby': 'invoices-heading' }, [h('h2', { id: 'invoices-heading' }, 'Invoices'), h('taba-invoice-list', { client })]),
    ]),
    ...(proposalId.value ? [h('section', { 'aria-label': 'Chosen proposal' }, [h('taba-proposal-detail', { client, proposalId: proposalId.value })])] : []),
  ];
});

const App = defineComponent(() => {
  const page = ref<Page>('client-area');
  return (): VNode[] => [
    h('header', { class: 'site-header' }, [
      h('p', { class: 'brand' }, 'Northwind Studio'),
      h(
        'nav',
        { 'aria-label': 'Site' },
        PAGES.map(({ id, label }) =>
          h('button', { key: id, type: 'button', 'aria-current': page.value === id ? 'page' : undefined, onClick: () => (page.value = id) }, label),
        ),
      ),
    ]),
    h('main', [page.value === 'client-area' ? h(ClientArea) : h(Overview)]),
  ];
});

// Templates would need to be told that `taba-*` tags are custom elements, not Vue components: in
// the template compiler's options at build time (`compilerOptions.isCustomElement`, see
// docs/hosts.md). The runtime-only build ignores (and in development warns about)
// `app.config.compilerOptions`, and `h('taba-…')` never looks for a component of that name.
createApp(App).mount('#app');
