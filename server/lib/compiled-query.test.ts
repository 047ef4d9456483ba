import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import type { CustomerRow, DB } from '../db/schema.js';
import { createTestApp, type TestApp } from '../test-support/app.js';
import { testDialects } from '../test-support/databases.js';
import { compiledQuery, type QueryParameters } from './compiled-query.js';
import { compiledKeysetList, keysetPage } from './keyset.js';

for (const dialect of testDialects) {
  describe(`compiled queries (${dialect})`, () => {
    let t: TestApp;
    let north: string;
    let south: string;
    let builds = 0;
    const customersOf = compiledQuery((db, p: QueryParameters<{ workspaceId: string; after: string }>) => {
      builds++;
      return db.selectFrom('customers').select(['id', 'name']).where('workspace_id', '=', p.workspaceId).where('created_at', '>', p.after).orderBy('id');
    });
    const plain = (workspaceId: string, after: string) =>
      t.app.db.selectFrom('customers').select(['id', 'name']).where('workspace_id', '=', workspaceId).where('created_at', '>', after).orderBy('id').execute();

    before(async () => {
      t = await createTestApp(dialect);
      north = (await t.newWorkspace('North')).workspaceId;
      south = (await t.newWorkspace('South')).workspaceId;
      const rows: CustomerRow[] = [];
      for (let n = 0; n < 9; n++) {
        const workspace_id = n % 3 === 0 ? south : north;
        rows.push({ id: `cus_c${String(n).padStart(3, '0')}`, workspace_id, name: `Customer ${n}`, created_at: `2026-01-0${n + 1}T00:00:00.000Z` });
      }
      await t.app.db.insertInto('customers').values(rows).execute();
    });
    after(() => t.close());

    test('answers what the same Kysely query answers, for each set of parameters, and is built once', async () => {
      builds = 0;
      for (const [workspaceId, after] of [
        [north, '2026-01-01T00:00:00.000Z'],
        [south, '2026-01-01T00:00:00.000Z'],
        [north, '2026-01-05T00:00:00.000Z'],
        [south, '2026-12-31T00:00:00.000Z'],
      ] as const) {
        assert.deepEqual(await customersOf.all(t.app.db, { workspaceId, after }), await plain(workspaceId, after), `${workspaceId} after ${after}`);
      }
      assert.equal((await customersOf.first(t.app.db, { workspaceId: south, after: '2026-01-01T00:00:00.000Z' }))?.name, 'Customer 3');
      assert.equal(await customersOf.first(t.app.db, { workspaceId: 'ws_none', after: '' }), undefined);
      assert.equal(builds, 1, 'the query is built and compiled once for this database');
    });

    test('inside a transaction it reads the transaction’s own writes; outside, a rolled-back write is never seen', async () => {
      const uncommitted = { id: 'cus_uncommitted', workspace_id: north, name: 'Uncommitted', created_at: '2026-02-01T00:00:00.000Z' };
      let outside: Promise<{ id: string }[]> | undefined;
      await assert.rejects(
        t.app.db.transaction().execute(async (trx) => {
          await trx.insertInto('customers').values(uncommitted).execute();
          const inside = await customersOf.all(trx, { workspaceId: north, after: '2026-01-31T00:00:00.000Z' });
          assert.deepEqual(inside.map((row) => row.id), ['cus_uncommitted']);
          // Another request reads meanwhile (not awaited here: on SQLite it waits for the transaction to end).
          outside = customersOf.all(t.app.db, { workspaceId: north, after: '2026-01-31T00:00:00.000Z' });
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.deepEqual(await outside, []);
    });

    test('a compiled write inside a transaction commits or rolls back with it', async () => {
      const addCustomer = compiledQuery((db, p: QueryParameters<CustomerRow>) =>
        db.insertInto('customers').values({ id: p.id, workspace_id: p.workspace_id, name: p.name, created_at: p.created_at }),
      );
      const row = (id: string): CustomerRow => ({ id, workspace_id: south, name: id, created_at: '2026-03-01T00:00:00.000Z' });
      const stored = async (id: string) => (await t.app.db.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst())?.id;
      await assert.rejects(
        t.app.db.transaction().execute(async (trx) => {
          await addCustomer.all(trx, row('cus_rolledback'));
          assert.equal((await customersOf.first(trx, { workspaceId: south, after: '2026-02-28T00:00:00.000Z' }))?.id, 'cus_rolledback');
          throw new Error('roll back');
        }),
        /roll back/,
      );
      assert.equal(await stored('cus_rolledback'), undefined);
      await t.app.db.transaction().execute((trx) => addCustomer.all(trx, row('cus_committed')));
      assert.equal(await stored('cus_committed'), 'cus_committed');
    });

    if (dialect === 'postgres') {
      test('inside a transaction it runs as a named prepared statement on the transaction’s connection', async () => {
        // A statement never run outside this transaction, so no pooled connection has prepared it yet.
        const namedIn = compiledQuery((db, p: QueryParameters<{ workspaceId: string }>) =>
          db.selectFrom('customers').select('name').where('workspace_id', '=', p.workspaceId).where('name', '<>', sql.lit('only-in-a-transaction')),
        );
        const names = await t.app.db.transaction().execute(async (trx) => {
          assert.equal((await namedIn.all(trx, { workspaceId: north })).length, 6);
          const prepared = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(trx);
          return prepared.rows.filter((row) => row.statement.includes('only-in-a-transaction'));
        });
        assert.equal(names.length, 1, JSON.stringify(names));
        assert.match(names[0]!.name, /^taba_/);
      });
    }

    test('a compiled keyset list pages exactly as keysetPage does, in both directions of a cursor', async () => {
      const newest = compiledKeysetList(
        (db: Kysely<DB>, p: QueryParameters<{ workspaceId: string }>) => db.selectFrom('customers').select(['id', 'created_at']).where('workspace_id', '=', p.workspaceId),
        [['created_at', 'desc'], ['id', 'desc']],
      );
      let compiledCursor: string | undefined;
      let plainCursor: string | undefined;
      const seen: string[] = [];
      for (let pages = 0; pages < 10; pages++) {
        const fromCompiled = await newest.page(t.app.db, { workspaceId: north }, { limit: 2, cursor: compiledCursor }, (row) => row.id);
        const query = t.app.db.selectFrom('customers').select(['id', 'created_at']).where('workspace_id', '=', north);
        const fromPlain = await keysetPage(query, [['created_at', 'desc'], ['id', 'desc']], { limit: 2, cursor: plainCursor }, (row) => row.id);
        assert.deepEqual(fromCompiled, fromPlain);
        seen.push(...fromCompiled.items);
        if (!fromCompiled.nextCursor) break;
        compiledCursor = fromCompiled.nextCursor;
        plainCursor = fromPlain.nextCursor ?? undefined;
      }
      assert.deepEqual(seen, ['cus_c008', 'cus_c007', 'cus_c005', 'cus_c004', 'cus_c002', 'cus_c001']);
    });
  });
}
