import { sql, type AliasableExpression, type Expression, type Kysely } from 'kysely';
import type { HomeItem, HomeItemKind, PortalHome } from '../../../sdk/contract/home.js';
import type { DB } from '../../db/schema.js';
import { compiledQuery, type QueryParameters } from '../../lib/compiled-query.js';
import { EXPIRES_SOON_MS } from '../acceptances/repository.js';
import { todayUtc } from '../finance/repository.js';
import { threadsWithUnread } from '../messages/repository.js';
import { OPEN_STATUSES } from '../requests/repository.js';
import type { RequestItemState } from '../requests/schema.js';

/** The most entries the home lists; its counts go on beyond them. */
export const HOME_ITEMS_MAX = 50;

/** Less than this left before a deadline: due soon (the same 48 hours as an acceptance's amber expiry). */
export const DUE_SOON_MS = EXPIRES_SOON_MS;

/** A request item the contact still has to answer: not answered yet, or returned by the team. */
const TO_ANSWER = ['awaiting_response', 'returned'] as const satisfies readonly RequestItemState[];

interface HomeParameters {
  customerId: string;
  /** Whose unread messages count: unread is per contact. */
  contactId: string;
  /** An ISO timestamp: expiries are compared with it. */
  now: string;
  /** `YYYY-MM-DD`, UTC: due and valid-until dates are compared with it. */
  today: string;
}

/** One row of the union: every kind answers these columns, in this order. */
interface WaitingRow {
  kind: HomeItemKind;
  id: string;
  title: string;
  reference: string | null;
  /** As stored: a timestamp (an expiry) or a `YYYY-MM-DD` date. */
  deadline: string | null;
  /** The deadline as a timestamp, so that every kind sorts together: a date counts as the end of that day, UTC. */
  due_at: string | null;
  /** 1 for an invoice past its due date. */
  overdue: number;
  /** PostgreSQL answers a bigint as a string. */
  amount: number | string | null;
  currency: string | null;
  count: number | string | null;
  /** When it reached the contact (or their conversation last moved): the order of entries without a deadline. */
  recent_at: string;
}

type WaitingColumns = { [K in keyof WaitingRow]: AliasableExpression<WaitingRow[K]> };

/** A branch's select list, the same names in the same order in every branch (a union matches columns by position). */
function waiting(c: WaitingColumns) {
  return [
    c.kind.as('kind'),
    c.id.as('id'),
    c.title.as('title'),
    c.reference.as('reference'),
    c.deadline.as('deadline'),
    c.due_at.as('due_at'),
    c.overdue.as('overdue'),
    c.amount.as('amount'),
    c.currency.as('currency'),
    c.count.as('count'),
    c.recent_at.as('recent_at'),
  ];
}

const kind = (value: HomeItemKind) => sql<HomeItemKind>`${sql.lit(value)}`;
/** A typed null, so that PostgreSQL can match the column with the other branches'. */
const none = <T>(type: 'text' | 'bigint' | 'integer') => sql<T | null>`cast(null as ${sql.raw(type)})`;
const notOverdue = sql<number>`0`;
/** The end of a `YYYY-MM-DD` day, UTC, as an ISO timestamp that compares as text with the others. */
const endOfDay = (date: Expression<string>) => sql<string>`${date} || 'T23:59:59.999Z'`;
const firstOf = (first: Expression<string | null>, second: Expression<string>) => sql<string>`coalesce(${first}, ${second})`;

/** Pending proposals that have not expired (what the proposals page shows as Pending). */
const proposals = (db: Kysely<DB>, p: HomeParameters) =>
  db
    .selectFrom('proposals')
    .select((eb) =>
      waiting({
        kind: kind('proposal'),
        id: eb.ref('proposals.id'),
        title: eb.ref('proposals.title'),
        reference: eb.ref('proposals.number'),
        deadline: eb.ref('proposals.expires_at'),
        due_at: eb.ref('proposals.expires_at'),
        overdue: notOverdue,
        amount: none('bigint'),
        currency: none('text'),
        count: none('integer'),
        recent_at: firstOf(eb.ref('proposals.sent_at'), eb.ref('proposals.created_at')),
      }),
    )
    .where('proposals.customer_id', '=', p.customerId)
    .where('proposals.sent_at', 'is not', null)
    .where('proposals.status', '=', 'pending')
    .where('proposals.expires_at', '>', p.now);

