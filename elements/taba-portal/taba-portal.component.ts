import { provide } from '@lit/context';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalClient } from '../../sdk/portal-client.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import type { ProposalEventDetail } from '../shared/events.js';
import { strings } from '../shared/strings.js';
import '../taba-profile/taba-profile.js';
import '../taba-proposal-detail/taba-proposal-detail.js';
import '../taba-proposal-list/taba-proposal-list.js';
import { portalStyles } from './taba-portal.styles.js';

/** The portal's sections in navigation order; a new section is one entry here and one in `strings`. */
export const PORTAL_SECTIONS = ['proposals', 'profile'] as const;
export type PortalSection = (typeof PORTAL_SECTIONS)[number];

/**
 * @summary The whole customer portal: signs in with a portal session, shows navigation and the
 * section the contact chose, and hands the client to every widget inside it.
 *
 * Give it `api-base` plus either `client-secret` (minted by your backend with
 * `POST /v1/workspace/portal-sessions`) or a `fetchClientSecret` callback; or set `client` to any
 * object with the `PortalApi` shape. Widgets placed inside (in its light DOM or its own views)
 * get the client through `portalClientContext`.
 *
 * @slot signed-out - Shown when there is no portal session; defaults to a short explanation.
 *
 * @event taba-proposal-select - Re-dispatched from the proposal list; see `<taba-proposal-list>`.
 * @event taba-proposal-accepted - From the proposal detail; see `<taba-proposal-detail>`.
 * @event taba-proposal-declined - From the proposal detail; see `<taba-proposal-detail>`.
 *
 * @csspart nav - The navigation landmark.
 * @csspart nav-list - The list of sections.
 * @csspart nav-item - A section button; the current one also has `nav-item-current`.
 * @csspart content - The area showing the current section.
 * @csspart heading - The current section's heading.
 * @csspart back - The button returning from a proposal to the list.
 * @csspart no-session - The message shown when there is no portal session.
 *
 * @cssprop --taba-font-family - Font stack, inherited by every widget.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Background of rows, buttons and fields.
 * @cssprop --taba-color-border - Borders, and the line under the navigation.
 * @cssprop --taba-color-accent - Current section, links, primary buttons, focus.
 * @cssprop --taba-color-on-accent - Text on primary buttons.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Errors and the confirm-decline button.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaPortal extends LitElement {
  static override styles = [baseStyles, portalStyles];

  /** Base URL of the taba-portal server, e.g. `https://portal.example.com`. */
  @property({ attribute: 'api-base' })
  accessor apiBase: string | undefined;

  /** A single-use secret minted by the tenant backend; exchanged for tokens on first use. */
  @property({ attribute: 'client-secret' })
  accessor clientSecret: string | undefined;

  /** Called for a fresh client secret whenever a new session is needed. */
  @property({ attribute: false })
  accessor fetchClientSecret: (() => Promise<string>) | undefined;

  /**
   * The client every widget uses. Created from `api-base` with `client-secret` or
   * `fetchClientSecret`, and recreated when they change; may instead be set to any `PortalApi`.
   */
  @provide({ context: portalClientContext })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** The section shown. */
  @property({ reflect: true })
  accessor section: PortalSection = 'proposals';

  /** The proposal opened from the list, if any. */
  @state()
  private accessor openProposalId: string | null = null;

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const sessionChanged =
      changed.has('apiBase') || changed.has('clientSecret') || changed.has('fetchClientSecret');
    // A client set in the same update wins over one built from the session inputs.
    if (sessionChanged && !changed.has('client')) this.client = this.#createClient();
    if (changed.has('section') || changed.has('client')) this.openProposalId = null;
  }

  override render(): TemplateResult {
    if (!this.client) {
      return html`
        <div part="no-session" role="status">
          <slot name="signed-out">
            <p><strong>${strings.portal.noSessionTitle}</strong></p>
            <p>${strings.portal.noSessionDetail}</p>
          </slot>
        </div>
      `;
    }
    return html`
      <nav part="nav" aria-label=${strings.portal.navLabel}>
        <ul part="nav-list">
          ${PORTAL_SECTIONS.map((section) => this.#renderNavItem(section))}
        </ul>
      </nav>
      <div part="content">
        <h2 part="heading" tabindex="-1">${strings.portal.sections[this.section]}</h2>
        ${this.#renderSection()}
      </div>
    `;
  }

  #renderNavItem(section: PortalSection): TemplateResult {
    const current = section === this.section;
    return html`
      <li>
        <button
          type="button"
          part=${current ? 'nav-item nav-item-current' : 'nav-item'}
          aria-current=${current ? 'page' : nothing}
          @click=${() => this.#show(section)}
        >
          ${strings.portal.sections[section]}
        </button>
      </li>
    `;
  }

  #renderSection(): TemplateResult {
    switch (this.section) {
      case 'proposals':
        return html`
          <taba-proposal-list
            ?hidden=${this.openProposalId !== null}
            @taba-proposal-select=${this.#onProposalSelect}
          ></taba-proposal-list>
          ${this.openProposalId === null
            ? nothing
            : html`
                <button type="button" part="back" @click=${this.#onBack}>${strings.portal.backToProposals}</button>
                <taba-proposal-detail
                  proposal-id=${this.openProposalId}
                  @taba-proposal-accepted=${this.#onProposalDecided}
                  @taba-proposal-declined=${this.#onProposalDecided}
                ></taba-proposal-detail>
              `}
        `;
      case 'profile':
        return html`<taba-profile></taba-profile>`;
    }
  }

  #createClient(): PortalApi | undefined {
    const { apiBase, clientSecret, fetchClientSecret } = this;
    if (!apiBase || (!clientSecret && !fetchClientSecret)) return undefined;
    return new PortalClient({ apiBase, clientSecret, fetchClientSecret });
  }

  #show(section: PortalSection): void {
    if (section === this.section) {
      this.openProposalId = null;
      return;
    }
    this.section = section;
  }

  readonly #onProposalSelect = (event: CustomEvent<ProposalEventDetail>): void => {
    this.openProposalId = event.detail.proposal.id;
    this.#focusAfterUpdate("[part~='back']");
  };

  readonly #onBack = (): void => {
    this.openProposalId = null;
    this.#focusAfterUpdate("[part~='heading']");
  };

  /** The list stays mounted behind the detail; reload it so it shows the new status on return. */
  readonly #onProposalDecided = (): void => {
    void this.renderRoot.querySelector('taba-proposal-list')?.refresh();
  };

  #focusAfterUpdate(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }
}
