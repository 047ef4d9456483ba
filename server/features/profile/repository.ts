import type { Kysely } from 'kysely';
import type { PortalProfile } from '../../../sdk/contract/profile.js';
import type { DB } from '../../db/schema.js';

/** The signed-in contact and their customer; undefined once the contact has been removed. */
export async function findPortalProfile(db: Kysely<DB>, customerId: string, contactId: string): Promise<PortalProfile | undefined> {
  const row = await db
    .selectFrom('portal_contacts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id', 'c.display_name', 'c.email', 'c.role', 'cu.id as customer_id', 'cu.name as customer_name'])
    .where('c.id', '=', contactId)
    .where('c.customer_id', '=', customerId)
    .executeTakeFirst();
  return row && toPortalProfile(row);
}

function toPortalProfile(row: { id: string; display_name: string; email: string; role: string; customer_id: string; customer_name: string }): PortalProfile {
  return {
    contact: { id: row.id, displayName: row.display_name, email: row.email, role: row.role },
    customer: { id: row.customer_id, name: row.customer_name },
  };
}
