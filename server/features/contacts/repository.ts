import type { Kysely } from 'kysely';
import type { CreatePortalContact, PortalContact } from '../../../sdk/contract/contacts.js';
import type { DB, PortalContactRow } from '../../db/schema.js';
import { decodeCursor, toPage } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
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
  await db.insertInto('portal_contacts').values(row).execute();
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

export async function findContactByEmail(db: Kysely<DB>, customerId: string, email: string): Promise<PortalContactRow | undefined> {
  return db
    .selectFrom('portal_contacts')
    .selectAll()
    .where('customer_id', '=', customerId)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function customerHasContact(db: Kysely<DB>, customerId: string): Promise<boolean> {
  const row = await db.selectFrom('portal_contacts').select('id').where('customer_id', '=', customerId).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function listPortalContacts(db: Kysely<DB>, customerId: string, limit: number, cursor: string | undefined) {
  const position = decodeCursor(cursor);
  let query = db.selectFrom('portal_contacts').selectAll().where('customer_id', '=', customerId);
  if (position) {
    query = query.where((eb) => eb(eb.refTuple('created_at', 'id'), '>', eb.tuple(position.after, position.id)));
  }
  const rows = await query.orderBy('created_at').orderBy('id').limit(limit + 1).execute();
  return toPage(rows, limit, (row) => ({ after: row.created_at, id: row.id }), toPortalContact);
}

/** Deletes a contact; its sessions, refresh tokens and unspent client secrets go with it. */
export async function deletePortalContact(db: Kysely<DB>, contactId: string): Promise<void> {
  await db.deleteFrom('portal_contacts').where('id', '=', contactId).execute();
}
