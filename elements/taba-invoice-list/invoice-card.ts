import { css, html, nothing, type TemplateResult } from 'lit';
import type { PortalInvoiceCard, PortalInvoiceStatus } from '../../sdk/contract/invoices.js';
import { formatDay, formatMoney } from '../shared/format.js';
import { invoiceStrings } from './taba-invoice.strings.js';

/**
 * The status in words (never colour alone); styled through `status-open`, `status-partially-paid`,
 * `status-paid`, `status-overdue` or `status-void`.
 */
export function invoiceStatusBadge(status: PortalInvoiceStatus): TemplateResult {
  return html`<span part="status status-${status.replace('_', '-')}">${invoiceStrings.status[status]}</span>`;
}

/** "Invoice INV-0001", with the number in its own part. */
export function invoiceTitle(invoice: Pick<PortalInvoiceCard, 'number'>): TemplateResult {
  return html`${invoiceStrings.invoice} <span part="number">${invoice.number}</span>`;
}

/** The due date; for an overdue invoice in red, with "Was due" in words. */
export function invoiceDue(invoice: PortalInvoiceCard): TemplateResult {
  const overdue = invoice.status === 'overdue';
  const day = formatDay(invoice.dueDate);
  return html`<span part=${overdue ? 'due due-overdue' : 'due'}
    ><time datetime=${invoice.dueDate}>${overdue ? invoiceStrings.overdueSince(day) : invoiceStrings.dueOn(day)}</time></span
  >`;
}

/** The status, total, amount due (while something is due), due date and project (if any). */
export function invoiceMeta(invoice: PortalInvoiceCard): TemplateResult {
  const money = (amount: number) => formatMoney(amount, invoice.currency);
  const owing = invoice.amountDue > 0 && invoice.status !== 'void';
  return html`
    <p part="meta">
      ${invoiceStatusBadge(invoice.status)}
      <span part="total"><span class="visually-hidden">${invoiceStrings.total}: </span>${money(invoice.total)}</span>
      ${owing ? html`<span part="amount-due">${invoiceStrings.amountDueValue(money(invoice.amountDue))}</span>` : nothing}
      ${invoice.status === 'paid' || invoice.status === 'void' ? nothing : invoiceDue(invoice)}
      ${invoice.projectName ? html`<span part="project">${invoice.projectName}</span>` : nothing}
    </p>
  `;
}

/** The status badges and the meta line of the invoice elements (text colours at 4.5:1 or more on their backgrounds). */
export const invoiceStatusStyles = css`
  [part~='status-open'] {
    background: var(--_info-surface);
    color: var(--_info);
  }

  [part~='status-partially-paid'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='status-paid'],
  [part~='status-accepted'] {
    background: var(--_success-surface);
    color: var(--_success);
  }

  [part~='status-overdue'],
  [part~='status-rejected'] {
    background: var(--_danger-surface);
    color: var(--_danger);
  }

  [part~='status-void'] {
    background: var(--_neutral-surface);
    color: var(--_neutral);
  }

  [part~='status-under-review'] {
    background: var(--_warning-surface);
    color: var(--_warning);
  }

  [part~='number'] {
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

  [part~='total'],
  [part~='amount-due'] {
    color: var(--_text);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }

  [part~='due-overdue'] {
    color: var(--_danger);
    font-weight: 600;
  }
`;
