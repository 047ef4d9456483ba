import { css, html, nothing, type TemplateResult } from 'lit';
import type { PortalEstimateCard, PortalEstimateStatus } from '../../sdk/contract/estimates.js';
import { formatDay, formatMoney } from '../shared/format.js';
import { estimateStrings } from './taba-estimate.strings.js';

/** The status in words (never colour alone); styled through `status-sent`, `status-approved`, `status-declined`, `status-expired` or `status-converted`. */
export function estimateStatusBadge(status: PortalEstimateStatus): TemplateResult {
  return html`<span part="status status-${status}">${estimateStrings.status[status]}</span>`;
}

/** The status, the total, the valid-until date and the project (if any). */
export function estimateMeta(estimate: PortalEstimateCard): TemplateResult {
  return html`
    <p part="meta">
      ${estimateStatusBadge(estimate.status)}
      <span part="total"><span class="visually-hidden">${estimateStrings.total}: </span>${formatMoney(estimate.total, estimate.currency)}</span>
      <span part="valid-until"><time datetime=${estimate.validUntil}>${estimateStrings.validUntil(formatDay(estimate.validUntil))}</time></span>
      ${estimate.projectName ? html`<span part="project">${estimate.projectName}</span>` : nothing}
    </p>
  `;
}

/** The status badges of the estimate elements (text colours at 4.5:1 or more on their backgrounds). */
export const estimateStatusStyles = css`
  [part~='status-sent'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='status-approved'],
  [part~='status-converted'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='status-declined'] {
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='status-expired'] {
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }

  [part~='number'] {
    color: var(--_muted);
    font-weight: 400;
    font-variant-numeric: tabular-nums;
  }

  [part~='meta'] {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.75rem;
    color: var(--_muted);
    font-size: 0.875em;
  }

  [part~='total'] {
    color: var(--_text);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
`;
