import type { DeliveryEventType, DeliveryStatus } from '../../sdk/contract/deliveries.js';
import { msg, str } from '../shared/localize.js';

/**
 * The delivery elements' own words, in the portal's language (ids `delivery.*`; see
 * elements/shared/strings.ts); shared words such as Retry come from `strings.common`.
 */
export const deliveryStrings = {
  /** A delivery's status in words; a problem says so in words, not by colour alone. */
  status: {
    get pending() { return msg('Pending', { id: 'delivery.status.pending' }); },
    get scheduled() { return msg('Scheduled', { id: 'delivery.status.scheduled' }); },
    get dispatched() { return msg('Dispatched', { id: 'delivery.status.dispatched' }); },
    get in_transit() { return msg('In transit', { id: 'delivery.status.in_transit' }); },
    get delivered() { return msg('Delivered', { id: 'delivery.status.delivered' }); },
    get exception() { return msg('Delivery problem', { id: 'delivery.status.exception' }); },
  } satisfies Record<DeliveryStatus, string>,
  /** What happened, for each step of the timeline. */
  eventType: {
    get scheduled() { return msg('Delivery scheduled', { id: 'delivery.eventType.scheduled' }); },
    get dispatched() { return msg('Dispatched', { id: 'delivery.eventType.dispatched' }); },
    get in_transit() { return msg('In transit', { id: 'delivery.eventType.in_transit' }); },
    get delivered() { return msg('Delivered', { id: 'delivery.eventType.delivered' }); },
    get exception() { return msg('Delivery problem', { id: 'delivery.eventType.exception' }); },
  } satisfies Record<DeliveryEventType, string>,
  get loading() { return msg('Loading deliveries…', { id: 'delivery.loading' }); },
  get loadFailed() { return msg('Could not load your deliveries.', { id: 'delivery.loadFailed' }); },
  get empty() { return msg('No deliveries yet', { id: 'delivery.empty' }); },
  get listLabel() { return msg('Deliveries', { id: 'delivery.listLabel' }); },
  get loadMore() { return msg('Load more', { id: 'delivery.loadMore' }); },
  get loadingMore() { return msg('Loading more deliveries…', { id: 'delivery.loadingMore' }); },
  get loadMoreFailed() { return msg('Could not load more deliveries.', { id: 'delivery.loadMoreFailed' }); },
  get loadingOne() { return msg('Loading delivery…', { id: 'delivery.loadingOne' }); },
  get loadOneFailed() { return msg('Could not load this delivery.', { id: 'delivery.loadOneFailed' }); },
  get noneSelected() { return msg('No delivery selected.', { id: 'delivery.noneSelected' }); },
  /** The list of what a delivery is for (its invoice, estimate, order). */
  get linksLabel() { return msg('For', { id: 'delivery.linksLabel' }); },
  trackingReference: (reference: string) => msg(str`Tracking reference ${reference}`, { id: 'delivery.trackingReference' }),
  invoice: (number: string) => msg(str`Invoice ${number}`, { id: 'delivery.invoice' }),
  estimate: (number: string) => msg(str`Estimate ${number}`, { id: 'delivery.estimate' }),
  order: (reference: string) => msg(str`Order ${reference}`, { id: 'delivery.order' }),
  lastUpdate: (time: string) => msg(str`Last update ${time}`, { id: 'delivery.lastUpdate' }),
  /** Before any tracking event: when the delivery was recorded. */
  recorded: (time: string) => msg(str`Recorded ${time}`, { id: 'delivery.recorded' }),
  get view() { return msg('View tracking', { id: 'delivery.view' }); },
  title: (carrier: string, trackingReference: string) => msg(str`${carrier} ${trackingReference}`, { id: 'delivery.title' }),
  get timelineHeading() { return msg('Tracking history, oldest first', { id: 'delivery.timelineHeading' }); },
  get noEvents() { return msg('No tracking updates yet.', { id: 'delivery.noEvents' }); },
  /** Shown at the top of a delivery whose latest event is an exception. */
  get problemNotice() { return msg('There is a problem with this delivery.', { id: 'delivery.problemNotice' }); },
  /** Before an exception's note in the timeline, so the problem is said in words. */
  problemNote: (note: string) => msg(str`Problem: ${note}`, { id: 'delivery.problemNote' }),
  location: (place: string) => msg(str`at ${place}`, { id: 'delivery.location' }),
};

export type DeliveryStrings = typeof deliveryStrings;
