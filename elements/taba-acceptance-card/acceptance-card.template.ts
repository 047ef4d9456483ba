import { html, nothing, type TemplateResult } from 'lit';
import type { PortalAcceptanceCard, PortalAcceptanceStatus } from '../../sdk/contract/acceptances.js';
import { formatDate } from '../shared/format.js';
import { acceptanceStrings } from './acceptance.strings.js';

/** The status as visible text (never colour alone); styled per status through `status-<name>`. */
export function acceptanceStatusBadge(status: PortalAcceptanceStatus): TemplateResult {
  return html`<span part="status status-${status}">${acceptanceStrings.status[status]}</span>`;
}

function dated(words: (date: string) => string, timestamp: string): TemplateResult {
  return html`<time datetime=${timestamp}>${words(formatDate(timestamp))}</time>`;
}

/**
 * The sent date, then what happens next: accepted on, expired on, or expires on — with the words
 * "less than 48 hours left" next to an amber date when it is soon.
 */
export function acceptanceDates(acceptance: PortalAcceptanceCard): TemplateResult {
  const text = acceptanceStrings;
  const { status, acceptedAt, expiresAt } = acceptance;
  const soon = status === 'pending' && acceptance.expiresSoon;
  return html`
    <span part="sent">${dated(text.sentOn, acceptance.sentAt)}</span>
    ${status === 'accepted' && acceptedAt
      ? html`<span part="accepted-on">${dated(text.acceptedOn, acceptedAt)}</span>`
      : html`<span part=${soon ? 'expires expires-soon' : 'expires'}>
          ${dated(status === 'expired' ? text.expiredOn : text.expiresOn, expiresAt)}${soon
            ? html` <strong>(${text.expiresSoon})</strong>`
            : nothing}
        </span>`}
  `;
}

/**
 * One acceptance as a card: title, status, document, project, dates, and a button that selects it
 * ("Review & Accept" while pending, "View" otherwise). The caller wraps it in its `card` part.
 */
export function acceptanceCard(acceptance: PortalAcceptanceCard, select: () => void): TemplateResult {
  const text = acceptanceStrings;
  const pending = acceptance.status === 'pending';
  return html`
    <div class="heading">
      <h3 part="title">${acceptance.title}</h3>
      ${acceptanceStatusBadge(acceptance.status)}
    </div>
    <p part="meta">
      <span part="document-name">${acceptance.documentName}</span>
      ${acceptance.projectName ? html`<span part="project">${acceptance.projectName}</span>` : nothing}
      ${acceptanceDates(acceptance)}
    </p>
    <button type="button" part="select" class=${pending ? 'primary' : ''} @click=${select}>
      ${pending ? text.review : text.view}<span class="visually-hidden"> ${acceptance.title}</span>
    </button>
  `;
}
