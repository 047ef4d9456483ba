import type { CreateTableBuilder, Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Estimates, invoices, payments, payment proof and deliveries. Money columns are bigint integers
 * of the currency's minor unit; dates without a time (valid until, issue, due, paid on) are
 * `YYYY-MM-DD` text; times are ISO-8601 UTC text as everywhere else.
 */

/** The computed amounts of one line, the same for estimates and invoices. */
function lineColumns<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return table
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    // Thousandths: 1.5 is 1500.
    .addColumn('quantity_milli', 'bigint', (c) => c.notNull())
    .addColumn('unit_amount', 'bigint', (c) => c.notNull())
    .addColumn('tax_rate_bp', 'integer', (c) => c.notNull())
    .addColumn('discount_bp', 'integer', (c) => c.notNull())
    .addColumn('gross_amount', 'bigint', (c) => c.notNull())
    .addColumn('discount_amount', 'bigint', (c) => c.notNull())
    .addColumn('net_amount', 'bigint', (c) => c.notNull())
    .addColumn('tax_amount', 'bigint', (c) => c.notNull())
    .addColumn('total_amount', 'bigint', (c) => c.notNull())
    // Internal: what one unit costs the tenant; never reaches the portal.
    .addColumn('unit_cost', 'bigint');
}

/** A document's totals: sums of its lines. */
function totalColumns<T extends string>(table: CreateTableBuilder<T, any>): CreateTableBuilder<T, any> {
  return table
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('subtotal', 'bigint', (c) => c.notNull())
    .addColumn('discount_total', 'bigint', (c) => c.notNull())
    .addColumn('tax_total', 'bigint', (c) => c.notNull())
    .addColumn('total', 'bigint', (c) => c.notNull());
}

