import { consume } from '@lit/context';
import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalAcceptanceCard } from '../../sdk/contract/acceptances.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { acceptanceCard } from '../taba-acceptance-card/acceptance-card.template.js';
import { acceptanceStrings } from '../taba-acceptance-card/acceptance.strings.js';
import { acceptanceCardStyles } from '../taba-acceptance-card/taba-acceptance-card.styles.js';
import { acceptanceListStyles } from './taba-acceptance-list.styles.js';

/**
 * @tagname taba-acceptance-list
 * @summary The documents the team sent the signed-in contact's customer for formal acceptance,
 * as cards: pending ones first (soonest expiry first), then the rest, newest first; one page at a time.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * While an expiry is less than 48 hours away its date shows in amber, with "less than 48 hours
 * left" in words next to it.
 *
 * @event taba-acceptance-select - The contact pressed "Review & Accept" on a pending acceptance (or
 *   "View" on another); `event.detail.acceptance` is the chosen `PortalAcceptanceCard`.
 *
 * @csspart list - The list of acceptances.
 * @csspart card - One acceptance.
 * @csspart title - The acceptance's title (a heading).
 * @csspart status - The status badge, with `status-pending`, `status-accepted` or `status-expired`.
 * @csspart meta - The line with the document, project and dates.
 * @csspart document-name - The name of the document to accept.
 * @csspart project - The project's name, when the document belongs to one.
 * @csspart sent - The sent date.
 * @csspart expires - The expiry date (or the date it expired), with `expires-soon` while less than 48 hours are left.
 * @csspart accepted-on - The date it was accepted.
 * @csspart select - The "Review & Accept" button (pending) or "View" button.
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first acceptance's button.
 * @csspart loading - Shown while the first page loads.
 * @csspart empty - Shown when there are no acceptances.
 * @csspart notice - Shown when no portal client is provided.
 * @csspart error - The alert shown when loading failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the error alert.
 *
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Card background.
 * @cssprop --taba-color-border - Card border.
 * @cssprop --taba-color-accent - "Review & Accept" buttons and focus colour.
 * @cssprop --taba-color-on-accent - Text on the "Review & Accept" buttons.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaAcceptanceList extends LitElement {
  static override styles = [baseStyles, acceptanceCardStyles, acceptanceListStyles];

  /** How many acceptances to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #list = new PagedListController<PortalAcceptanceCard>(this, {
    load: (client, query) => client.acceptances.list(query),
    labels: () => acceptanceStrings,
    rowSelector: "[part~='card']",
    focusSelector: "[part~='select']",
  });

  /** Reloads the list from its first page, e.g. after an acceptance was accepted. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override render(): unknown {
    return this.#list.render((acceptances, busy) => this.#renderAcceptances(acceptances, busy));
  }

  #renderAcceptances(acceptances: PortalAcceptanceCard[], busy: boolean): TemplateResult {
    if (acceptances.length === 0) {
      return html`<p part="empty" role="status">${acceptanceStrings.empty}</p>`;
    }
    return html`
      <ul part="list" aria-label=${acceptanceStrings.listLabel} aria-busy=${busy ? 'true' : 'false'}>
        ${acceptances.map(
          (acceptance) =>
            html`<li part="card">${acceptanceCard(acceptance, () => emit(this, 'taba-acceptance-select', { acceptance }))}</li>`,
        )}
      </ul>
      ${this.#list.renderMore()}
    `;
  }
}
