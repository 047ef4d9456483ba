import { css, html, nothing, type TemplateResult } from 'lit';
import type { LineItem, MoneyTotals } from '../../sdk/contract/money.js';
import { formatDecimal, formatMoney, formatPercent } from '../shared/format.js';
import { lineItemStrings } from './line-items.strings.js';

/** A quantity as the decimal string the server keeps ("1.5"), in the reader's locale ("1,5"), exactly. */
export function formatQuantity(quantity: string): string {
  return formatDecimal(quantity, 3);
}

/** Basis points as a percentage, exactly ("12.5 %" for 1250): the decimal string `1250e-4`, no float division. */
export function formatBasisPoints(basisPoints: number): string {
  return formatPercent(basisPoints);
}

/** An amount with its rate after it, e.g. "$24.00 (20 %)", or a dash when the rate is 0. */
function rated(amount: number, basisPoints: number, currency: string, sign = ''): TemplateResult | string {
  if (basisPoints === 0) return html`<span aria-hidden="true">${lineItemStrings.none}</span>`;
  return `${sign}${formatMoney(amount, currency)} (${formatBasisPoints(basisPoints)})`;
}

/**
 * The lines as a table (description, quantity, unit price, discount, tax, line total), in a
 * region that scrolls sideways on a narrow screen and can be scrolled from the keyboard.
 */
export function lineItemsTable(lines: LineItem[], currency: string): TemplateResult {
  const text = lineItemStrings;
  if (lines.length === 0) return html`<p part="lines-empty">${text.noLines}</p>`;
  const money = (amount: number) => formatMoney(amount, currency);
  return html`
    <div part="lines-region" role="region" aria-labelledby="lines-caption" tabindex="0">
      <table part="lines">
        <caption id="lines-caption" class="visually-hidden">${text.tableLabel}</caption>
        <thead>
          <tr>
            <th scope="col">${text.description}</th>
            <th scope="col" class="number">${text.quantity}</th>
            <th scope="col" class="number">${text.unitPrice}</th>
            <th scope="col" class="number">${text.discount}</th>
            <th scope="col" class="number">${text.tax}</th>
            <th scope="col" class="number">${text.lineTotal}</th>
          </tr>
        </thead>
        <tbody>
          ${lines.map(
            (line) => html`
              <tr part="line">
                <th scope="row" part="line-description">${line.description}</th>
                <td class="number" part="line-quantity">${formatQuantity(line.quantity)}</td>
                <td class="number" part="line-unit-price">${money(line.unitAmount)}</td>
                <td class="number" part="line-discount">${rated(line.discountAmount, line.discountBasisPoints, currency, '−')}</td>
                <td class="number" part="line-tax">${rated(line.taxAmount, line.taxRateBasisPoints, currency)}</td>
                <td class="number" part="line-total">${money(line.totalAmount)}</td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    </div>
  `;
}

/** One row of the totals list. */
export function totalRow(name: string, label: string, value: string, strong = false): TemplateResult {
  return html`<div part="${name}" class=${strong ? 'strong' : ''}><dt>${label}</dt><dd>${value}</dd></div>`;
}

/**
 * The totals: discounts applied (when any), subtotal, tax and total, then `extra` rows (an
 * invoice's amount paid and due).
 */
export function totalsList(totals: MoneyTotals, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  const text = lineItemStrings;
  const money = (amount: number) => formatMoney(amount, totals.currency);
  return html`
    <dl part="totals" aria-label=${text.totals}>
      ${totals.discountTotal ? totalRow('discount-total', text.discountTotal, `−${money(totals.discountTotal)}`) : nothing}
      ${totalRow('subtotal', text.subtotal, money(totals.subtotal))} ${totalRow('tax-total', text.taxTotal, money(totals.taxTotal))}
      ${totalRow('total', text.total, money(totals.total), true)} ${extra}
    </dl>
  `;
}

/** The lines table and the totals. */
export const lineItemsStyles = css`
  [part~='lines-region'] {
    max-width: 100%;
    overflow-x: auto;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  table {
    width: 100%;
    border-collapse: collapse;
    font-variant-numeric: tabular-nums;
  }

  th,
  td {
    padding: 0.5rem 0.75rem;
    border-block-end: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }

  thead th {
    color: var(--_muted);
    font-size: 0.8125em;
    white-space: nowrap;
  }

  tbody th {
    font-weight: 400;
    white-space: pre-line;
    overflow-wrap: anywhere;
    min-width: 10rem;
  }

  tbody tr:last-child > * {
    border-block-end: 0;
  }

  .number {
    text-align: end;
    white-space: nowrap;
  }

  [part~='totals'] {
    display: grid;
    gap: 0.25rem;
    justify-self: end;
    min-width: min(100%, 20rem);
    font-variant-numeric: tabular-nums;
  }

  [part~='totals'] > div {
    display: flex;
    justify-content: space-between;
    gap: 2rem;
  }

  [part~='totals'] dt {
    color: var(--_muted);
  }

  [part~='totals'] .strong {
    padding-block-start: 0.25rem;
    border-block-start: 1px solid var(--_border);
    font-weight: 700;
  }

  [part~='totals'] .strong dt {
    color: var(--_text);
  }
`;
