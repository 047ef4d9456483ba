import { expect, waitUntil } from '@open-wc/testing';

// This file imports the browser bundle's entry itself, after the page holds a widget tag: no
// other module of the test page has defined any taba element before.
describe('elements/browser (the bundle entry)', () => {
  it("defines the shell and sign-in at once, a section's elements only when loaded, and a widget on the page when idle", async function () {
    // The test server compiles each section's modules on first import: give it time.
    this.timeout(20_000);
    const widget = document.createElement('taba-statement');
    document.body.append(widget);
    try {
      expect(customElements.get('taba-statement'), 'nothing defined before the entry runs').to.equal(undefined);
      const entry = await import('./browser.js');
      expect(customElements.get('taba-portal')).to.equal(entry.TabaPortal);
      expect(customElements.get('taba-login')).to.equal(entry.TabaLogin);
      expect('TabaDeliveryList' in entry, 'no element class of a section in the entry').to.equal(false);
      expect(entry.PORTAL_SECTIONS.map((section) => section.id)).to.include.members(['statements', 'deliveries']);
      // A plain page makes one client and hands it to the widgets it places itself.
      expect(new entry.PortalClient({ apiBase: 'https://portal.example.test', clientSecret: 'pcs_example' }).canAuthenticate).to.equal(true);

      // The page holds <taba-statement>: the entry loads the sections when the browser is idle.
      await waitUntil(() => customElements.get('taba-statement') !== undefined, 'the widget on the page defined', { timeout: 10_000 });
      expect(widget.shadowRoot, 'and upgraded').not.to.equal(null);

      // What a section's load resolves to exports its element classes; loadSection shares the idle
      // prefetch's load and records it once resolved.
      const deliveries = (await entry.loadSection(entry.deliveriesSection)) as Record<string, unknown>;
      expect(customElements.get('taba-delivery-timeline')).to.equal(deliveries['TabaDeliveryTimeline']);
      expect(entry.isSectionLoaded(entry.deliveriesSection)).to.equal(true);
    } finally {
      widget.remove();
    }
  });
});
