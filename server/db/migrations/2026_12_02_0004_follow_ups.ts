import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.references('portal_contacts.id').onDelete('set null'))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('assignee_member_id', 'text', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('due_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  // One follow-up per source record and kind: a repeated customer action reopens it instead of adding one.
  await db.schema.createIndex('follow_ups_source').on('follow_ups').columns(['workspace_id', 'source_type', 'source_id', 'kind']).unique().execute();
  await db.schema.createIndex('follow_ups_workspace').on('follow_ups').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('follow_ups_state').on('follow_ups').columns(['workspace_id', 'state', 'created_at', 'id']).execute();
  // The audit trail's reviewer filters (issue 9 item 3) by customer and by actor, in chain order.
  await db.schema.createIndex('audit_events_customer').on('audit_events').columns(['workspace_id', 'customer_id', 'seq']).execute();
  await db.schema.createIndex('audit_events_actor').on('audit_events').columns(['workspace_id', 'actor_id', 'seq']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('audit_events_actor').execute();
  await db.schema.dropIndex('audit_events_customer').execute();
  await db.schema.dropTable('follow_ups').execute();
}
