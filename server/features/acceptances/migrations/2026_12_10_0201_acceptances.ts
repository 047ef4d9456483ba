import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('acceptances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // No foreign key: a deleted document leaves the acceptance (and its evidence) as it was; the
    // document counts as changed from then on.
    .addColumn('document_id', 'text', (c) => c.notNull())
    // The document as it was sent: what the contact reviews and what the certificate names.
    .addColumn('document_name', 'text', (c) => c.notNull())
    .addColumn('document_size', 'bigint', (c) => c.notNull())
    .addColumn('document_content_type', 'text', (c) => c.notNull())
    .addColumn('document_sha256', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    // 'pending' | 'accepted' | 'superseded'; Expired is derived when read (pending past expires_at).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sent_by_type', 'text', (c) => c.notNull())
    .addColumn('sent_by_id', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // The acceptance this one re-sends; one re-send per acceptance.
    .addColumn('resend_of', 'text', (c) => c.references('acceptances.id').onDelete('set null'))
    .addColumn('superseded_by', 'text')
    .addColumn('superseded_at', 'text')
    // The evidence, written once by the accept that wins.
    .addColumn('accepted_at', 'text')
    .addColumn('accepted_name', 'text')
    .addColumn('accepted_contact_id', 'text')
    .addColumn('accepted_contact_name', 'text')
    .addColumn('accepted_contact_email', 'text')
    .addColumn('accepted_ip', 'text')
    .addColumn('accepted_user_agent', 'text')
    .addColumn('accepted_document_sha256', 'text')
    // Set by the one expiry-reminder scan that announces it (acceptance.expiring).
    .addColumn('expiry_reminded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('acceptances_customer_status').on('acceptances').columns(['customer_id', 'status', 'expires_at', 'id']).execute();
  await db.schema.createIndex('acceptances_customer_sent').on('acceptances').columns(['customer_id', 'sent_at', 'id']).execute();
  await db.schema.createIndex('acceptances_workspace_sent').on('acceptances').columns(['workspace_id', 'sent_at', 'id']).execute();
  await db.schema.createIndex('acceptances_pending_expiry').on('acceptances').columns(['status', 'expires_at']).execute();
  await db.schema.createIndex('acceptances_resend_of').on('acceptances').column('resend_of').unique().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('acceptances').execute();
}
