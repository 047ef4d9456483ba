import type { MailMessage } from '../../lib/mailer.js';

export interface SignInMailInput {
  to: string;
  workspaceName: string;
  code: string;
  link: string;
  validMinutes: number;
}

/** The email a contact receives: the code to type, and a link that signs in on the hosted page. */
export function signInMail({ to, workspaceName, code, link, validMinutes }: SignInMailInput): MailMessage {
  return {
    to,
    subject: `Your sign-in code for ${workspaceName}`,
    text: [
      'Hello,',
      '',
      `Use this code to sign in to the customer portal of ${workspaceName}:`,
      '',
      `    ${code}`,
      '',
      'Or open this link to sign in directly:',
      '',
      link,
      '',
      `The code and the link work once and expire in ${validMinutes} minutes.`,
      'If you did not ask to sign in, you can ignore this email.',
      '',
    ].join('\n'),
    logLine: `sign-in for ${to}: code ${code}, link ${link}`,
  };
}

/** The hosted page with the link token in the fragment, which browsers never send to a server. */
export function signInLink(publicUrl: string, workspaceId: string, linkToken: string): string {
  return `${publicUrl}/portal?workspace=${encodeURIComponent(workspaceId)}#signin=${encodeURIComponent(linkToken)}`;
}
