import { html, nothing, type TemplateResult } from 'lit';
import { failedCall, failureAdvice, failureMessage } from './problem.js';
import { strings } from './strings.js';

/** A polite live region telling that something is loading. */
export function loadingStatus(text: string): TemplateResult {
  return html`<p part="loading" role="status">${text}</p>`;
}

/**
 * An alert explaining why something failed: what we tried (`summary`), what the server said,
 * what to do when that does not say it, the request id to quote to the tenant, and optionally a
 * Retry button.
 */
export function errorAlert(error: unknown, summary: string | null, retry?: () => void): TemplateResult {
  const requestId = failedCall(error)?.requestId;
  const advice = failureAdvice(error);
  return html`
    <div part="error" role="alert">
      ${summary ? html`<p part="error-summary"><strong>${summary}</strong></p>` : nothing}
      <p part="error-message">${failureMessage(error)}</p>
      ${advice ? html`<p part="error-advice">${advice}</p>` : nothing}
      ${requestId ? html`<p part="error-reference">${strings.common.errorReference(requestId)}</p>` : nothing}
      ${retry
        ? html`<button type="button" part="retry" @click=${retry}>${strings.common.retry}</button>`
        : nothing}
    </div>
  `;
}
