import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import type { PortalTokens } from '../../sdk/contract/sessions.js';
import type { MemberSession } from '../../sdk/contract/members.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { hashSecret, newSecret } from '../lib/ids.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../test-support/databases.js';
import { connectDatabase, type Database } from './database.js';
import { migrations } from './migrations/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

const MIGRATION = '2026_12_09_0201_refresh_tokens';
const names = Object.keys(migrations);
const BEFORE = names[names.indexOf(MIGRATION) - 1];

const HOUR = 3600_000;
const iso = (offset: number) => new Date(Date.now() + offset).toISOString();

/** The tokens of sessions written the way the code before the migration wrote them. */
interface OldSessions {
  /** A contact's session: one spent token and the live one that replaced it. */
  contact: { spent: string; live: string };
  /** A second contact session, whose spent token is presented after the upgrade. */
  replayedContact: { spent: string; live: string };
  /** A member's session: the hash of the current token on the row, and of the one it replaced. */
  member: { previous: string; current: string };
  replayedMember: { previous: string; current: string };
}

/** Rows as the schema before the migration held them (raw, since today's DB type no longer describes it). */
async function seedOldSchema(db: Kysely<any>): Promise<OldSessions> {
  const now = iso(0);
  await db.insertInto('workspaces').values({ id: 'ws_old', name: 'Before the upgrade', created_at: now, portal_enabled: 1 }).execute();
  await db.insertInto('customers').values({ id: 'cus_old', workspace_id: 'ws_old', name: 'Old customer', created_at: now }).execute();
  await db
    .insertInto('portal_contacts')
    .values({ id: 'ctc_old', workspace_id: 'ws_old', customer_id: 'cus_old', display_name: 'Old contact', email: 'old@customer.example', role: 'Buyer', created_at: now })
    .execute();
  await db.insertInto('people').values({ id: 'per_old', google_sub: 'google-old', email: 'owner@old.example', name: 'Old owner', created_at: now }).execute();
  await db
    .insertInto('members')
    .values({ id: 'mem_old', workspace_id: 'ws_old', person_id: 'per_old', email: 'owner@old.example', role: 'owner', status: 'active', created_at: now, joined_at: now })
    .execute();

  const contactSession = async (id: string) => {
    const tokens = { spent: newSecret('prt'), live: newSecret('prt') };
    await db
      .insertInto('portal_sessions')
      .values({ id, workspace_id: 'ws_old', customer_id: 'cus_old', contact_id: 'ctc_old', created_at: now, expires_at: iso(24 * HOUR), revoked_at: null })
      .execute();
    await db
      .insertInto('portal_refresh_tokens')
      .values([
        { id: `${id}_1`, session_id: id, token_hash: hashSecret(tokens.spent), expires_at: iso(11 * HOUR), used_at: now, created_at: now },
        { id: `${id}_2`, session_id: id, token_hash: hashSecret(tokens.live), expires_at: iso(12 * HOUR), used_at: null, created_at: now },
      ])
      .execute();
    return tokens;
  };
  const memberSession = async (id: string) => {
    const tokens = { previous: newSecret('mrt'), current: newSecret('mrt') };
    await db
      .insertInto('member_sessions')
      .values({
        id,
        workspace_id: 'ws_old',
        member_id: 'mem_old',
        created_at: now,
        expires_at: iso(10 * HOUR),
        revoked_at: null,
        refresh_token_hash: hashSecret(tokens.current),
        previous_refresh_token_hash: hashSecret(tokens.previous),
      })
      .execute();
    return tokens;
  };
  return {
    contact: await contactSession('sess_old_a'),
    replayedContact: await contactSession('sess_old_b'),
    member: await memberSession('msess_old_a'),
    replayedMember: await memberSession('msess_old_b'),
  };
}

