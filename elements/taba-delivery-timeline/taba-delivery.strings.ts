import type { DeliveryEventType, DeliveryStatus } from '../../sdk/contract/deliveries.js';

/**
 * The delivery elements' own words (shared words such as Retry come from `strings.common`). To
 * localise, replace values before the elements render, e.g.
 * `Object.assign(deliveryStrings.status, { in_transit: 'Unterwegs' })`.
 */
export const deliveryStrings = {
  /** A delivery's status in words; a problem says so in words, not by colour alone. */
  status: {
    pending: 'Pending',
    scheduled: 'Scheduled',
    dispatched: 'Dispatched',
    in_transit: 'In transit',
    delivered: 'Delivered',
    exception: 'Delivery problem',
  } satisfies Record<DeliveryStatus, string>,
  /** What happened, for each step of the timeline. */
  eventType: {
    scheduled: 'Delivery scheduled',
    dispatched: 'Dispatched',
    in_transit: 'In transit',
    delivered: 'Delivered',
    exception: 'Delivery problem',
  } satisfies Record<DeliveryEventType, string>,
  loading: 'Loading deliveries…',
  loadFailed: 'Could not load your deliveries.',
  empty: 'No deliveries yet',
  listLabel: 'Deliveries',
  loadMore: 'Load more',
  loadingMore: 'Loading more deliveries…',
  loadMoreFailed: 'Could not load more deliveries.',
  loadingOne: 'Loading delivery…',
  loadOneFailed: 'Could not load this delivery.',
  noneSelected: 'No delivery selected.',
  backToList: 'Back to deliveries',
  /** The list of what a delivery is for (its invoice, estimate, order). */
  linksLabel: 'For',
  trackingReference: (reference: string) => `Tracking reference ${reference}`,
  invoice: (number: string) => `Invoice ${number}`,
  estimate: (number: string) => `Estimate ${number}`,
  order: (reference: string) => `Order ${reference}`,
  lastUpdate: (time: string) => `Last update ${time}`,
  /** Before any tracking event: when the delivery was recorded. */
  recorded: (time: string) => `Recorded ${time}`,
  view: 'View tracking',
  title: (carrier: string, trackingReference: string) => `${carrier} ${trackingReference}`,
  timelineHeading: 'Tracking history, oldest first',
  noEvents: 'No tracking updates yet.',
  /** Shown at the top of a delivery whose latest event is an exception. */
  problemNotice: 'There is a problem with this delivery.',
  /** Before an exception's note in the timeline, so the problem is said in words. */
  problemNote: (note: string) => `Problem: ${note}`,
  location: (place: string) => `at ${place}`,
};

export type DeliveryStrings = typeof deliveryStrings;
