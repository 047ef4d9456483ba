import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AuditEvent } from '../../sdk/contract/audit.js';
import type { Page, Problem } from '../../sdk/contract/common.js';
import type { CustomerRow } from '../db/schema.js';
import { createTestApp, type TestApp } from '../test-support/app.js';
import { testDialects } from '../test-support/databases.js';
import { encodeCursor } from './cursor.js';
import { keysetPage } from './keyset.js';

for (const dialect of testDialects) {
  describe(`keyset pagination (${dialect})`, () => {
    let t: TestApp;
    let workspaceId: string;
    // Three timestamps shared by several rows each: only the tie-break keeps pages from skipping or repeating.
    const customers: CustomerRow[] = [];

    before(async () => {
      t = await createTestApp(dialect);
      ({ workspaceId } = await t.newWorkspace('Keyset'));
      const times = ['2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z', '2026-01-03T00:00:00.000Z'];
      for (let n = 0; n < 11; n++) {
        customers.push({ id: `cus_k${String((n * 7) % 11).padStart(3, '0')}`, workspace_id: workspaceId, name: `Customer ${n}`, created_at: times[n % 3] ?? '' });
      }
      await t.app.db.insertInto('customers').values(customers).execute();
    });
    after(() => t.close());

    /** Every page of the list, two rows at a time, as the ids a user would see in order. */
    const listed = async (order: 'oldest' | 'newest' | 'newest, ids ascending') => {
      const query = () => t.app.db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId);
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page =
          order === 'oldest'
            ? await keysetPage(query(), [['created_at', 'asc'], ['id', 'asc']], { limit: 2, cursor }, (row) => row.id)
            : order === 'newest'
              ? await keysetPage(query(), [['created_at', 'desc'], ['id', 'desc']], { limit: 2, cursor }, (row) => row.id)
              : await keysetPage(query(), [['created_at', 'desc'], ['id', 'asc']], { limit: 2, cursor }, (row) => row.id);
        assert.ok(page.items.length <= 2);
        ids.push(...page.items);
        if (page.nextCursor === null) return ids;
        cursor = page.nextCursor;
      }
      throw new Error('the list never ended');
    };
    const sorted = (compare: (a: CustomerRow, b: CustomerRow) => number) => [...customers].sort(compare).map((row) => row.id);
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

    test('pages through tied sort values in every direction without skipping or repeating a row', async () => {
      assert.deepEqual(await listed('oldest'), sorted((a, b) => byText(a.created_at, b.created_at) || byText(a.id, b.id)));
      assert.deepEqual(await listed('newest'), sorted((a, b) => byText(b.created_at, a.created_at) || byText(b.id, a.id)));
      assert.deepEqual(await listed('newest, ids ascending'), sorted((a, b) => byText(b.created_at, a.created_at) || byText(a.id, b.id)));
    });

    test('the last page says there is no next one', async () => {
      const page = await keysetPage(t.app.db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId), [['created_at', 'asc'], ['id', 'asc']], { limit: 11 }, (row) => row.id);
      assert.equal(page.items.length, 11);
      assert.equal(page.nextCursor, null);
    });

    test('the audit trail pages in chain order by its integer sequence, and refuses a cursor whose sequence is not an integer', async () => {
      // A workspace of its own, so its customers do not join the lists above.
      const audited = await t.newWorkspace('Audited');
      const as = (method: 'GET' | 'POST', url: string, payload?: object) =>
        t.app.inject({ method, url, payload, headers: { authorization: `Bearer ${audited.apiKey}` } });
      const call = (url: string) => as('GET', url);
      const customer = (await as('POST', '/v1/workspace/customers', { name: 'Audited' })).json<{ id: string }>();
      for (let n = 0; n < 5; n++) {
        const draft = { customerId: customer.id, title: `Proposal ${n}`, feeModel: 'fixed_fee', fee: { amount: 100, currency: 'USD' }, expiresAt: '2099-01-01T00:00:00.000Z' };
        assert.equal((await as('POST', '/v1/workspace/proposals', draft)).statusCode, 201);
      }
      const all = (await call('/v1/workspace/audit-events?limit=100')).json<Page<AuditEvent>>().items;
      assert.ok(all.length >= 5, `events: ${all.length}`);
      const seen: number[] = [];
      let url = '/v1/workspace/audit-events?limit=2';
      for (;;) {
        const page = (await call(url)).json<Page<AuditEvent>>();
        seen.push(...page.items.map((event) => event.seq));
        if (page.nextCursor === null) break;
        url = `/v1/workspace/audit-events?limit=2&cursor=${page.nextCursor}`;
      }
      assert.deepEqual(seen, all.map((event) => event.seq));
      assert.deepEqual(seen, [...seen].sort((a, b) => a - b));

      for (const after of ['1.5', 'x', '9007199254740993']) {
        const response = await call(`/v1/workspace/audit-events?cursor=${encodeCursor({ after, id: 'evt_x' })}`);
        assert.equal(response.statusCode, 400, after);
        assert.equal(response.json<Problem>().code, 'invalid_cursor', after);
      }
    });
  });
}
