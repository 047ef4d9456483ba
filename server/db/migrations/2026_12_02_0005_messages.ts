import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    // Numbers the thread's messages in the order they were written (timestamps can tie).
    .addColumn('message_count', 'integer', (c) => c.notNull().defaultTo(0))
    // Counters the unread counts subtract read markers from, so a list never counts messages.
    .addColumn('customer_message_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('team_message_count', 'integer', (c) => c.notNull().defaultTo(0))
    // The newest message the customer can see; internal notes move only last_activity_at.
    .addColumn('last_message_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('threads_customer').on('threads').columns(['customer_id', 'last_message_at', 'id']).execute();
  await db.schema.createIndex('threads_workspace').on('threads').columns(['workspace_id', 'last_activity_at', 'id']).execute();
  await db.schema.createIndex('threads_subject').on('threads').columns(['customer_id', 'subject_type', 'subject_id']).execute();

  await db.schema
    .createTable('thread_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    // The name the customer sees, as it was when the message was written.
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('thread_messages_thread').on('thread_messages').columns(['thread_id', 'seq']).unique().execute();

  // How many of the other side's messages a reader had when they last read: a contact, or `team`.
  await db.schema
    .createTable('thread_read_markers')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('threads.id').onDelete('cascade'))
    .addColumn('reader', 'text', (c) => c.notNull())
    .addColumn('read_count', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('thread_read_markers_pk', ['thread_id', 'reader'])
    .execute();

  // One row per Idempotency-Key of a caller: the request's fingerprint and the answer it got.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('response', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expiry').on('idempotency_keys').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.dropTable('thread_read_markers').execute();
  await db.schema.dropTable('thread_messages').execute();
  await db.schema.dropTable('threads').execute();
}
