import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { PortalElement } from '../shared/portal-element.js';
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
 * @attr {'light' | 'dark'} theme - The colour theme. Without it the element follows the `<taba-portal>` (or other element) it is in, else `--taba-color-scheme`, else the system's (`prefers-color-scheme`). See docs/theming.md.
 *
 * @cssprop --taba-color-scheme - The themes followed without a `theme` attribute: `light dark` (the system's), `light` or `dark`.
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-line-height - Line height of text.
 * @cssprop --taba-color-background - The element's own background (in light, none: the page shows through).
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Labels, dates and other secondary text.
 * @cssprop --taba-color-surface - Background of cards, rows, tables, buttons and fields.
 * @cssprop --taba-color-border - Borders of cards, rows, tables and buttons.
 * @cssprop --taba-color-field-border - Borders of text fields and selects (at least 3:1 against the surface).
 * @cssprop --taba-color-accent - Titles that open an item, links, primary buttons, the current tab.
 * @cssprop --taba-color-on-accent - Text on the accent: primary buttons, unread counts.
 * @cssprop --taba-color-accent-surface - A background tinted with the accent: a proof just sent, the team's messages.
 * @cssprop --taba-color-team-surface - Background of the team's messages and comments (defaults to the accent surface).
 * @cssprop --taba-color-focus - Focus ring (defaults to the accent).
 * @cssprop --taba-color-danger - Errors, overdue dates, the confirm-decline button.
 * @cssprop --taba-color-on-danger - Text on the danger colour.
 * @cssprop --taba-color-danger-surface - Background of error alerts and of declined, overdue or returned badges.
 * @cssprop --taba-color-warning - Text of waiting badges (pending, sent, awaiting response) and "expires soon".
 * @cssprop --taba-color-warning-surface - Background of those.
 * @cssprop --taba-color-success - Text of done badges (accepted, approved, paid, delivered).
 * @cssprop --taba-color-success-surface - Background of those.
 * @cssprop --taba-color-info - Text of moving badges (open, in progress, under review, in transit).
 * @cssprop --taba-color-info-surface - Background of those.
 * @cssprop --taba-color-neutral - Text of finished badges and notes (expired, void, cancelled, closed).
 * @cssprop --taba-color-neutral-surface - Background of those.
 * @cssprop --taba-radius - Corner radius of cards, buttons and fields.
 * @cssprop --taba-radius-badge - Corner radius of badges (a pill by default).
 * @cssprop --taba-space - Inner spacing of cards, alerts and notes.
 */
export class TabaAcceptanceCard extends PortalElement {
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
