import type { MailMessage } from '../../lib/mailer.js';
import { htmlDocument } from './html.js';

/** What the outbox stores for an email: enough to render it at delivery, nothing secret. */
export type EmailNotification =
  | { template: 'proposal.sent' | 'proposal.expiring'; workspaceId: string; workspaceName: string; contactName: string; proposalNumber: string; proposalTitle: string; expiresAt: string }
  | { template: 'member.invited'; workspaceName: string; role: string; invitedByName: string | null; expiresAt: string }
  | { template: 'follow_up.assigned'; workspaceName: string; memberName: string; summary: string; customerName: string; dueAt: string | null }
  | { template: 'message.replied'; workspaceId: string; workspaceName: string; contactName: string; threadTitle: string };

export type EmailTemplate = EmailNotification['template'];

export interface RenderContext {
  to: string;
  /** The server's public URL (PUBLIC_URL): links lead to the hosted portal, which asks the contact to sign in. */
  publicUrl: string;
}

/** Renders the stored notification into subject, plain text and HTML with the same words. */
export function renderEmail(notification: EmailNotification, { to, publicUrl }: RenderContext): Omit<MailMessage, 'messageId'> {
  const { subject, paragraphs, action } = compose(notification, publicUrl);
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : [])].join('\n\n') + '\n';
  return { to, subject, text, html: htmlDocument({ title: subject, paragraphs, action }), logLine: `${notification.template}: ${subject}${action ? ` (${action.url})` : ''}` };
}

/** The hosted portal of a workspace; it signs the contact in by email, so the link itself grants nothing. */
export function portalLink(publicUrl: string, workspaceId: string): string {
  return `${publicUrl}/portal?workspace=${encodeURIComponent(workspaceId)}`;
}

function compose(notification: EmailNotification, publicUrl: string): { subject: string; paragraphs: string[]; action?: { label: string; url: string } } {
  switch (notification.template) {
    case 'proposal.sent':
      return {
        subject: `${notification.workspaceName} sent you a proposal: ${notification.proposalTitle}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} sent you proposal ${notification.proposalNumber}, "${notification.proposalTitle}". You can read it and accept or decline it in the customer portal until ${day(notification.expiresAt)}.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Open the proposal in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'proposal.expiring':
      return {
        subject: `Reminder: proposal ${notification.proposalNumber} from ${notification.workspaceName} expires soon`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `Proposal ${notification.proposalNumber}, "${notification.proposalTitle}", from ${notification.workspaceName} is still waiting for your decision and expires on ${day(notification.expiresAt)}.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Review the proposal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'member.invited':
      return {
        subject: `You are invited to join ${notification.workspaceName}`,
        paragraphs: [
          'Hello,',
          // An invitation made with an API key has no person behind it to name.
          `${notification.invitedByName ? `${notification.invitedByName} invited you` : 'You are invited'} to join ${notification.workspaceName} as ${notification.role.replace('_', ' ')}.`,
          `Sign in with the Google account of this email address before ${day(notification.expiresAt)}; after that the invitation expires and has to be sent again.`,
        ],
        action: { label: 'Sign in', url: publicUrl },
      };
    case 'follow_up.assigned':
      return {
        subject: `Follow-up assigned to you: ${notification.summary}`,
        paragraphs: [
          `Hello ${notification.memberName},`,
          `A follow-up for ${notification.customerName} in ${notification.workspaceName} was assigned to you: ${notification.summary}.`,
          notification.dueAt ? `It is due on ${day(notification.dueAt)}.` : 'It has no due date.',
        ],
      };
    case 'message.replied':
      // The message itself stays in the portal: an email is not the place for the conversation's contents.
      return {
        subject: `${notification.workspaceName} replied: ${notification.threadTitle}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} replied to your conversation "${notification.threadTitle}". You can read the reply and answer in the customer portal.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Read the reply in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
  }
}

/** A date a reader understands in any locale: ISO calendar day in UTC. */
function day(iso: string): string {
  return `${iso.slice(0, 10)} (UTC)`;
}
