import type { ContactLocale } from '../../../sdk/contract/contacts.js';

// The column added by migrations/2026_12_12_0101_contact_locale.ts, merged into the shared table's type.
declare module '../../db/schema.js' {
  interface PortalContactTable {
    /** The language of the contact's emails; null is English. */
    locale: ContactLocale | null;
  }
}