export async function up(db: Kysely<any>): Promise<void> {
  // EST-0001 and INV-0001 per workspace: the row is taken in the creating transaction.
  await db.schema
    .createTable('finance_counters')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // 'estimate' | 'invoice'
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('next_number', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('finance_counters_pk', ['workspace_id', 'kind'])
    .execute();

  await totalColumns(
    db.schema
      .createTable('estimates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      // What the customer reads ('' when none).
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      // Never reaches the portal.
      .addColumn('internal_note', 'text', (c) => c.notNull().defaultTo(''))
      // 'draft' | 'sent' | 'approved' | 'declined' | 'converted'; Expired is derived (sent, past valid_until).
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      // Bumped by every edit; an approval names the version the contact saw.
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)),
  )
    .addColumn('sent_at', 'text')
    .addColumn('sent_by_type', 'text')
    .addColumn('sent_by_id', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approved_name', 'text')
    .addColumn('approved_version', 'integer')
    .addColumn('approved_contact_id', 'text')
    .addColumn('approved_ip', 'text')
    .addColumn('approved_user_agent', 'text')
    .addColumn('declined_at', 'text')
    .addColumn('declined_reason', 'text')
    .addColumn('declined_contact_id', 'text')
    .addColumn('converted_invoice_id', 'text')
    .addColumn('converted_at', 'text')
    .addColumn('expiry_notified_at', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('estimates_number', ['workspace_id', 'number'])
    .execute();
  await db.schema.createIndex('estimates_customer').on('estimates').columns(['customer_id', 'status', 'sent_at', 'id']).execute();
  await db.schema.createIndex('estimates_workspace').on('estimates').columns(['workspace_id', 'created_at', 'id']).execute();

  await lineColumns(
    db.schema
      .createTable('estimate_lines')
      .addColumn('estimate_id', 'text', (c) => c.notNull().references('estimates.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('estimate_lines_pk', ['estimate_id', 'position'])
    .execute();

  await totalColumns(
    db.schema
      .createTable('invoices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
      .addColumn('project_id', 'text', (c) => c.references('projects.id').onDelete('set null'))
      // The estimate it was converted from.
      .addColumn('estimate_id', 'text', (c) => c.references('estimates.id').onDelete('set null'))
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('internal_note', 'text', (c) => c.notNull().defaultTo(''))
      // 'draft' | 'issued' | 'void'. Open, partially paid, paid and overdue are derived from
      // amount_paid, total and due_date when read.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('issue_date', 'text', (c) => c.notNull())
      .addColumn('due_date', 'text', (c) => c.notNull()),
  )
    // Σ payments, kept in the transaction that records each payment.
    .addColumn('amount_paid', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('sent_at', 'text')
    .addColumn('sent_by_type', 'text')
    .addColumn('sent_by_id', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('void_reason', 'text')
    // Set by the one scan that announces invoice.overdue.
    .addColumn('overdue_notified_at', 'text')
    .addColumn('paid_at', 'text')
    .addColumn('created_by_type', 'text', (c) => c.notNull())
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('invoices_number', ['workspace_id', 'number'])
    .execute();
  await db.schema.createIndex('invoices_customer_issue').on('invoices').columns(['customer_id', 'issue_date', 'id']).execute();
  await db.schema.createIndex('invoices_customer_currency').on('invoices').columns(['customer_id', 'currency', 'issue_date']).execute();
  await db.schema.createIndex('invoices_workspace').on('invoices').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('invoices_due').on('invoices').columns(['state', 'due_date']).execute();
  await db.schema.createIndex('invoices_estimate').on('invoices').column('estimate_id').unique().execute();

  await lineColumns(
    db.schema
      .createTable('invoice_lines')
      .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('invoice_lines_pk', ['invoice_id', 'position'])
    .execute();

  await db.schema
    .createTable('payments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    // 'bank_transfer' | 'card' | 'cash' | 'cheque' | 'other'
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull().defaultTo(''))
    // 'team' | 'payment_proof'
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('payment_proof_id', 'text')
    .addColumn('recorded_by_type', 'text', (c) => c.notNull())
    .addColumn('recorded_by_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('payments_invoice').on('payments').columns(['invoice_id', 'paid_on', 'id']).execute();
  await db.schema.createIndex('payments_customer').on('payments').columns(['customer_id', 'currency', 'paid_on', 'id']).execute();
  await db.schema.createIndex('payments_proof').on('payments').column('payment_proof_id').unique().execute();

  await db.schema
    .createTable('payment_proofs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.notNull())
    // The file, held in the intake queue (kind 'payment_proof').
    .addColumn('intake_item_id', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('paid_on', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    // 'under_review' | 'accepted' | 'rejected'
    .addColumn('status', 'text', (c) => c.notNull())
    // Flags for the reviewer, fixed when submitted: 0 or 1.
    .addColumn('exceeds_amount_due', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reference_already_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('reject_reason', 'text')
    .addColumn('payment_id', 'text')
    .addColumn('reviewed_by_type', 'text')
    .addColumn('reviewed_by_id', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .execute();
  await db.schema.createIndex('payment_proofs_invoice').on('payment_proofs').columns(['invoice_id', 'submitted_at', 'id']).execute();
  await db.schema.createIndex('payment_proofs_reference').on('payment_proofs').columns(['workspace_id', 'reference']).execute();
  await db.schema.createIndex('payment_proofs_idempotency').on('payment_proofs').columns(['contact_id', 'idempotency_key']).unique().execute();

  await db.schema
    .createTable('deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id').onDelete('cascade'))
    .addColumn('invoice_id', 'text', (c) => c.references('invoices.id').onDelete('set null'))
    .addColumn('estimate_id', 'text', (c) => c.references('estimates.id').onDelete('set null'))
    .addColumn('order_reference', 'text')
    .addColumn('carrier', 'text', (c) => c.notNull())
    .addColumn('tracking_reference', 'text', (c) => c.notNull())
    // The latest event's type ('pending' before any): 'scheduled' | 'dispatched' | 'in_transit' | 'delivered' | 'exception'.
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('last_event_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('deliveries_customer').on('deliveries').columns(['customer_id', 'updated_at', 'id']).execute();
  await db.schema.createIndex('deliveries_workspace').on('deliveries').columns(['workspace_id', 'created_at', 'id']).execute();

  await db.schema
    .createTable('delivery_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('delivery_id', 'text', (c) => c.notNull().references('deliveries.id').onDelete('cascade'))
    // The event's own id in the tenant's logistics system: a repeated event is stored once.
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('delivery_events_external', ['delivery_id', 'external_id'])
    .execute();
  await db.schema.createIndex('delivery_events_timeline').on('delivery_events').columns(['delivery_id', 'occurred_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['delivery_events', 'deliveries', 'payment_proofs', 'payments', 'invoice_lines', 'invoices', 'estimate_lines', 'estimates', 'finance_counters']) {
    await db.schema.dropTable(table).execute();
  }
}
