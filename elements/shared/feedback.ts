import { html, nothing, type TemplateResult } from 'lit';
import { strings } from './strings.js';

interface ProblemLike {
  message: string;
  status: number;
  requestId?: string | undefined;
}

/** SDK errors carry the server's problem details; anything else is an unexpected failure. */
function isProblem(error: unknown): error is ProblemLike {
  return error instanceof Error && typeof (error as Partial<ProblemLike>).status === 'number';
}

/** A polite live region telling that something is loading. */
export function loadingStatus(text: string): TemplateResult {
  return html`<p part="loading" role="status">${text}</p>`;
}

/**
 * An alert explaining why something failed: what we tried (`summary`), what the server said,
 * the request id to quote to the tenant, and optionally a Retry button.
 */
export function errorAlert(error: unknown, summary: string | null, retry?: () => void): TemplateResult {
  const problem = isProblem(error) ? error : null;
  return html`
    <div part="error" role="alert">
      ${summary ? html`<p part="error-summary"><strong>${summary}</strong></p>` : nothing}
      <p part="error-message">${problem ? problem.message : strings.common.unexpectedError}</p>
      ${problem?.requestId
        ? html`<p part="error-reference">${strings.common.errorReference(problem.requestId)}</p>`
        : nothing}
      ${retry
        ? html`<button type="button" part="retry" @click=${retry}>${strings.common.retry}</button>`
        : nothing}
    </div>
  `;
}
