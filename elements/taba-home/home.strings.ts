import type { HomeItemKind } from '../../sdk/contract/home.js';
import { msg, plural, str } from '../shared/localize.js';

/**
 * The words of the home page (`<taba-home>` and the Home section), in the language shown (ids
 * `home.*`; German and Arabic in elements/locales/{de,ar}/home.ts). Shared words (Retry, "Not
 * connected") are in `strings.common`.
 */
export const homeStrings = {
  get heading() {
    return msg('What needs you', { id: 'home.heading' });
  },
  get summary() {
    return msg('Waiting on you', { id: 'home.summary' });
  },
  get loading() {
    return msg('Loading what needs you…', { id: 'home.loading' });
  },
  get loadFailed() {
    return msg('Could not load what needs you.', { id: 'home.loadFailed' });
  },
  get empty() {
    return msg('Nothing needs you right now.', { id: 'home.empty' });
  },
  get emptyDetail() {
    return msg('New proposals, requests, invoices and messages from the team will show here.', { id: 'home.emptyDetail' });
  },

  /** What an entry is, above its title. */
  kind: {
    get proposal() {
      return msg('Proposal', { id: 'home.kind.proposal' });
    },
    get estimate() {
      return msg('Estimate', { id: 'home.kind.estimate' });
    },
    get request() {
      return msg('Information request', { id: 'home.kind.request' });
    },
    get acceptance() {
      return msg('Document to accept', { id: 'home.kind.acceptance' });
    },
    get thread() {
      return msg('Conversation', { id: 'home.kind.thread' });
    },
    get invoice() {
      return msg('Invoice', { id: 'home.kind.invoice' });
    },
  } satisfies Record<HomeItemKind, string>,

  /** The summary's counts, by kind; `count` is already formatted for the language. */
  counts: {
    proposals: (value: number, count: string) =>
      plural(value, 'home.counts.proposals', { one: str`${count} proposal to decide on`, other: str`${count} proposals to decide on` }),
    estimates: (value: number, count: string) =>
      plural(value, 'home.counts.estimates', { one: str`${count} estimate to approve`, other: str`${count} estimates to approve` }),
    requestItems: (value: number, count: string) =>
      plural(value, 'home.counts.requestItems', { one: str`${count} request item to answer`, other: str`${count} request items to answer` }),
    acceptances: (value: number, count: string) =>
      plural(value, 'home.counts.acceptances', { one: str`${count} document to accept`, other: str`${count} documents to accept` }),
    unreadMessages: (value: number, count: string) =>
      plural(value, 'home.counts.unreadMessages', { one: str`${count} unread message`, other: str`${count} unread messages` }),
    invoices: (value: number, count: string) =>
      plural(value, 'home.counts.invoices', { one: str`${count} invoice to pay`, other: str`${count} invoices to pay` }),
  },

  /** On a request: its items still to answer. */
  itemsToAnswer: (value: number, count: string) =>
    plural(value, 'home.itemsToAnswer', { one: str`${count} item to answer`, other: str`${count} items to answer` }),
  /** On a conversation: its unread team messages. */
  unread: (value: number, count: string) =>
    plural(value, 'home.unread', { one: str`${count} unread message`, other: str`${count} unread messages` }),
  /** An estimate's total. */
  total: (amount: string) => msg(str`Total ${amount}`, { id: 'home.total' }),
  /** What is still due on an invoice. */
  amountDue: (amount: string) => msg(str`Amount due ${amount}`, { id: 'home.amountDue' }),

  /** The words beside a deadline, so urgency is never told by colour alone. */
  get overdue() {
    return msg('Overdue', { id: 'home.overdue' });
  },
  get dueSoon() {
    return msg('Due soon', { id: 'home.dueSoon' });
  },
  /**
   * A deadline: `when` is relative in the language shown ("in 2 days", "tomorrow", "in 5 hours"),
   * `date` the date (and time, for an expiry).
   */
  due: (when: string, date: string) => msg(str`Due ${when} (${date})`, { id: 'home.due' }),
  wasDue: (when: string, date: string) => msg(str`Was due ${when} (${date})`, { id: 'home.wasDue' }),
  expires: (when: string, date: string) => msg(str`Expires ${when} (${date})`, { id: 'home.expires' }),
  expired: (when: string, date: string) => msg(str`Expired ${when} (${date})`, { id: 'home.expired' }),
  validUntil: (date: string, when: string) => msg(str`Valid until ${date} (${when})`, { id: 'home.validUntil' }),
};

export type HomeStrings = typeof homeStrings;
