import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { strings } from '../shared/strings.js';
import { acceptanceCard } from './acceptance-card.template.js';
import { acceptanceStrings } from './acceptance.strings.js';
import { acceptanceCardStyles } from './taba-acceptance-card.styles.js';

/**
 * @tagname taba-acceptance-card
 * @summary One acceptance as a card, given its id: the same card `<taba-acceptance-list>` shows,
 * for a page that shows a single document to accept.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * While the expiry is less than 48 hours away the date shows in amber, with "less than 48 hours
 * left" in words next to it.
 *
 * @event taba-acceptance-select - The contact pressed "Review & Accept" (or "View" once it is no
 *   longer pending); `event.detail.acceptance` is the acceptance. Show `<taba-acceptance-review>` for it.
 *
 * @csspart card - The card.
 * @csspart title - The acceptance's title (a heading).
 * @csspart status - The status badge, with `status-pending`, `status-accepted` or `status-expired`.
 * @csspart meta - The line with the document, project and dates.
 * @csspart document-name - The name of the document to accept.
 * @csspart project - The project's name, when the document belongs to one.
 * @csspart sent - The sent date.
 * @csspart expires - The expiry date (or the date it expired), with `expires-soon` while less than 48 hours are left.
 * @csspart accepted-on - The date it was accepted.
 * @csspart select - The "Review & Accept" button (pending) or "View" button.
 * @csspart loading - Shown while the acceptance loads.
 * @csspart notice - Shown when there is no client or no `acceptance-id`.
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
 * @cssprop --taba-color-accent - "Review & Accept" button and focus colour.
 * @cssprop --taba-color-on-accent - Text on the "Review & Accept" button.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaAcceptanceCard extends LitElement {
  static override styles = [baseStyles, acceptanceCardStyles];

  /** The id of the acceptance to show (`acc_…`). */
  @property({ attribute: 'acceptance-id', reflect: true })
  accessor acceptanceId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #acceptance = new Task(this, {
    args: () => [this.client, this.acceptanceId] as const,
    task: async ([client, acceptanceId]) => {
      if (!client || !acceptanceId) return initialState;
      return client.acceptances.retrieve(acceptanceId);
    },
  });

  /** Loads the acceptance again, e.g. after it was accepted elsewhere on the page. */
  refresh(): Promise<void> {
    return this.#acceptance.run();
  }

  override render(): unknown {
    return this.#acceptance.render({
      initial: () => html`<p part="notice">${this.client ? acceptanceStrings.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(acceptanceStrings.loadingOne),
      complete: (acceptance) =>
        html`<div part="card">${acceptanceCard(acceptance, () => emit(this, 'taba-acceptance-select', { acceptance }))}</div>`,
      error: (error) => errorAlert(error, acceptanceStrings.loadOneFailed, () => void this.refresh()),
    });
  }
}