/** Sent estimates still valid today (the estimates page's Open tab). */
const estimates = (db: Kysely<DB>, p: HomeParameters) =>
  db
    .selectFrom('estimates')
    .select((eb) =>
      waiting({
        kind: kind('estimate'),
        id: eb.ref('estimates.id'),
        title: eb.ref('estimates.title'),
        reference: eb.ref('estimates.number'),
        deadline: eb.ref('estimates.valid_until'),
        due_at: endOfDay(eb.ref('estimates.valid_until')),
        overdue: notOverdue,
        amount: eb.ref('estimates.total'),
        currency: eb.ref('estimates.currency'),
        count: none('integer'),
        recent_at: firstOf(eb.ref('estimates.sent_at'), eb.ref('estimates.created_at')),
      }),
    )
    .where('estimates.customer_id', '=', p.customerId)
    .where('estimates.status', '=', 'sent')
    .where('estimates.valid_until', '>=', p.today);

/** Open requests (sent, in progress) with items to answer, one row per request with how many. */
const requests = (db: Kysely<DB>, p: HomeParameters) =>
  db
    .selectFrom('information_requests')
    .innerJoin('information_request_items', 'information_request_items.request_id', 'information_requests.id')
    .select((eb) =>
      waiting({
        kind: kind('request'),
        id: eb.ref('information_requests.id'),
        title: eb.ref('information_requests.title'),
        reference: eb.ref('information_requests.number'),
        deadline: none('text'),
        due_at: none('text'),
        overdue: notOverdue,
        amount: none('bigint'),
        currency: none('text'),
        count: sql<number | string>`count(*)`,
        recent_at: firstOf(eb.ref('information_requests.sent_at'), eb.ref('information_requests.created_at')),
      }),
    )
    .where('information_requests.customer_id', '=', p.customerId)
    .where('information_requests.status', 'in', OPEN_STATUSES)
    .where('information_request_items.state', 'in', TO_ANSWER)
    .groupBy([
      'information_requests.id',
      'information_requests.title',
      'information_requests.number',
      'information_requests.sent_at',
      'information_requests.created_at',
    ]);

/** Pending acceptances that have not expired; a superseded one is no longer pending. */
const acceptances = (db: Kysely<DB>, p: HomeParameters) =>
  db
    .selectFrom('acceptances')
    .select((eb) =>
      waiting({
        kind: kind('acceptance'),
        id: eb.ref('acceptances.id'),
        title: eb.ref('acceptances.title'),
        reference: none('text'),
        deadline: eb.ref('acceptances.expires_at'),
        due_at: eb.ref('acceptances.expires_at'),
        overdue: notOverdue,
        amount: none('bigint'),
        currency: none('text'),
        count: none('integer'),
        recent_at: eb.ref('acceptances.sent_at'),
      }),
    )
    .where('acceptances.customer_id', '=', p.customerId)
    .where('acceptances.status', '=', 'pending')
    .where('acceptances.expires_at', '>', p.now);

/** Conversations with team messages this contact has not read, by the messages feature's own unread count. */
const threads = (db: Kysely<DB>, p: HomeParameters) =>
  db
    .selectFrom(threadsWithUnread(db, p.contactId, 'team_message_count').where('threads.customer_id', '=', p.customerId).as('thread'))
    .select((eb) =>
      waiting({
        kind: kind('thread'),
        id: eb.ref('thread.id'),
        title: eb.ref('thread.title'),
        reference: none('text'),
        deadline: none('text'),
        due_at: none('text'),
        overdue: notOverdue,
        amount: none('bigint'),
        currency: none('text'),
        count: eb.ref('thread.unread_count'),
        recent_at: eb.ref('thread.last_message_at'),
      }),
    )
    .where('thread.unread_count', '>', 0);

