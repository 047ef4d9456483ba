import { sql, type Expression, type ExtractTypeFromStringReference, type Kysely, type SelectQueryBuilder, type SqlBool, type StringReference } from 'kysely';
import type { Page } from '../../sdk/contract/common.js';
import type { DB as Schema } from '../db/schema.js';
import { compiledQuery, type CompiledQueryTemplate, type QueryParameters } from './compiled-query.js';
import { decodeCursor, encodeCursor, invalidCursor } from './cursor.js';

export type SortDirection = 'asc' | 'desc';

/** `m.created_at` is read back from a row as `created_at`. */
type ColumnName<Reference extends string> = Reference extends `${string}.${infer Column}` ? Column : Reference;

/** A column the query can sort by and also returns, so the last row can say where the next page starts. */
type SelectedColumn<DB, TB extends keyof DB, Row> = {
  [Reference in StringReference<DB, TB>]: ColumnName<Reference & string> extends keyof Row ? Reference : never;
}[StringReference<DB, TB>];

/**
 * One sort column and its direction. A cursor carries text, so an integer column says so and its
 * cursor value is read back as a number (and refused when it is not one).
 */
export type KeysetColumn<DB, TB extends keyof DB, Row> = {
  [Reference in SelectedColumn<DB, TB, Row>]: ExtractTypeFromStringReference<DB, TB, Reference> extends number
    ? readonly [column: Reference, direction: SortDirection, type: 'integer']
    : readonly [column: Reference, direction: SortDirection];
}[SelectedColumn<DB, TB, Row>];

/** The sort column, then a unique column that breaks its ties: both values of a row make its cursor. */
export type Keyset<DB, TB extends keyof DB, Row> = readonly [sort: KeysetColumn<DB, TB, Row>, tieBreak: KeysetColumn<DB, TB, Row>];

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

type CursorValue = string | number;

/**
 * Runs a keyset-paginated list: the order, the "after the cursor" condition and the next cursor
 * all come from the one `keyset` declaration, so a page can never skip or repeat rows because a
 * `<` was written where the order needed a `>`.
 */
export async function keysetPage<DB, TB extends keyof DB, Row, Item>(
  query: SelectQueryBuilder<DB, TB, Row>,
  keyset: Keyset<DB, TB, Row>,
  page: PageRequest,
  toItem: (row: Row) => Item,
): Promise<Page<Item>> {
  const [sort, tieBreak] = keyset.map(toSortKey) as [SortKey, SortKey];
  const position = decodeCursor(page.cursor);
  let paged = query;
  if (position) paged = paged.where(afterPosition(sort, tieBreak, [sort.read(position.after), tieBreak.read(position.id)]));
  for (const key of [sort, tieBreak]) paged = paged.orderBy(sql.ref(key.reference), key.direction);
  const rows = await paged.limit(page.limit + 1).execute();
  return toPage(rows, page.limit, sort, tieBreak, toItem);
}

/** The largest page a list schema allows (`PageQuery`); a compiled list keeps a statement per page size up to it. */
const MAX_PAGE_LIMIT = 100;

/** Names the page parameters take in a compiled list; a list's own parameters must not use them. */
interface PagePosition {
  afterSort: CursorValue;
  afterTieBreak: CursorValue;
}

/**
 * `keysetPage` for a hot list: the query is written once and compiled once per database for each
 * of its two shapes (first page, page after a cursor), then run with new parameter values (see
 * compiled-query.ts). `query` may use its parameters only as values.
 *
 *   const customerProposals = compiledKeysetList(
 *     (db: Kysely<DB>, p: QueryParameters<{ customerId: string }>) => db.selectFrom('proposals').select(columns).where('customer_id', '=', p.customerId),
 *     [['sent_at', 'desc'], ['id', 'desc']],
 *   );
 *   customerProposals.page(db, { customerId }, { limit, cursor }, toItem);
 */
