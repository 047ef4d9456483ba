import { Type, type Static } from 'typebox';
import { Id, Money } from './common.js';
import { endpoint } from './endpoint.js';

/** What a home entry waits on the contact for; each kind opens its own section's page. */
export const HomeItemKind = Type.Union([
  Type.Literal('proposal'),
  Type.Literal('estimate'),
  Type.Literal('request'),
  Type.Literal('acceptance'),
  Type.Literal('thread'),
  Type.Literal('invoice'),
]);
export type HomeItemKind = Static<typeof HomeItemKind>;

/**
 * One thing waiting on the contact:
 * - `proposal`: a pending proposal, due by its expiry;
 * - `estimate`: a sent estimate not yet approved or declined and not expired, due by its valid-until date;
 * - `request`: an open information request with items still to answer (not yet answered, or returned by the team), `count` of them; requests have no due date, so no deadline;
 * - `acceptance`: a pending acceptance, due by its expiry (`dueSoon` under 48 hours);
 * - `thread`: a conversation with team messages the contact has not read, `count` of them; no deadline;
 * - `invoice`: an invoice with an amount due (open, partially paid or overdue), due by its due date, `amount` = amount due.
 */
export const HomeItem = Type.Object({
  kind: HomeItemKind,
  /** The object's own id (`prop_…`, `est_…`, `req_…`, `acc_…`, `thr_…`, `inv_…`): its page in the portal. */
  id: Id,
  /** What the contact knows it by: the proposal's, estimate's, request's or acceptance's title, the conversation's title, the invoice's number (`INV-0001`). */
  title: Type.String(),
  /** The number shown beside the title where the kind has one besides its title (`PROP-0001`, `EST-0001`, `REQ-0001`); null for acceptances, conversations and invoices. */
  reference: Type.Union([Type.String(), Type.Null()]),
  /**
   * When it is due: a timestamp for an expiry (proposals, acceptances), a calendar date
   * `YYYY-MM-DD` for a due or valid-until date (estimates, requests, invoices); null when nothing is due.
   */
  deadline: Type.Union([Type.String(), Type.Null()]),
  /** Due within the next 48 hours and not yet past (a calendar date counts as the end of that day, UTC). */
  dueSoon: Type.Boolean(),
  /** Past its deadline and still waiting: only an invoice can be (a proposal, estimate or acceptance past its deadline has expired and is not listed). */
  overdue: Type.Boolean(),
  /** The estimate's total or the invoice's amount due; null for other kinds. */
  amount: Type.Union([Money, Type.Null()]),
  /** Items still to answer (request), unread team messages (thread); null for other kinds. */
  count: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type HomeItem = Static<typeof HomeItem>;

/**
 * Everything waiting on the signed-in contact's customer, soonest deadline first (overdue first of
 * all, then by deadline; entries without a deadline last, most recent first), at most 50 entries;
 * `counts` counts all of them, by kind, even beyond the 50.
 */
export const PortalHome = Type.Object({
  counts: Type.Object({
    proposals: Type.Integer({ minimum: 0 }),
    estimates: Type.Integer({ minimum: 0 }),
    /** Request items still to answer, across all open requests. */
    requestItems: Type.Integer({ minimum: 0 }),
    acceptances: Type.Integer({ minimum: 0 }),
    /** Unread team messages across all conversations. */
    unreadMessages: Type.Integer({ minimum: 0 }),
    invoices: Type.Integer({ minimum: 0 }),
  }),
  items: Type.Array(HomeItem, { maxItems: 50 }),
});
export type PortalHome = Static<typeof PortalHome>;

export const portalHomeEndpoints = {
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/home',
    operationId: 'retrievePortalHome',
    summary: 'What is waiting on the contact, soonest deadline first',
    description:
      'Pending proposals and estimates, requests with items to answer, pending acceptances, conversations with unread team messages and invoices with an amount due, for the contact\'s customer, in one answer: counts by kind and the 50 most pressing entries.',
    surface: 'portal',
    status: 200,
    response: PortalHome,
  }),
};
