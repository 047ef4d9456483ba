import { html, nothing, type TemplateResult } from 'lit';
import type { DeliveryStatus, PortalDeliveryCard } from '../../sdk/contract/deliveries.js';
import { deliveryStrings } from './taba-delivery.strings.js';

/** The status in words (never colour alone); styled per status through `status-<name>` (`status-in-transit`). */
export function deliveryStatusBadge(status: DeliveryStatus): TemplateResult {
  return html`<span part="status status-${status.replace('_', '-')}">${deliveryStrings.status[status]}</span>`;
}

/** What the delivery is for: its invoice, estimate and order reference, those it has. */
export function deliveryLinks(delivery: PortalDeliveryCard): TemplateResult | typeof nothing {
  const text = deliveryStrings;
  const links = [
    delivery.invoiceNumber ? html`<li part="invoice">${text.invoice(delivery.invoiceNumber)}</li>` : null,
    delivery.estimateNumber ? html`<li part="estimate">${text.estimate(delivery.estimateNumber)}</li>` : null,
    delivery.orderReference ? html`<li part="order">${text.order(delivery.orderReference)}</li>` : null,
  ].filter((link) => link !== null);
  if (links.length === 0) return nothing;
  return html`<ul part="links" aria-label=${text.linksLabel}>${links}</ul>`;
}
