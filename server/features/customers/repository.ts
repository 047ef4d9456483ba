import type { Kysely } from 'kysely';
import type { Customer } from '../../../sdk/contract/customers.js';
import type { CustomerRow, DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { keysetPage } from '../../lib/keyset.js';
import { isoNow } from '../../lib/time.js';

export function toCustomer(row: CustomerRow): Customer {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

export async function createCustomer(db: Kysely<DB>, workspaceId: string, name: string): Promise<CustomerRow> {
  const row: CustomerRow = { id: newId('cus'), workspace_id: workspaceId, name, created_at: isoNow() };
  await db.insertInto('customers').values(row).execute();
  return row;
}

export function findCustomer(db: Kysely<DB>, workspaceId: string, customerId: string): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('customers')
    .selectAll()
    .where('id', '=', customerId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

/** Oldest first. */
export function listCustomers(db: Kysely<DB>, workspaceId: string, limit: number, cursor: string | undefined) {
  const query = db.selectFrom('customers').selectAll().where('workspace_id', '=', workspaceId);
  return keysetPage(query, [['created_at', 'asc'], ['id', 'asc']], { limit, cursor }, toCustomer);
}