for (const dialect of testDialects) {
  describe(`the refresh_tokens migration (${dialect})`, () => {
    let database: TestDatabase;
    let opened: Database;
    let migrator: Migrator;
    let old: OldSessions;

    before(async () => {
      database = await createTestDatabase(dialect);
      opened = await connectDatabase(database.config);
      const db = opened.db as Kysely<any>;
      const schema = db.getExecutor().adapter instanceof PostgresAdapter ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
      migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
      assert.ok(BEFORE, 'a migration runs before this one');
      const upToBefore = await migrator.migrateTo(BEFORE);
      assert.equal(upToBefore.error, undefined);
      old = await seedOldSchema(db);
    });
    after(async () => {
      await opened.db.destroy().catch(() => undefined);
      await database.drop();
    });

    const tables = async () => (await opened.db.introspection.getTables()).filter((table) => !table.name.startsWith('kysely_'));
    const columnsOf = async (name: string) => (await tables()).find((table) => table.name === name)?.columns.map((column) => column.name) ?? [];

    test('moves every token and drops the old table and columns', async () => {
      const upgraded = await migrator.migrateTo(MIGRATION);
      assert.equal(upgraded.error, undefined);
      assert.ok(!(await tables()).some((table) => table.name === 'portal_refresh_tokens' || table.name === 'member_sessions_old'));
      assert.deepEqual((await columnsOf('member_sessions')).sort(), ['created_at', 'expires_at', 'id', 'member_id', 'revoked_at', 'workspace_id']);
      const rows = await opened.db.selectFrom('refresh_tokens').selectAll().orderBy('token_hash').execute();
      const expected = [
        [old.contact.spent, 'sess_old_a', null, true],
        [old.contact.live, 'sess_old_a', null, false],
        [old.replayedContact.spent, 'sess_old_b', null, true],
        [old.replayedContact.live, 'sess_old_b', null, false],
        [old.member.previous, null, 'msess_old_a', true],
        [old.member.current, null, 'msess_old_a', false],
        [old.replayedMember.previous, null, 'msess_old_b', true],
        [old.replayedMember.current, null, 'msess_old_b', false],
      ] as const;
      assert.deepEqual(
        rows.map((row) => [row.token_hash, row.portal_session_id, row.member_session_id, row.used_at !== null]),
        expected.map(([token, ...rest]) => [hashSecret(token), ...rest]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      const memberSessionEnds = await opened.db.selectFrom('member_sessions').select('expires_at').where('id', '=', 'msess_old_a').executeTakeFirstOrThrow();
      assert.equal(rows.find((row) => row.token_hash === hashSecret(old.member.current))?.expires_at, memberSessionEnds.expires_at, "a member's token lives as long as its session");
    });

    test('down puts the tokens back where they were, and up again moves them once more', async () => {
      const down = await migrator.migrateDown();
      assert.equal(down.error, undefined);
      const db = opened.db as Kysely<any>;
      const member = await db.selectFrom('member_sessions').select(['refresh_token_hash', 'previous_refresh_token_hash']).where('id', '=', 'msess_old_a').executeTakeFirstOrThrow();
      assert.deepEqual(member, { refresh_token_hash: hashSecret(old.member.current), previous_refresh_token_hash: hashSecret(old.member.previous) });
      const contact = await db.selectFrom('portal_refresh_tokens').select(['token_hash', 'used_at']).where('session_id', '=', 'sess_old_a').orderBy('token_hash').execute();
      assert.deepEqual(
        contact.map((row: { token_hash: string; used_at: string | null }) => [row.token_hash, row.used_at !== null]),
        [
          [hashSecret(old.contact.spent), true],
          [hashSecret(old.contact.live), false],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      const up = await migrator.migrateTo(MIGRATION);
      assert.equal(up.error, undefined);
      assert.equal((await opened.db.selectFrom('refresh_tokens').select('token_hash').execute()).length, 8);
    });

    test('after the upgrade the live tokens refresh and the spent ones still end their sessions', async () => {
      const app = await buildApp({ ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config }, { database: opened, logger: false });
      try {
        const refresh = (url: string, refreshToken: string) => app.inject({ method: 'POST', url, remoteAddress: '10.30.0.1', payload: { refreshToken } });
        const portal = (token: string) => refresh('/v1/portal/sessions/refresh', token);
        const member = (token: string) => refresh('/v1/workspace/auth/refresh', token);
        const bearer = (accessToken: string) => ({ authorization: `Bearer ${accessToken}` });

        // A contact's live token rotates, and the rotation goes on.
        const contact = await portal(old.contact.live);
        assert.equal(contact.statusCode, 200, contact.body);
        const contactTokens = contact.json<PortalTokens>();
        assert.equal((await app.inject({ method: 'GET', url: '/v1/portal/me', headers: bearer(contactTokens.accessToken) })).statusCode, 200);
        assert.equal((await portal(contactTokens.refreshToken)).statusCode, 200);
        // A member's current token rotates; the new token keeps the session's end.
        const signedIn = await member(old.member.current);
        assert.equal(signedIn.statusCode, 200, signedIn.body);
        const memberTokens = signedIn.json<MemberSession>();
        assert.equal((await app.inject({ method: 'GET', url: '/v1/workspace/members', headers: bearer(memberTokens.accessToken) })).statusCode, 200);
        assert.equal((await member(memberTokens.refreshToken)).statusCode, 200);

        // Tokens spent before the upgrade are still spent: presenting one ends its session.
        assert.equal((await portal(old.replayedContact.spent)).statusCode, 401);
        assert.equal((await portal(old.replayedContact.live)).statusCode, 401, 'the replay ended the contact session');
        assert.equal((await member(old.replayedMember.previous)).statusCode, 401);
        assert.equal((await member(old.replayedMember.current)).statusCode, 401, 'the replay ended the member session');
        // A member token is not a contact token, nor the reverse.
        assert.equal((await portal(old.member.current)).statusCode, 401);
        const revoked = await opened.db.selectFrom('member_sessions').select(['id', 'revoked_at']).orderBy('id').execute();
        assert.deepEqual(
          revoked.map((row) => [row.id, row.revoked_at !== null]),
          [
            ['msess_old_a', false],
            ['msess_old_b', true],
          ],
        );
      } finally {
        await app.close();
      }
    });

    test("a session's tokens go with it: removing a member or a contact deletes them", async () => {
      // app.close() closed the shared connection; open the same database again.
      opened = await connectDatabase(database.config);
      const remaining = async () => (await opened.db.selectFrom('refresh_tokens').select(['portal_session_id', 'member_session_id']).execute()).length;
      assert.ok((await remaining()) > 8);
      await opened.db.deleteFrom('members').where('id', '=', 'mem_old').execute();
      assert.equal(await opened.db.selectFrom('refresh_tokens').select('token_hash').where('member_session_id', 'is not', null).executeTakeFirst(), undefined);
      await opened.db.deleteFrom('portal_contacts').where('id', '=', 'ctc_old').execute();
      assert.equal(await remaining(), 0);
      await assert.rejects(
        opened.db.insertInto('refresh_tokens').values({ token_hash: 'x', portal_session_id: null, member_session_id: null, expires_at: iso(HOUR), used_at: null, created_at: iso(0) }).execute(),
        'a token belongs to exactly one session',
      );
    });
  });
}
