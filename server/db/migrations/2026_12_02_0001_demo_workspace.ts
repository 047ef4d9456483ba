import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// `start --demo` remembers its demo workspace in the database it seeded, so each database keeps its own.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_workspace')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('api_key_id', 'text', (c) => c.notNull().references('api_keys.id').onDelete('cascade'))
    // The demo key in clear, so that every start can print it again; only the demo workspace has one.
    .addColumn('api_key', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull().references('portal_contacts.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_workspace').execute();
}
