import type { Kysely } from 'kysely';
import type { ContactLocale } from '../../../sdk/contract/contacts.js';
import type { PortalBrand, PortalProfile } from '../../../sdk/contract/profile.js';
import type { DB } from '../../db/schema.js';

/** The signed-in contact and their customer; undefined once the contact has been removed. */
export async function findPortalProfile(db: Kysely<DB>, customerId: string, contactId: string): Promise<PortalProfile | undefined> {
  const row = await db
    .selectFrom('portal_contacts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .innerJoin('workspaces as w', 'w.id', 'cu.workspace_id')
    .select(['c.id', 'c.display_name', 'c.email', 'c.role', 'c.locale', 'cu.id as customer_id', 'cu.name as customer_name'])
    .select(brandColumns)
    .where('c.id', '=', contactId)
    .where('c.customer_id', '=', customerId)
    .executeTakeFirst();
  return row && toPortalProfile(row);
}

function toPortalProfile(
  row: { id: string; display_name: string; email: string; role: string; locale: ContactLocale | null; customer_id: string; customer_name: string } & BrandRow,
): PortalProfile {
  return {
    contact: { id: row.id, displayName: row.display_name, email: row.email, role: row.role, locale: row.locale },
    customer: { id: row.customer_id, name: row.customer_name },
    brand: toPortalBrand(row),
  };
}

/** The workspace columns a brand is made of (the workspace joined as `w`). */
const brandColumns = ['w.name as workspace_name', 'w.brand_name', 'w.brand_logo_url', 'w.brand_accent_color'] as const;

interface BrandRow {
  workspace_name: string;
  brand_name: string | null;
  brand_logo_url: string | null;
  brand_accent_color: string | null;
}

/** The brand as the portal shows it: the brand name set in the settings, else the workspace's name. */
export function toPortalBrand(row: BrandRow): PortalBrand {
  return { name: row.brand_name ?? row.workspace_name, logoUrl: row.brand_logo_url, accentColor: row.brand_accent_color };
}

/** A workspace's brand; undefined for an unknown workspace. */
export function findWorkspaceBrand(db: Kysely<DB>, workspaceId: string): Promise<PortalBrand | undefined> {
  return db
    .selectFrom('workspaces as w')
    .select(brandColumns)
    .where('w.id', '=', workspaceId)
    .executeTakeFirst()
    .then((row) => row && toPortalBrand(row));
}
