import { PostgresAdapter, sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * One table for the refresh tokens of portal sessions and member sessions
 * (server/lib/refresh-tokens.ts). Until now contacts had a row per token in
 * `portal_refresh_tokens` and members kept the current and previous token's hash on
 * `member_sessions`; both move here, so a token handed out before the upgrade keeps working and
 * a spent one presented again still ends its session.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (db) => {
    const postgres = isPostgres(db);
    // SQLite cannot drop a UNIQUE column, so it rebuilds member_sessions without the two columns
    // and reads the tokens from the old table; the rename comes first, before any table refers to it.
    const memberTokens = postgres ? 'member_sessions' : 'member_sessions_old';
    if (!postgres) {
      await db.schema.alterTable('member_sessions').renameTo('member_sessions_old').execute();
      await createMemberSessions(db);
      await db
        .insertInto('member_sessions')
        .columns(['id', 'workspace_id', 'member_id', 'created_at', 'expires_at', 'revoked_at'])
        .expression(db.selectFrom('member_sessions_old').select(['id', 'workspace_id', 'member_id', 'created_at', 'expires_at', 'revoked_at']))
        .execute();
    }

    await db.schema
      .createTable('refresh_tokens')
      // Only the hash of a token is stored, and it is how a presented token is found.
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      // The session the token renews, of either kind; deleting the session deletes its tokens.
      .addColumn('portal_session_id', 'text', (c) => c.references('portal_sessions.id').onDelete('cascade'))
      .addColumn('member_session_id', 'text', (c) => c.references('member_sessions.id').onDelete('cascade'))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      // Set when the token is spent; presenting it again revokes the session.
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addCheckConstraint('refresh_tokens_one_session', sql`(portal_session_id is null) <> (member_session_id is null)`)
      .execute();
    await db.schema.createIndex('refresh_tokens_portal_session').on('refresh_tokens').column('portal_session_id').execute();
    await db.schema.createIndex('refresh_tokens_member_session').on('refresh_tokens').column('member_session_id').execute();

    await db
      .insertInto('refresh_tokens')
      .columns(['token_hash', 'portal_session_id', 'expires_at', 'used_at', 'created_at'])
      .expression(db.selectFrom('portal_refresh_tokens').select(['token_hash', 'session_id', 'expires_at', 'used_at', 'created_at']))
      .execute();
    // A member's token lived as long as its session. The current one is live; the one it replaced
    // is spent (when exactly is not known: now will do), so replaying it still ends the session.
    await db
      .insertInto('refresh_tokens')
      .columns(['token_hash', 'member_session_id', 'expires_at', 'used_at', 'created_at'])
      .expression(
        db
          .selectFrom(memberTokens)
          .select(['refresh_token_hash', 'id', 'expires_at', sql<null>`null`.as('used_at'), 'created_at'])
          .where('refresh_token_hash', 'is not', null),
      )
      .execute();
    await db
      .insertInto('refresh_tokens')
      .columns(['token_hash', 'member_session_id', 'expires_at', 'used_at', 'created_at'])
      .expression(
        db
          .selectFrom(memberTokens)
          .select(['previous_refresh_token_hash', 'id', 'expires_at', sql.val(new Date().toISOString()).as('used_at'), 'created_at'])
          .where('previous_refresh_token_hash', 'is not', null),
      )
      .execute();

    await db.schema.dropTable('portal_refresh_tokens').execute();
    if (postgres) {
      // The unique constraint and the index on the two columns go with them.
      await db.schema.alterTable('member_sessions').dropColumn('refresh_token_hash').dropColumn('previous_refresh_token_hash').execute();
    } else {
      await db.schema.dropTable('member_sessions_old').execute();
      await db.schema.createIndex('member_sessions_member').on('member_sessions').column('member_id').execute();
    }
  });
}

/** Back to a table of contacts' tokens and two hashes on each member session: its newest live token and newest spent one. */
export async function down(db: Kysely<any>): Promise<void> {
  await inTransaction(db, async (db) => {
    await db.schema
      .createTable('portal_refresh_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('portal_sessions.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto('portal_refresh_tokens')
      .columns(['id', 'session_id', 'token_hash', 'expires_at', 'used_at', 'created_at'])
      .expression(
        db
          .selectFrom('refresh_tokens')
          .select([sql<string>`'prt_' || substr(token_hash, 1, 20)`.as('id'), 'portal_session_id', 'token_hash', 'expires_at', 'used_at', 'created_at'])
          .where('portal_session_id', 'is not', null),
      )
      .execute();

    // SQLite cannot add a UNIQUE column; a unique index does the same on both.
    await db.schema.alterTable('member_sessions').addColumn('refresh_token_hash', 'text').execute();
    await db.schema.alterTable('member_sessions').addColumn('previous_refresh_token_hash', 'text').execute();
    await db.schema.createIndex('member_sessions_refresh_token_hash').on('member_sessions').column('refresh_token_hash').unique().execute();
    await db.schema.createIndex('member_sessions_previous_refresh').on('member_sessions').column('previous_refresh_token_hash').execute();
    const newest = (spent: boolean) =>
      db
        .selectFrom('refresh_tokens as t')
        .select('t.token_hash')
        .whereRef('t.member_session_id', '=', 'member_sessions.id')
        .where('t.used_at', spent ? 'is not' : 'is', null)
        .orderBy(spent ? 't.used_at' : 't.created_at', 'desc')
        .limit(1);
    await db
      .updateTable('member_sessions')
      .set((eb) => ({ refresh_token_hash: eb.selectFrom(newest(false).as('n')).select('n.token_hash'), previous_refresh_token_hash: eb.selectFrom(newest(true).as('p')).select('p.token_hash') }))
      .execute();

    await db.schema.dropTable('refresh_tokens').execute();
  });
}

async function createMemberSessions(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('member_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
}

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Kysely runs a PostgreSQL migration in a transaction but a SQLite one without; this one moves
 * data and rebuilds a table, so on SQLite it takes a transaction itself: all of it or none.
 */
async function inTransaction(db: Kysely<any>, run: (db: Kysely<any>) => Promise<void>): Promise<void> {
  if (db.isTransaction) await run(db);
  else await db.transaction().execute(run);
}
