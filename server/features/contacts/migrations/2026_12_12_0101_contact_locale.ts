import { sql, type Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// The language of a contact's emails: 'en', 'de' or 'ar', the languages the portal speaks; null
// until the team, the contact or their first sign-in sets one (emails are in English meanwhile).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('portal_contacts')
    .addColumn('locale', 'text', (column) => column.check(sql`locale in ('en', 'de', 'ar')`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('portal_contacts').dropColumn('locale').execute();
}
