import type { MailMessage } from '../../lib/mailer.js';
import { htmlDocument } from './html.js';

/** What the outbox stores for an email: enough to render it at delivery, nothing secret. */
export type EmailNotification =
  | { template: 'proposal.sent' | 'proposal.expiring'; workspaceId: string; workspaceName: string; contactName: string; proposalNumber: string; proposalTitle: string; expiresAt: string }
  | { template: 'member.invited'; workspaceName: string; role: string; invitedByName: string | null; expiresAt: string }
  | { template: 'follow_up.assigned'; workspaceName: string; memberName: string; summary: string; customerName: string; dueAt: string | null }
  | { template: 'message.replied'; workspaceId: string; workspaceName: string; contactName: string; threadTitle: string }
  | { template: 'acceptance.sent' | 'acceptance.expiring'; workspaceId: string; workspaceName: string; contactName: string; acceptanceTitle: string; documentName: string; expiresAt: string }
  | { template: 'invoice.sent'; workspaceId: string; workspaceName: string; contactName: string; invoiceNumber: string; total: string; amountDue: string; dueDate: string }
  | { template: 'request.sent'; workspaceId: string; workspaceName: string; contactName: string; requestNumber: string; requestTitle: string; itemCount: number }
  | { template: 'request.item_returned'; workspaceId: string; workspaceName: string; contactName: string; requestNumber: string; requestTitle: string; itemPrompt: string; reason: string }
  | { template: 'request.item_answered'; workspaceName: string; memberName: string; contactName: string; customerName: string; requestNumber: string; requestTitle: string; itemPosition: number; itemPrompt: string; itemKind: 'text' | 'file' }
  | { template: 'estimate.sent'; workspaceId: string; workspaceName: string; contactName: string; estimateNumber: string; estimateTitle: string; total: string; validUntil: string }
  | { template: 'estimate.approved' | 'estimate.declined'; workspaceName: string; memberName: string; contactName: string; customerName: string; estimateNumber: string; estimateTitle: string; total: string; version: number; approvedName: string | null; reason: string | null }
  | { template: 'acceptance.accepted'; workspaceId: string; workspaceName: string; contactName: string; acceptanceTitle: string; documentName: string; documentSha256: string; acceptedAt: string; fullName: string }
  | { template: 'delivery.exception'; workspaceId: string; workspaceName: string; contactName: string; carrier: string; trackingReference: string; reference: string | null; note: string; occurredAt: string }
  | { template: 'payment_proof.accepted' | 'payment_proof.rejected'; workspaceId: string; workspaceName: string; contactName: string; invoiceNumber: string; amount: string; paidOn: string; reference: string; amountDue: string; reason: string | null };

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
    case 'acceptance.sent':
      return {
        subject: `${notification.workspaceName} asks you to accept: ${notification.acceptanceTitle}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} sent you "${notification.documentName}" for formal acceptance ("${notification.acceptanceTitle}"). You can review the document and accept it in the customer portal until ${moment(notification.expiresAt)}.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Review the document in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'acceptance.expiring':
      return {
        subject: `Reminder: "${notification.acceptanceTitle}" from ${notification.workspaceName} expires soon`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `"${notification.documentName}" from ${notification.workspaceName} ("${notification.acceptanceTitle}") is still waiting for your acceptance and can no longer be accepted after ${moment(notification.expiresAt)}.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Review the document', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'request.sent':
      return {
        subject: `${notification.workspaceName} needs some information from you: ${notification.requestTitle}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} sent you request ${notification.requestNumber}, "${notification.requestTitle}", with ${notification.itemCount === 1 ? 'one item' : `${notification.itemCount} items`} to answer or provide. You can answer each item and upload files in the customer portal.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Open the request in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'invoice.sent':
      // Amounts arrive formatted exactly from integers ("1234.50 USD"); dates are the invoice's calendar dates.
      return {
        subject: `${notification.workspaceName} sent you invoice ${notification.invoiceNumber}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} sent you invoice ${notification.invoiceNumber} for ${notification.total}. The amount due is ${notification.amountDue}, payable by ${notification.dueDate}. You can view and download it in the customer portal.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Open the invoice in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'request.item_returned':
      // The reason is the team's words to the contact; the email says what to fix, the portal takes the new answer.
      return {
        subject: `${notification.workspaceName} returned an answer on ${notification.requestNumber}: ${notification.requestTitle}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} returned your answer to "${notification.itemPrompt}" on request ${notification.requestNumber}, "${notification.requestTitle}".`,
          `Their reason: ${notification.reason}`,
          'You can answer it again in the customer portal, which asks you to sign in with this email address first.',
        ],
        action: { label: 'Answer again in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'request.item_answered':
      // To the team. The answer itself stays in the workspace (it may be a VAT number or a file in
      // quarantine), and the team has no web app of this product to link to: the email says where.
      return {
        subject: `${notification.contactName} ${notification.itemKind === 'file' ? 'provided a file' : 'answered'} on ${notification.requestNumber}: ${shortened(notification.itemPrompt)}`,
        paragraphs: [
          `Hello ${notification.memberName},`,
          `${notification.contactName} (${notification.customerName}) ${notification.itemKind === 'file' ? 'provided a file for' : 'answered'} item ${notification.itemPosition}, "${shortened(notification.itemPrompt)}", of request ${notification.requestNumber}, "${notification.requestTitle}", in ${notification.workspaceName}.`,
          notification.itemKind === 'file'
            ? 'The file waits in the intake queue until someone accepts it. Review it in your workspace.'
            : 'Review it in your workspace: accept the answer, or return it with a reason.',
        ],
      };
    case 'estimate.sent':
      // The total is the exact amount in major units with its code (e.g. "1,234.50 USD" is left to the portal).
      return {
        subject: `${notification.workspaceName} sent you an estimate: ${notification.estimateTitle}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} sent you estimate ${notification.estimateNumber}, "${notification.estimateTitle}", for ${notification.total}. You can review it and approve or decline it in the customer portal until ${notification.validUntil}.`,
          'The portal asks you to sign in with this email address first.',
        ],
        action: { label: 'Open the estimate in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'estimate.approved':
    case 'estimate.declined':
      // To the team, like an answered request: what the customer decided, and where to act on it.
      return {
        subject: `${notification.contactName} ${notification.template === 'estimate.approved' ? 'approved' : 'declined'} ${notification.estimateNumber}: ${shortened(notification.estimateTitle)}`,
        paragraphs: [
          `Hello ${notification.memberName},`,
          notification.template === 'estimate.approved'
            ? `${notification.contactName} (${notification.customerName}) approved estimate ${notification.estimateNumber}, "${notification.estimateTitle}" (version ${notification.version}, ${notification.total}), in ${notification.workspaceName}, typing the name "${notification.approvedName ?? ''}".`
            : `${notification.contactName} (${notification.customerName}) declined estimate ${notification.estimateNumber}, "${notification.estimateTitle}" (${notification.total}), in ${notification.workspaceName}.`,
          ...(notification.template === 'estimate.declined' ? [`Their reason: ${notification.reason ?? ''}`] : []),
          notification.template === 'estimate.approved' ? 'Convert it into an invoice in your workspace when you are ready.' : 'Follow it up in your workspace.',
        ],
      };
    case 'acceptance.accepted':
      // The contact's receipt: what they agreed to, identified by its fingerprint, and where the evidence is.
      return {
        subject: `You accepted "${notification.acceptanceTitle}" from ${notification.workspaceName}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `This confirms that you accepted "${notification.documentName}" ("${notification.acceptanceTitle}") from ${notification.workspaceName} on ${instant(notification.acceptedAt)}, typing the name "${notification.fullName}".`,
          `The document you accepted has the SHA-256 fingerprint ${notification.documentSha256}.`,
          'The evidence certificate of your acceptance is in the customer portal, which asks you to sign in with this email address first.',
        ],
        action: { label: 'Open the acceptance in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'delivery.exception':
      // The carrier's note is the tenant's logistics text, shown as plain text (the HTML is escaped).
      return {
        subject: `A problem with your delivery from ${notification.workspaceName}${notification.reference ? ` (${notification.reference})` : ''}`,
        paragraphs: [
          `Hello ${notification.contactName},`,
          `${notification.workspaceName} reports a problem with your delivery${notification.reference ? ` for ${notification.reference}` : ''}, sent with ${notification.carrier} (tracking ${notification.trackingReference}), on ${instant(notification.occurredAt)}:`,
          notification.note,
          'The delivery\'s timeline is in the customer portal, which asks you to sign in with this email address first.',
        ],
        action: { label: 'Track the delivery in the portal', url: portalLink(publicUrl, notification.workspaceId) },
      };
    case 'payment_proof.accepted':
    case 'payment_proof.rejected':
      // Amounts arrive as exact decimals with their code ("1234.50 USD"); the reason is the team's words to the contact.
      return notification.template === 'payment_proof.accepted'
        ? {
            subject: `${notification.workspaceName} confirmed your payment of ${notification.amount} for ${notification.invoiceNumber}`,
            paragraphs: [
              `Hello ${notification.contactName},`,
              `${notification.workspaceName} accepted your proof of payment of ${notification.amount}, paid on ${notification.paidOn} (reference ${notification.reference}), and recorded the payment on invoice ${notification.invoiceNumber}. The amount now due is ${notification.amountDue}.`,
              'The invoice is in the customer portal, which asks you to sign in with this email address first.',
            ],
            action: { label: 'Open the invoice in the portal', url: portalLink(publicUrl, notification.workspaceId) },
          }
        : {
            subject: `${notification.workspaceName} could not accept your proof of payment for ${notification.invoiceNumber}`,
            paragraphs: [
              `Hello ${notification.contactName},`,
              `${notification.workspaceName} could not accept your proof of payment of ${notification.amount}, paid on ${notification.paidOn} (reference ${notification.reference}), for invoice ${notification.invoiceNumber}.`,
              `Their reason: ${notification.reason ?? ''}`,
              `The amount due is still ${notification.amountDue}. You can send another proof in the customer portal, which asks you to sign in with this email address first.`,
            ],
            action: { label: 'Open the invoice in the portal', url: portalLink(publicUrl, notification.workspaceId) },
          };
  }
}

/** A prompt as an email names it: one line, at most 80 characters. */
function shortened(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length > 80 ? `${characters.slice(0, 79).join('').trimEnd()}…` : line;
}

/** A time to the second in UTC: when something was agreed, on a receipt. */
function instant(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} (UTC)`;
}

/** A date a reader understands in any locale: ISO calendar day in UTC. */
function day(iso: string): string {
  return `${iso.slice(0, 10)} (UTC)`;
}

/** A time to the minute in UTC: an acceptance can expire within the day. */
function moment(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} (UTC)`;
}
