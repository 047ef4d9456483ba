import { createHash } from 'node:crypto';
import type { Compilable, CompiledQuery, DialectAdapter, Kysely } from 'kysely';
import { driverAccessOf, transactionDriverAccessOf, type DriverAccess } from '../db/database.js';
import { registerStatementName } from '../db/named-statements.js';
import type { DB } from '../db/schema.js';

/**
 * A query written once in Kysely, compiled once per database and then run with new parameter
 * values: no query building or SQL compiling on the request path. Use it for the queries every
 * request runs (session checks, list pages).
 *
 *   const liveSession = compiledQuery((db, p: QueryParameters<{ sessionId: string }>) =>
 *     db.selectFrom('portal_sessions').select('id').where('id', '=', p.sessionId));
 *   const row = await liveSession.first(db, { sessionId });
 *
 * The builder sees a placeholder in place of each parameter; it must use them only as values
 * (in `where`, `limit`, `sql` template values…), never to decide the shape of the query: a query
 * of another shape is another `compiledQuery`. Result types flow from the builder. Name the
 * columns rather than `selectAll()`/`returningAll()`: PostgreSQL refuses to run a prepared
 * statement whose result columns changed under it (a migration adding a column while it runs).
 *
 * How it runs. SQLite: the cached prepared statement is run at once: outside a transaction only
 * when none is open on the connection (so it cannot read another request's uncommitted writes;
 * otherwise it waits its turn through Kysely), inside one on the transaction's connection, which
 * is then the only one. PostgreSQL: as a named prepared statement, parsed and planned once per
 * pooled connection: outside a transaction on the pool directly, inside one through Kysely on the
 * transaction's connection (server/db/named-statements.ts names it there).
 */

/** Stands in for a parameter while the query is compiled; never reaches the database. */
class Placeholder {
  constructor(readonly name: string) {}
}

/** What the builder receives: one placeholder per parameter, typed as the value it stands for. */
export type QueryParameters<P extends object> = P;

type Row<Q> = Q extends Compilable<infer O> ? O : never;

export interface CompiledQueryTemplate<P, O> {
  /** Every row. */
  all(db: Kysely<DB>, parameters: P): Promise<O[]>;
  /** The first row, or undefined. */
  first(db: Kysely<DB>, parameters: P): Promise<O | undefined>;
}

interface Compiled {
  query: CompiledQuery;
  /** The name of its PostgreSQL prepared statement: the same SQL text always gets the same name. */
  name: string;
  /** Each SQL parameter: the placeholder of the parameter it takes, or a constant fixed at compile time. */
  slots: readonly (Placeholder | { value: unknown })[];
}

export function compiledQuery<P extends object, Q extends Compilable<unknown>>(
  build: (db: Kysely<DB>, parameters: QueryParameters<P>) => Q,
): CompiledQueryTemplate<P, Row<Q>> {
  // Keyed by the dialect's adapter: one compilation per database (a transaction shares its adapter).
  const byAdapter = new WeakMap<DialectAdapter, Compiled>();
  const compile = (db: Kysely<DB>): Compiled => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      const placeholders = new Proxy({} as QueryParameters<P>, { get: (_target, name) => new Placeholder(String(name)) });
      const query = build(db, placeholders).compile();
      const slots = query.parameters.map((value) => (value instanceof Placeholder ? value : { value }));
      const name = `taba_${createHash('sha256').update(query.sql).digest('base64url').slice(0, 24)}`;
      compiled = { query, name, slots };
      byAdapter.set(adapter, compiled);
      registerStatementName(query.sql, name);
    }
    return compiled;
  };
  const valuesOf = (slots: Compiled['slots'], parameters: P) =>
    slots.map((slot) => (slot instanceof Placeholder ? (parameters as Record<string, unknown>)[slot.name] : slot.value));
  /** The better-sqlite3 statement to run at once, when this query may run on the connection now. */
  const sqliteStatement = (db: Kysely<DB>, sql: string) => {
    const driver: DriverAccess | undefined = db.isTransaction ? transactionDriverAccessOf(db) : driverAccessOf(db);
    if (driver?.dialect !== 'sqlite' || driver.sqlite.inTransaction !== db.isTransaction) return undefined;
    return driver.prepare(sql);
  };
  const run = async (db: Kysely<DB>, parameters: P): Promise<Row<Q>[]> => {
    const { query, name, slots } = compile(db);
    const values = valuesOf(slots, parameters);
    const statement = sqliteStatement(db, query.sql);
    if (statement) {
      if (statement.reader) return statement.all(values) as Row<Q>[];
      statement.run(values);
      return [];
    }
    const driver = db.isTransaction ? undefined : driverAccessOf(db);
    if (driver?.dialect === 'postgres') return (await driver.pool.query({ name, text: query.sql, values })).rows as Row<Q>[];
    return (await db.executeQuery<Row<Q>>({ ...query, parameters: values })).rows;
  };
  return {
    all: run,
    async first(db, parameters) {
      const { query, slots } = compile(db);
      const statement = sqliteStatement(db, query.sql);
      // One row: stepping stops there, and no array is made.
      if (statement?.reader) return statement.get(valuesOf(slots, parameters)) as Row<Q> | undefined;
      return (await run(db, parameters))[0];
    },
  };
}
