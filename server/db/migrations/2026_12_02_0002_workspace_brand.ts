import type { Kysely } from 'kysely';

/* eslint-disable @typescript-eslint/no-explicit-any */

// How the portal presents the workspace; null everywhere shows the portal's defaults.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').addColumn('brand_name', 'text').execute();
  await db.schema.alterTable('workspaces').addColumn('brand_logo_url', 'text').execute();
  await db.schema.alterTable('workspaces').addColumn('brand_accent_color', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('workspaces').dropColumn('brand_accent_color').execute();
  await db.schema.alterTable('workspaces').dropColumn('brand_logo_url').execute();
  await db.schema.alterTable('workspaces').dropColumn('brand_name').execute();
}
