import type { ContactLocale } from '../../../sdk/contract/contacts.js';
import type { MailMessage } from '../../lib/mailer.js';
import { emailCatalogues } from '../notifications/locales/index.js';

export interface SignInMailInput {
  to: string;
  workspaceName: string;
  code: string;
  link: string;
  validMinutes: number;
  /** The language of the email (notifications/locales); English without one. */
  locale?: ContactLocale;
}

/** The email a contact receives: the code to type, and a link that signs in on the hosted page. */
export function signInMail({ to, workspaceName, code, link, validMinutes, locale = 'en' }: SignInMailInput): MailMessage {
  const t = emailCatalogues[locale];
  return {
    to,
    subject: t['signIn.subject']({ workspace: workspaceName }),
    text: [
      t['signIn.greeting'],
      '',
      t['signIn.code']({ workspace: workspaceName }),
      '',
      `    ${code}`,
      '',
      t['signIn.link'],
      '',
      link,
      '',
      t['signIn.expiry']({ minutes: validMinutes }),
      t['signIn.ignore'],
      '',
    ].join('\n'),
    logLine: `sign-in for ${to}: code ${code}, link ${link}`,
    logLevel: 'info',
  };
}

/** The hosted page with the link token in the fragment, which browsers never send to a server. */
export function signInLink(publicUrl: string, workspaceId: string, linkToken: string): string {
  return `${publicUrl}/portal?workspace=${encodeURIComponent(workspaceId)}#signin=${encodeURIComponent(linkToken)}`;
}
