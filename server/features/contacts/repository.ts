import type { Kysely } from 'kysely';
import type { ContactLocale, CreatePortalContact, PortalContact, UpdatePortalContact } from '../../../sdk/contract/contacts.js';
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
    locale: row.locale,
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
    locale: input.locale ?? null,
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

/** Changes what the input gives; answers the row as it is now, or undefined for a contact not of this customer. */
export function updatePortalContact(
  db: Kysely<DB>,
  workspaceId: string,
  customerId: string,
  contactId: string,
  input: UpdatePortalContact,
): Promise<PortalContactRow | undefined> {
  return db
    .updateTable('portal_contacts')
    .set({
      ...(input.displayName !== undefined && { display_name: input.displayName.trim() }),
      ...(input.role !== undefined && { role: input.role.trim() }),
      ...(input.locale !== undefined && { locale: input.locale }),
    })
    .where('id', '=', contactId)
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .returningAll()
    .executeTakeFirst();
}

/** A contact's own change of language: `changed`, `unchanged` (it was that already), or undefined when the contact is gone. */
export async function setContactLocale(
  db: Kysely<DB>,
  customerId: string,
  contactId: string,
  locale: ContactLocale | null,
): Promise<'changed' | 'unchanged' | undefined> {
  // Only a different language is written: of concurrent identical requests one changes it (the
  // others, waiting on the row, find it already so), and only that one is audited.
  const changed = await db
    .updateTable('portal_contacts')
    .set({ locale })
    .where('id', '=', contactId)
    .where('customer_id', '=', customerId)
    .where((eb) => (locale === null ? eb('locale', 'is not', null) : eb.or([eb('locale', 'is', null), eb('locale', '!=', locale)])))
    .returning('id')
    .executeTakeFirst();
  if (changed) return 'changed';
  const contact = await db.selectFrom('portal_contacts').select('id').where('id', '=', contactId).where('customer_id', '=', customerId).executeTakeFirst();
  return contact ? 'unchanged' : undefined;
}

/**
 * The language of the emails to this address in the workspace: the contact's, or — for a person who
 * is a contact of several customers — that of the oldest of their contacts that has one; null when
 * none has (English).
 */
export async function contactLocale(db: Kysely<DB>, workspaceId: string, email: string): Promise<ContactLocale | null> {
  const row = await db
    .selectFrom('portal_contacts')
    .select('locale')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.trim().toLowerCase())
    .where('locale', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.locale ?? null;
}

/**
 * The language of a sign-in email: the one the sign-in page asked for, else the contact's, else
 * English. A language asked for becomes the language of this address's contacts that have none yet;
 * one already set is only changed by the contact (`PATCH /v1/portal/me`) or the team. Does the same
 * work whether or not the address belongs to a contact.
 */
export async function signInLocale(db: Kysely<DB>, workspaceId: string, email: string, requested: ContactLocale | undefined): Promise<ContactLocale> {
  if (!requested) return (await contactLocale(db, workspaceId, email)) ?? 'en';
  await db
    .updateTable('portal_contacts')
    .set({ locale: requested })
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.trim().toLowerCase())
    .where('locale', 'is', null)
    .execute();
  return requested;
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
