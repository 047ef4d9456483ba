import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
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
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - The number and secondary text.
 * @cssprop --taba-color-surface - Background.
 * @cssprop --taba-color-border - Border, and the empty part of the progress bar.
 * @cssprop --taba-color-accent - The filled part of the progress bar, focus colour.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaRequestProgress extends LitElement {
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
