import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  // The Customer Portal module is off until an owner or manager enables it.
  await db.schema.alterTable('workspaces').addColumn('portal_enabled', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  await db.schema
    .createTable('workspace_origins')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('workspace_origins_pk', ['workspace_id', 'origin'])
    .execute();
  await db.schema.createIndex('workspace_origins_origin').on('workspace_origins').column('origin').execute();

  await db.schema.alterTable('api_keys').addColumn('scope', 'text', (c) => c.notNull().defaultTo('full')).execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('google_sub', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // An invitation is a member row with status 'invited' and no person yet; it counts toward the cap.
  await db.schema
    .createTable('members')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.references('people.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('invited_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text')
    .addUniqueConstraint('members_workspace_email', ['workspace_id', 'email'])
    .execute();
  await db.schema.createIndex('members_person').on('members').column('person_id').execute();
  await db.schema.createIndex('members_email').on('members').column('email').execute();

  await db.schema
    .createTable('member_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    // Only hashes: the current refresh token, and the one it replaced so that replaying it ends the session.
    .addColumn('refresh_token_hash', 'text', (c) => c.unique())
    .addColumn('previous_refresh_token_hash', 'text')
    .execute();
  await db.schema.createIndex('member_sessions_member').on('member_sessions').column('member_id').execute();
  await db.schema.createIndex('member_sessions_previous_refresh').on('member_sessions').column('previous_refresh_token_hash').execute();

  // The origin a tenant backend minted the secret for; the exchange must come from it.
  await db.schema.alterTable('portal_session_secrets').addColumn('origin', 'text').execute();

  await db.schema
    .createTable('portal_sign_in_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('link_hash', 'text', (c) => c.notNull().unique())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    // Set when a verified contact of several customers still has to choose one.
    .addColumn('choice_hash', 'text', (c) => c.unique())
    .addColumn('choice_expires_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('portal_sign_in_challenges_email')
    .on('portal_sign_in_challenges')
    .columns(['workspace_id', 'email', 'created_at'])
    .execute();
  // Sign-in finds a workspace's contacts by email; an index keeps a known and an unknown address equally quick.
  await db.schema.createIndex('portal_contacts_workspace_email').on('portal_contacts').columns(['workspace_id', 'email']).execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('portal_contacts_workspace_email').ifExists().execute();
  for (const table of ['rate_limits', 'portal_sign_in_challenges', 'member_sessions', 'members', 'people', 'workspace_origins']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  await db.schema.alterTable('portal_session_secrets').dropColumn('origin').execute();
  await db.schema.alterTable('api_keys').dropColumn('scope').execute();
  await db.schema.alterTable('workspaces').dropColumn('portal_enabled').execute();
}
