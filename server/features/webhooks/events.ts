/** Event types a webhook endpoint can subscribe to; later sections add theirs here. */
export const WEBHOOK_EVENT_TYPES = [
  'proposal.accepted',
  'proposal.declined',
  'message.received',
  'project.comment_added',
  'follow_up.created',
  'follow_up.updated',
  'follow_up.completed',
  'follow_up.reopened',
  'follow_up.dismissed',
  'acceptance.sent',
  'acceptance.expiring',
  'acceptance.accepted',
  'request.sent',
  'request.item_answered',
  'request.item_returned',
  'request.completed',
  'invoice.sent',
  'invoice.overdue',
  'invoice.paid',
  'estimate.sent',
  'estimate.approved',
  'estimate.declined',
  'delivery.exception',
  'payment_proof.submitted',
  'payment_proof.accepted',
  'payment_proof.rejected',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);
}
