import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/**
 * PostgreSQL named prepared statements for SQL run through Kysely: the compiled queries of
 * server/lib/compiled-query.ts register their SQL text here, and the pool Kysely is given runs
 * such text as a named statement, parsed and planned once per connection. Inside a transaction
 * (where compiled queries go through Kysely, on the transaction's connection) a compiled query
 * then costs the server what it costs outside one. Any other SQL runs as before.
 */

/** SQL text → its statement name (the same text always gets the same name). */
const statementNames = new Map<string, string>();

export function registerStatementName(sql: string, name: string): void {
  statementNames.set(sql, name);
}

export function statementNameOf(sql: string): string | undefined {
  return statementNames.get(sql);
}

/**
 * The pool as Kysely's PostgresDialect takes it. Each pg client gets one wrapper, kept for as long
 * as the client lives: Kysely keeps one connection object per client it is handed.
 */
export function namedStatementPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    function query(sqlOrCursor: unknown, parameters?: readonly unknown[]): unknown {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as pg.Submittable);
      const name = statementNames.get(sqlOrCursor);
      const values = parameters as unknown[];
      return name ? client.query({ name, text: sqlOrCursor, values }) : client.query(sqlOrCursor, values);
    }
    return { query: query as PostgresPoolClient['query'], release: (destroy) => client.release(destroy) };
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}
