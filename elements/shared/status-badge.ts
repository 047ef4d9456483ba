import { html, type TemplateResult } from 'lit';
import type { PortalProposalStatus } from '../../sdk/contract/proposals.js';
import { strings } from './strings.js';

/** The status as visible text (never colour alone); styled per status through `status-<name>`. */
export function proposalStatusBadge(status: PortalProposalStatus): TemplateResult {
  return html`<span part="status status-${status}">${strings.proposalStatus[status]}</span>`;
}
