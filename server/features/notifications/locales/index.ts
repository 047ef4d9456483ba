import type { ContactLocale } from '../../../../sdk/contract/contacts.js';
import { ar } from './ar.js';
import { de } from './de.js';
import { en, type EmailCatalogue } from './en.js';

export type { EmailCatalogue } from './en.js';

/** Every language a contact's emails are written in, with its words. */
export const emailCatalogues: Readonly<Record<ContactLocale, EmailCatalogue>> = { en, de, ar };

/** Languages written right to left: their HTML emails say `dir="rtl"`. */
const RIGHT_TO_LEFT: ReadonlySet<ContactLocale> = new Set(['ar']);

/** The language of an email: the contact's, or English when they have none (or a stored value is unknown). */
export function emailLocale(locale: string | null | undefined): ContactLocale {
  return locale && Object.hasOwn(emailCatalogues, locale) ? (locale as ContactLocale) : 'en';
}

export function emailDirection(locale: ContactLocale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}
