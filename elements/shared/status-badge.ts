import { html, type TemplateResult } from 'lit';
import type { TaskStatus } from '../../sdk/contract/projects.js';
import type { PortalProposalStatus } from '../../sdk/contract/proposals.js';
import { strings } from './strings.js';

/** The status as visible text (never colour alone); styled per status through `status-<name>`. */
export function proposalStatusBadge(status: PortalProposalStatus): TemplateResult {
  return html`<span part="status status-${status}">${strings.proposalStatus[status]}</span>`;
}

/** A task's status in words; styled through `status-open`, `status-in-progress`, `status-done` or `status-cancelled`. */
export function taskStatusBadge(status: TaskStatus): TemplateResult {
  return html`<span part="status status-${status.replace('_', '-')}">${strings.taskStatus[status]}</span>`;
}