/** Issued invoices with an amount due (open, partially paid, overdue: the invoices page's Outstanding tab). */
const invoices = (db: Kysely<DB>, p: HomeParameters) =>
  db
    .selectFrom('invoices')
    .select((eb) =>
      waiting({
        kind: kind('invoice'),
        id: eb.ref('invoices.id'),
        title: eb.ref('invoices.number'),
        reference: none('text'),
        deadline: eb.ref('invoices.due_date'),
        due_at: endOfDay(eb.ref('invoices.due_date')),
        overdue: sql<number>`case when ${eb.ref('invoices.due_date')} < ${p.today} then 1 else 0 end`,
        amount: sql<number | string>`${eb.ref('invoices.total')} - ${eb.ref('invoices.amount_paid')}`,
        currency: eb.ref('invoices.currency'),
        count: none('integer'),
        recent_at: firstOf(eb.ref('invoices.sent_at'), eb.ref('invoices.created_at')),
      }),
    )
    .where('invoices.customer_id', '=', p.customerId)
    // Written as in the partial index `invoices_outstanding` (this feature's migration), so that both databases use it.
    .where('invoices.state', '=', sql.lit('issued'))
    .where(sql<boolean>`${sql.ref('invoices.amount_paid')} < ${sql.ref('invoices.total')}`);

/** A count over every waiting row, not only the 50 listed: a window over the whole union, taken before the limit. */
const total = (of: HomeItemKind, counted: 'rows' | 'count') =>
  sql<number | string>`sum(case when ${sql.ref('waiting.kind')} = ${sql.lit(of)} then ${counted === 'rows' ? sql`1` : sql.ref('waiting.count')} else 0 end) over ()`;

/**
 * The whole home in one statement: the six kinds as one UNION ALL, each row carrying the counts of
 * all of them, in the home's order (overdue first, then the soonest deadline, then those without a
 * deadline, most recent first), at most 50 rows. Compiled once: it runs on every visit to the portal.
 */
const home = compiledQuery((db, p: QueryParameters<HomeParameters>) =>
  db
    .selectFrom(
      proposals(db, p)
        .unionAll(estimates(db, p))
        .unionAll(requests(db, p))
        .unionAll(acceptances(db, p))
        .unionAll(threads(db, p))
        .unionAll(invoices(db, p))
        .as('waiting'),
    )
    .selectAll('waiting')
    .select([
      total('proposal', 'rows').as('proposals'),
      total('estimate', 'rows').as('estimates'),
      total('request', 'count').as('request_items'),
      total('acceptance', 'rows').as('acceptances'),
      total('thread', 'count').as('unread_messages'),
      total('invoice', 'rows').as('invoices'),
    ])
    .orderBy('waiting.overdue', 'desc')
    .orderBy(sql`case when ${sql.ref('waiting.due_at')} is null then 1 else 0 end`)
    .orderBy('waiting.due_at', 'asc')
    .orderBy('waiting.recent_at', 'desc')
    .orderBy('waiting.id', 'asc')
    .limit(sql.lit(HOME_ITEMS_MAX)),
);

type HomeRow = WaitingRow & Record<'proposals' | 'estimates' | 'request_items' | 'acceptances' | 'unread_messages' | 'invoices', number | string>;

export function toHomeItem(row: WaitingRow, nowMs: number): HomeItem {
  const overdue = Number(row.overdue) === 1;
  const left = row.due_at === null ? null : Date.parse(row.due_at) - nowMs;
  return {
    kind: row.kind,
    id: row.id,
    title: row.title,
    reference: row.reference,
    deadline: row.deadline,
    dueSoon: !overdue && left !== null && left > 0 && left < DUE_SOON_MS,
    overdue,
    amount: row.amount === null || row.currency === null ? null : { amount: Number(row.amount), currency: row.currency },
    count: row.count === null ? null : Number(row.count),
  };
}

/** Everything waiting on the contact's customer, by the rules each section applies (see docs/home.md). */
export async function readPortalHome(db: Kysely<DB>, principal: { customerId: string; contactId: string }, at = new Date()): Promise<PortalHome> {
  const now = at.toISOString();
  const rows = (await home.all(db, { customerId: principal.customerId, contactId: principal.contactId, now, today: todayUtc(at) })) as HomeRow[];
  const first = rows[0];
  const count = (value: number | string | undefined) => Number(value ?? 0);
  return {
    counts: {
      proposals: count(first?.proposals),
      estimates: count(first?.estimates),
      requestItems: count(first?.request_items),
      acceptances: count(first?.acceptances),
      unreadMessages: count(first?.unread_messages),
      invoices: count(first?.invoices),
    },
    items: rows.map((row) => toHomeItem(row, at.getTime())),
  };
}
