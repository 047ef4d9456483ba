import { provide } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';

/** The smallest possible context provider: proves a widget works outside `<taba-portal>`. */
export class TestPortalProvider extends LitElement {
  @provide({ context: portalClientContext })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  override render(): unknown {
    return html`<slot></slot>`;
  }
}

if (!customElements.get('test-portal-provider')) customElements.define('test-portal-provider', TestPortalProvider);

declare global {
  interface HTMLElementTagNameMap {
    'test-portal-provider': TestPortalProvider;
  }
}
