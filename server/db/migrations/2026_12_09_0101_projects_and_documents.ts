import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // 'active' | 'archived': an archived project is the team's record only.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    // Numbers the project's comments in the order they were written (timestamps can tie).
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    // The newest change the customer can see (internal comments and unshared documents leave it alone).
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('projects_customer').on('projects').columns(['customer_id', 'status', 'last_activity_at', 'id']).execute();
  await db.schema.createIndex('projects_workspace').on('projects').columns(['workspace_id', 'last_activity_at', 'id']).execute();

  await db.schema
    .createTable('project_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'open' | 'in_progress' | 'done' | 'cancelled'
    .addColumn('status', 'text', (c) => c.notNull())
    // A removed member leaves the task unassigned.
    .addColumn('assignee_member_id', 'text', (c) => c.references('members.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_tasks_project').on('project_tasks').columns(['project_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('time_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    // No foreign key: logged time outlives a member's removal; the name is kept as it was.
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('member_name', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    // Hundredths of an hour, so sums are exact.
    .addColumn('centi_hours', 'integer', (c) => c.notNull())
    .addColumn('billable', 'integer', (c) => c.notNull())
    .addColumn('rate_amount', 'bigint')
    .addColumn('rate_currency', 'text')
    .addColumn('cost_amount', 'bigint')
    .addColumn('cost_currency', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('time_entries_project').on('time_entries').columns(['project_id', 'date', 'id']).execute();

  await db.schema
    .createTable('project_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // 'customer' | 'internal'
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('author_type', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    // The name the customer sees, as it was when the comment was written.
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('project_comments_project').on('project_comments').columns(['project_id', 'seq']).unique().execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    // The cleaned file name, shown and used as the download's filename.
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Where the bytes are in the file store; never leaves the server.
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('uploaded_by_type', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_id', 'text', (c) => c.notNull())
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_project').on('documents').columns(['project_id', 'uploaded_at', 'id']).execute();
  await db.schema.createIndex('documents_customer').on('documents').columns(['customer_id', 'uploaded_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('documents').execute();
  await db.schema.dropTable('project_comments').execute();
  await db.schema.dropTable('time_entries').execute();
  await db.schema.dropTable('project_tasks').execute();
  await db.schema.dropTable('projects').execute();
}
