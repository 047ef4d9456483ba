import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { contactLocale } from '../contacts/repository.js';
import { isContactEmail, type EmailNotification } from './templates.js';

/**
 * The notification with its reader's language: for an email to a contact, the language of the
 * contact with that address in the workspace (`contactLocale`), read in the transaction that
 * enqueues it, so every attempt of the email is in the same language. Team emails, and contacts
 * without a language, stay English.
 */
export async function withReaderLanguage(db: Kysely<DB>, workspaceId: string, to: string, notification: EmailNotification): Promise<EmailNotification> {
  if (!isContactEmail(notification) || notification.locale) return notification;
  const locale = await contactLocale(db, workspaceId, to);
  return locale ? { ...notification, locale } : notification;
}
