import { html, nothing, type TemplateResult } from 'lit';
import type { PortalRequestCard, PortalRequestStatus } from '../../sdk/contract/requests.js';
import { formatDate } from '../shared/format.js';
import { requestStrings } from './taba-request.strings.js';

/** The status in words (never colour alone); styled through `status-sent`, `status-in-progress`, `status-completed` or `status-cancelled`. */
export function requestStatusBadge(status: PortalRequestStatus): TemplateResult {
  return html`<span part="status status-${status.replace('_', '-')}">${requestStrings.status[status]}</span>`;
}

/**
 * How many items the team accepted, as text ("2 of 5 accepted") and as a bar. The bar is a native
 * `<progress>`: its role is progressbar and its value and max are what a screen reader reads as
 * aria-valuenow and aria-valuemax; the text around it, in the same label, is its accessible name.
 * (A drawn bar would need an inline width, which the hosted page's CSP does not allow.)
 */
export function requestProgressBar(request: Pick<PortalRequestCard, 'acceptedCount' | 'itemCount'>): TemplateResult {
  if (request.itemCount === 0) return html`<p part="progress progress-none">${requestStrings.noItems}</p>`;
  return html`
    <label part="progress">
      <span part="progress-text">${requestStrings.accepted(request.acceptedCount, request.itemCount)}</span>
      <progress part="progress-bar" max=${request.itemCount} value=${request.acceptedCount}></progress>
    </label>
  `;
}

/** The status badge, the project (if any) and the sent date. */
export function requestMeta(request: PortalRequestCard): TemplateResult {
  return html`
    <p part="meta">
      ${requestStatusBadge(request.status)}
      ${request.projectName ? html`<span part="project">${request.projectName}</span>` : nothing}
      <span part="sent"><time datetime=${request.sentAt}>${requestStrings.sentOn(formatDate(request.sentAt))}</time></span>
    </p>
  `;
}

/**
 * Number and title as a heading (`id="title"`, focusable by script), then the meta line and the
 * progress: `<taba-request-progress>` and the head of `<taba-request-detail>`.
 */
export function requestSummary(request: PortalRequestCard): TemplateResult {
  return html`
    <h3 id="title" part="title" tabindex="-1"><span part="number">${request.number}</span> ${request.title}</h3>
    ${requestMeta(request)} ${requestProgressBar(request)}
  `;
}
