import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { requestSummary } from './request-progress.js';
import { requestSummaryStyles, requestProgressStyles } from './taba-request-progress.styles.js';
import { requestStrings } from './taba-request.strings.js';

/**
 * @tagname taba-request-progress
 * @summary One information request at a glance: its number and title, status, project, sent date
 * and how many of its items the team accepted, as text and as a progress bar.
 *
 * Works alone: give it `request-id` inside `<taba-portal>` or any other provider of
 * `portalClientContext`, and it loads the request itself.
 *
 * @csspart base - The request as a whole.
 * @csspart title - The request's title (a heading), after its number.
 * @csspart number - The request's number, e.g. `REQ-0001`.
 * @csspart meta - The line with the status, the project and the sent date.
 * @csspart status - The status badge, with `status-sent`, `status-in-progress`, `status-completed` or `status-cancelled`.
 * @csspart project - The project the request is about (absent when it is about none).
 * @csspart sent - The date the team sent the request.
 * @csspart progress - The label holding the progress text and bar; also `progress-none` (text only) when the request has no items.
 * @csspart progress-text - How many items were accepted, e.g. "2 of 5 accepted"; the bar's accessible name.
 * @csspart progress-bar - The `<progress>` bar: value accepted, max the item count.
 * @csspart loading - Shown while the request loads.
 * @csspart notice - Shown when there is no client or no `request-id`.
 * @csspart error - The alert shown when loading failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the alert.
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
export class TabaRequestProgress extends PortalElement {
  static override styles = [baseStyles, requestSummaryStyles, requestProgressStyles];

  /** The id of the request to show (`req_…`). */
  @property({ attribute: 'request-id', reflect: true })
  accessor requestId: string | undefined;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #request = new Task(this, {
    args: () => [this.client, this.requestId] as const,
    task: async ([client, requestId]) => {
      if (!client || !requestId) return initialState;
      return client.requests.retrieve(requestId);
    },
  });

  /** Loads the request again, e.g. after one of its items was answered elsewhere on the page. */
  refresh(): Promise<void> {
    return this.#request.run();
  }

  override render(): unknown {
    return this.#request.render({
      initial: () => html`<p part="notice">${this.client ? requestStrings.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(requestStrings.loading),
      complete: (request) => html`<section part="base" aria-labelledby="title">${requestSummary(request)}</section>`,
      error: (error) => errorAlert(error, requestStrings.loadFailed, () => void this.refresh()),
    });
  }
}
