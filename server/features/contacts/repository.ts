import type { Kysely } from 'kysely';
import type { CreatePortalContact, PortalContact } from '../../../sdk/contract/contacts.js';
import type { DB, PortalContactRow } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { keysetPage } from '../../lib/keyset.js';
import { Problem } from '../../lib/problem.js';
import { isoNow } from '../../lib/time.js';

export function toPortalContact(row: PortalContactRow): PortalContact {
  return {
    id: row.id,
    customerId: row.customer_id,
    displayName: row.display_name,
    email: row.email,
    role: row.role,
    createdAt: row.created_at,
  };
}

/** Adds a contact; 409 `contact_exists` when the customer has one with that email (the unique key decides, so concurrent requests agree). */
export async function createPortalContact(
  db: Kysely<DB>,
  workspaceId: string,
  customerId: string,
  input: CreatePortalContact,
): Promise<PortalContactRow> {
  const row: PortalContactRow = {
    id: newId('ctc'),
    workspace_id: workspaceId,
    customer_id: customerId,
    display_name: input.displayName.trim(),
    email: input.email.trim().toLowerCase(),
    role: input.role.trim(),
    created_at: isoNow(),
  };
  const inserted = await db
    .insertInto('portal_contacts')
    .values(row)
    .onConflict((oc) => oc.columns(['customer_id', 'email']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) throw new Problem(409, 'contact_exists', 'Contact already exists', 'This customer already has a portal contact with that email.');
  return row;
}

export function findPortalContact(db: Kysely<DB>, workspaceId: string, contactId: string): Promise<PortalContactRow | undefined> {
  return db
    .selectFrom('portal_contacts')
    .selectAll()
    .where('id', '=', contactId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
}

export async function customerHasContact(db: Kysely<DB>, customerId: string): Promise<boolean> {
  const row = await db.selectFrom('portal_contacts').select('id').where('customer_id', '=', customerId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Oldest first. */
export function listPortalContacts(db: Kysely<DB>, customerId: string, limit: number, cursor: string | undefined) {
  const query = db.selectFrom('portal_contacts').selectAll().where('customer_id', '=', customerId);
  return keysetPage(query, [['created_at', 'asc'], ['id', 'asc']], { limit, cursor }, toPortalContact);
}

/**
 * Deletes a customer's contact; its sessions, refresh tokens and unspent client secrets go with it.
 * Returns the row only when this call deleted it, so concurrent removals agree on who did.
 */
export function deletePortalContact(db: Kysely<DB>, workspaceId: string, customerId: string, contactId: string): Promise<PortalContactRow | undefined> {
  return db
    .deleteFrom('portal_contacts')
    .where('id', '=', contactId)
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .returningAll()
    .executeTakeFirst();
}
