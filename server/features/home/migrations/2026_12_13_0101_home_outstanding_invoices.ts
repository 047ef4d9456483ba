import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The home counts every invoice of the customer with an amount due on every visit. Without this,
// that is a read of all the customer's issued invoices (10,000 over five years for a busy one);
// with it, of the outstanding ones only. Partial: it holds nothing for paid, void or draft
// invoices, so it stays small and costs nothing when they change.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('invoices_outstanding')
    .on('invoices')
    .columns(['customer_id', 'due_date'])
    .where(sql<boolean>`state = 'issued' and amount_paid < total`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('invoices_outstanding').execute();
}