export function compiledKeysetList<P extends object, QueryDB, TB extends keyof QueryDB, Row>(
  query: (db: Kysely<Schema>, parameters: QueryParameters<P>) => SelectQueryBuilder<QueryDB, TB, Row>,
  keyset: NoInfer<Keyset<QueryDB, TB, Row>>,
) {
  const [sort, tieBreak] = keyset.map(toSortKey) as [SortKey, SortKey];
  const ordered = (built: SelectQueryBuilder<QueryDB, TB, Row>) => {
    let paged = built;
    for (const key of [sort, tieBreak]) paged = paged.orderBy(sql.ref(key.reference), key.direction);
    return paged;
  };
  // The limit is written into the SQL, one statement per page size (a list allows up to 100): SQLite
  // (3.46 and later) plans a LIMIT bound as a parameter with its value, so it prepares such a
  // statement again on every run, which costs more than reading the page.
  const firstPages = new Map<number, CompiledQueryTemplate<P, Row>>();
  const afterCursors = new Map<number, CompiledQueryTemplate<P & PagePosition, Row>>();
  const firstPage = (rows: number) => {
    let template = firstPages.get(rows);
    if (!template) {
      template = compiledQuery((db, p: QueryParameters<P>) => ordered(query(db, p)).limit(sql.lit(rows))) as CompiledQueryTemplate<P, Row>;
      firstPages.set(rows, template);
    }
    return template;
  };
  const afterCursor = (rows: number) => {
    let template = afterCursors.get(rows);
    if (!template) {
      template = compiledQuery((db, p: QueryParameters<P & PagePosition>) =>
        ordered(query(db, p).where(afterPosition(sort, tieBreak, [p.afterSort, p.afterTieBreak]))).limit(sql.lit(rows)),
      ) as CompiledQueryTemplate<P & PagePosition, Row>;
      afterCursors.set(rows, template);
    }
    return template;
  };
  return {
    async page<Item>(db: Kysely<Schema>, parameters: P, page: PageRequest, toItem: (row: Row) => Item): Promise<Page<Item>> {
      if (!Number.isSafeInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE_LIMIT) throw new Error(`page limit ${page.limit} out of range`);
      const position = decodeCursor(page.cursor);
      const rows = position
        ? await afterCursor(page.limit + 1).all(db, { ...parameters, afterSort: sort.read(position.after), afterTieBreak: tieBreak.read(position.id) })
        : await firstPage(page.limit + 1).all(db, parameters);
      return toPage(rows, page.limit, sort, tieBreak, toItem);
    },
  };
}

/** One more row than the page was asked for says that there is a next page. */
function toPage<Row, Item>(rows: Row[], limit: number, sort: SortKey, tieBreak: SortKey, toItem: (row: Row) => Item): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(toItem),
    nextCursor: hasMore && last !== undefined ? encodeCursor({ after: sort.write(last), id: tieBreak.write(last) }) : null,
  };
}

interface SortKey {
  reference: string;
  direction: SortDirection;
  /** The value a cursor holds, as the column compares it. */
  read(text: string): CursorValue;
  /** The value of this column on a returned row, as a cursor holds it. */
  write(row: unknown): string;
}

function toSortKey(column: readonly [string, SortDirection, 'integer'?]): SortKey {
  const [reference, direction, type] = column;
  const name = reference.slice(reference.lastIndexOf('.') + 1);
  return {
    reference,
    direction,
    read(text) {
      if (type !== 'integer') return text;
      const value = Number(text);
      if (!Number.isSafeInteger(value)) throw invalidCursor();
      return value;
    },
    write(row) {
      const value = (row as Record<string, unknown>)[name];
      // A null sort value would make a cursor that finds nothing; the query must filter those rows out.
      if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`keyset column ${reference} is ${String(value)} on a listed row`);
      return String(value);
    },
  };
}

/** Rows strictly after `values` in the order the keys sort by. */
function afterPosition(sort: SortKey, tieBreak: SortKey, [sortValue, tieBreakValue]: [CursorValue, CursorValue]): Expression<SqlBool> {
  const beyond = (key: SortKey) => sql.raw(key.direction === 'asc' ? '>' : '<');
  if (sort.direction === tieBreak.direction) {
    // A row value comparison, so an index on (sort, tie-break) serves it on both dialects.
    return sql<SqlBool>`(${sql.ref(sort.reference)}, ${sql.ref(tieBreak.reference)}) ${beyond(sort)} (${sortValue}, ${tieBreakValue})`;
  }
  return sql<SqlBool>`(${sql.ref(sort.reference)} ${beyond(sort)} ${sortValue} or (${sql.ref(sort.reference)} = ${sortValue} and ${sql.ref(tieBreak.reference)} ${beyond(tieBreak)} ${tieBreakValue}))`;
}
