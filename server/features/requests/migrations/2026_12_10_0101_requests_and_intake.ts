import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  // One row per workspace, incremented in the transaction that creates a request: numbers are
  // consecutive, and a rolled-back creation takes its number back with it.
  await db.schema
    .createTable('information_request_counters')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('next_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('information_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
    // 'REQ-0001', per workspace.
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    // 'draft' | 'sent' | 'in_progress' | 'completed' | 'cancelled'
    .addColumn('status', 'text', (c) => c.notNull())
    // Kept with every item change in the same transaction, so a list shows progress without counting.
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('accepted_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .addColumn('completed_at', 'text')
    .addColumn('cancelled_at', 'text')
    .execute();
  await db.schema.createIndex('information_requests_number').on('information_requests').columns(['workspace_id', 'number']).unique().execute();
  await db.schema.createIndex('information_requests_customer').on('information_requests').columns(['customer_id', 'sent_at', 'id']).execute();
  await db.schema.createIndex('information_requests_workspace').on('information_requests').columns(['workspace_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('information_request_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('request_id', 'text', (c) => c.notNull().references('information_requests.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    // 'text' | 'file'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    // 'awaiting_response' | 'under_review' | 'accepted' | 'returned'
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('return_reason', 'text')
    // The latest answer: a text, or a file whose bytes are in the intake item named here.
    .addColumn('answer_text', 'text')
    .addColumn('answer_intake_id', 'text')
    .addColumn('answer_file_name', 'text')
    .addColumn('answer_file_size', 'bigint')
    .addColumn('answer_file_type', 'text')
    .addColumn('answer_file_sha256', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('answered_by_contact_id', 'text')
    // Who accepted or returned the latest answer: the team's record, never the portal's.
    .addColumn('reviewed_by_type', 'text')
    .addColumn('reviewed_by_id', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('information_request_items_position').on('information_request_items').columns(['request_id', 'position']).unique().execute();

  await db.schema
    .createTable('intake_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    // No foreign key: what a contact provided stays on record after the contact is removed.
    .addColumn('contact_id', 'text', (c) => c.notNull())
    // 'request_item' (payment proof later)
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'pending' | 'accepted' | 'rejected' | 'superseded'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_request_id', 'text', (c) => c.notNull())
    .addColumn('source_item_id', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_size', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // In the file store under the workspace's quarantine prefix; never leaves the server.
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('reviewed_by_type', 'text')
    .addColumn('reviewed_by_id', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reject_reason', 'text')
    .addColumn('published_document_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('intake_items_workspace').on('intake_items').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('intake_items_status').on('intake_items').columns(['workspace_id', 'status', 'created_at', 'id']).execute();
  await db.schema.createIndex('intake_items_source_item').on('intake_items').columns(['source_item_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_items').execute();
  await db.schema.dropTable('information_request_items').execute();
  await db.schema.dropTable('information_requests').execute();
  await db.schema.dropTable('information_request_counters').execute();
}
