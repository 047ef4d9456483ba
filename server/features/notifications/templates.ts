import type { ContactLocale } from '../../../sdk/contract/contacts.js';
import type { MailMessage } from '../../lib/mailer.js';
import { emailFormat } from './format.js';
import { htmlDocument } from './html.js';
import { emailCatalogues, emailLocale } from './locales/index.js';

/** Emails to a portal contact: written in the contact's language (`locale`, set when enqueued; English without one). */
type ContactEmail =
  | { template: 'proposal.sent' | 'proposal.expiring'; workspaceId: string; workspaceName: string; contactName: string; proposalNumber: string; proposalTitle: string; expiresAt: string }
  | { template: 'message.replied'; workspaceId: string; workspaceName: string; contactName: string; threadTitle: string }
  | { template: 'acceptance.sent' | 'acceptance.expiring'; workspaceId: string; workspaceName: string; contactName: string; acceptanceTitle: string; documentName: string; expiresAt: string }
  | { template: 'invoice.sent'; workspaceId: string; workspaceName: string; contactName: string; invoiceNumber: string; total: string; amountDue: string; dueDate: string }
  | { template: 'request.sent'; workspaceId: string; workspaceName: string; contactName: string; requestNumber: string; requestTitle: string; itemCount: number }
  | { template: 'request.item_returned'; workspaceId: string; workspaceName: string; contactName: string; requestNumber: string; requestTitle: string; itemPrompt: string; reason: string }
  | { template: 'estimate.sent'; workspaceId: string; workspaceName: string; contactName: string; estimateNumber: string; estimateTitle: string; total: string; validUntil: string }
  | { template: 'acceptance.accepted'; workspaceId: string; workspaceName: string; contactName: string; acceptanceTitle: string; documentName: string; documentSha256: string; acceptedAt: string; fullName: string }
  | { template: 'delivery.exception'; workspaceId: string; workspaceName: string; contactName: string; carrier: string; trackingReference: string; reference: string | null; note: string; occurredAt: string }
  | { template: 'payment_proof.accepted' | 'payment_proof.rejected'; workspaceId: string; workspaceName: string; contactName: string; invoiceNumber: string; amount: string; paidOn: string; reference: string; amountDue: string; reason: string | null };

/** Emails to the team: in English. */
type TeamEmail =
  | { template: 'member.invited'; workspaceName: string; role: string; invitedByName: string | null; expiresAt: string }
  | { template: 'follow_up.assigned'; workspaceName: string; memberName: string; summary: string; customerName: string; dueAt: string | null }
  | { template: 'request.item_answered'; workspaceName: string; memberName: string; contactName: string; customerName: string; requestNumber: string; requestTitle: string; itemPosition: number; itemPrompt: string; itemKind: 'text' | 'file' }
  | { template: 'estimate.approved' | 'estimate.declined'; workspaceName: string; memberName: string; contactName: string; customerName: string; estimateNumber: string; estimateTitle: string; total: string; version: number; approvedName: string | null; reason: string | null };

/**
 * What the outbox stores for an email: enough to render it at delivery, nothing secret. Amounts
 * arrive as exact decimals with their code (`1234.50 USD`), times as ISO timestamps, calendar dates
 * as `YYYY-MM-DD`; a contact's email formats them for its language when it is rendered.
 */
export type EmailNotification = (ContactEmail & { locale?: ContactLocale }) | TeamEmail;

export type EmailTemplate = EmailNotification['template'];

/** Who reads each template; a new template must say, so it cannot go out in the wrong language. */
const READER: Readonly<Record<EmailTemplate, 'contact' | 'team'>> = {
  'proposal.sent': 'contact',
  'proposal.expiring': 'contact',
  'message.replied': 'contact',
  'acceptance.sent': 'contact',
  'acceptance.expiring': 'contact',
  'acceptance.accepted': 'contact',
  'invoice.sent': 'contact',
  'request.sent': 'contact',
  'request.item_returned': 'contact',
  'estimate.sent': 'contact',
  'delivery.exception': 'contact',
  'payment_proof.accepted': 'contact',
  'payment_proof.rejected': 'contact',
  'member.invited': 'team',
  'follow_up.assigned': 'team',
  'request.item_answered': 'team',
  'estimate.approved': 'team',
  'estimate.declined': 'team',
};

/** The templates written in the contact's language. */
export const contactTemplates: readonly EmailTemplate[] = (Object.keys(READER) as EmailTemplate[]).filter((template) => READER[template] === 'contact');

/** Whether the email goes to a portal contact, and so is written in the contact's language. */
export function isContactEmail(notification: EmailNotification): notification is ContactEmail & { locale?: ContactLocale } {
  return READER[notification.template] === 'contact';
}

export interface RenderContext {
  to: string;
  /** The server's public URL (PUBLIC_URL): links lead to the hosted portal, which asks the contact to sign in. */
  publicUrl: string;
}

interface Composed {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

/** Renders the stored notification into subject, plain text and HTML with the same words, in the reader's language. */
export function renderEmail(notification: EmailNotification, { to, publicUrl }: RenderContext): Omit<MailMessage, 'messageId'> {
  const locale = isContactEmail(notification) ? emailLocale(notification.locale) : 'en';
  const { subject, paragraphs, action } = isContactEmail(notification) ? composeForContact(notification, locale, publicUrl) : composeForTeam(notification, publicUrl);
  const text = [...paragraphs, ...(action ? [`${action.label}: ${action.url}`] : [])].join('\n\n') + '\n';
  return {
    to,
    subject,
    text,
    html: htmlDocument({ title: subject, paragraphs, action, locale }),
    logLine: `${notification.template} (${locale}): ${subject}${action ? ` (${action.url})` : ''}`,
    logLevel: 'debug',
  };
}

/** The hosted portal of a workspace; it signs the contact in by email, so the link itself grants nothing. */
export function portalLink(publicUrl: string, workspaceId: string): string {
  return `${publicUrl}/portal?workspace=${encodeURIComponent(workspaceId)}`;
}

function composeForContact(notification: ContactEmail, locale: ContactLocale, publicUrl: string): Composed {
  const t = emailCatalogues[locale];
  const f = emailFormat(locale);
  const workspace = notification.workspaceName;
  const hello = t.greeting({ name: notification.contactName });
  const link = (label: string) => ({ label, url: portalLink(publicUrl, notification.workspaceId) });
  switch (notification.template) {
    case 'proposal.sent': {
      const words = { workspace, number: notification.proposalNumber, title: notification.proposalTitle, until: f.day(notification.expiresAt) };
      return { subject: t['proposal.sent.subject'](words), paragraphs: [hello, t['proposal.sent.body'](words), t.signInFirst], action: link(t['proposal.sent.action']) };
    }
    case 'proposal.expiring': {
      const words = { workspace, number: notification.proposalNumber, title: notification.proposalTitle, until: f.day(notification.expiresAt) };
      return { subject: t['proposal.expiring.subject'](words), paragraphs: [hello, t['proposal.expiring.body'](words), t.signInFirst], action: link(t['proposal.expiring.action']) };
    }
    case 'message.replied': {
      // The message itself stays in the portal: an email is not the place for the conversation's contents.
      const words = { workspace, title: notification.threadTitle };
      return { subject: t['message.replied.subject'](words), paragraphs: [hello, t['message.replied.body'](words), t.signInFirst], action: link(t['message.replied.action']) };
    }
    case 'acceptance.sent': {
      const words = { workspace, title: notification.acceptanceTitle, document: notification.documentName, until: f.moment(notification.expiresAt) };
      return { subject: t['acceptance.sent.subject'](words), paragraphs: [hello, t['acceptance.sent.body'](words), t.signInFirst], action: link(t['acceptance.sent.action']) };
    }
    case 'acceptance.expiring': {
      const words = { workspace, title: notification.acceptanceTitle, document: notification.documentName, until: f.moment(notification.expiresAt) };
      return { subject: t['acceptance.expiring.subject'](words), paragraphs: [hello, t['acceptance.expiring.body'](words), t.signInFirst], action: link(t['acceptance.expiring.action']) };
    }
    case 'acceptance.accepted': {
      // The contact's receipt: what they agreed to, identified by its fingerprint, and where the evidence is.
      const words = { workspace, title: notification.acceptanceTitle, document: notification.documentName, at: f.instant(notification.acceptedAt), fullName: notification.fullName };
      return {
        subject: t['acceptance.accepted.subject'](words),
        paragraphs: [hello, t['acceptance.accepted.body'](words), t['acceptance.accepted.fingerprint']({ sha256: notification.documentSha256 }), t['acceptance.accepted.evidence']],
        action: link(t['acceptance.accepted.action']),
      };
    }
    case 'request.sent': {
      const words = { workspace, number: notification.requestNumber, title: notification.requestTitle, count: notification.itemCount };
      return { subject: t['request.sent.subject'](words), paragraphs: [hello, t['request.sent.body'](words), t.signInFirst], action: link(t['request.sent.action']) };
    }
    case 'request.item_returned': {
      // The reason is the team's words to the contact; the email says what to fix, the portal takes the new answer.
      const words = { workspace, number: notification.requestNumber, title: notification.requestTitle, prompt: notification.itemPrompt };
      return {
        subject: t['request.item_returned.subject'](words),
        paragraphs: [hello, t['request.item_returned.body'](words), t.reason({ reason: notification.reason }), t['request.item_returned.again']],
        action: link(t['request.item_returned.action']),
      };
    }
    case 'invoice.sent': {
      // The due date is the invoice's calendar date, shown as it is.
      const words = { workspace, number: notification.invoiceNumber, total: f.money(notification.total), due: f.money(notification.amountDue), dueDate: f.date(notification.dueDate) };
      return { subject: t['invoice.sent.subject'](words), paragraphs: [hello, t['invoice.sent.body'](words), t.signInFirst], action: link(t['invoice.action']) };
    }
    case 'estimate.sent': {
      const words = { workspace, number: notification.estimateNumber, title: notification.estimateTitle, total: f.money(notification.total), until: f.date(notification.validUntil) };
      return { subject: t['estimate.sent.subject'](words), paragraphs: [hello, t['estimate.sent.body'](words), t.signInFirst], action: link(t['estimate.sent.action']) };
    }
    case 'delivery.exception': {
      // The carrier's note is the tenant's logistics text, shown as plain text (the HTML is escaped).
      const words = { workspace, reference: notification.reference, carrier: notification.carrier, tracking: notification.trackingReference, at: f.instant(notification.occurredAt) };
      return {
        subject: t['delivery.exception.subject'](words),
        paragraphs: [hello, t['delivery.exception.body'](words), notification.note, t['delivery.exception.timeline']],
        action: link(t['delivery.exception.action']),
      };
    }
    case 'payment_proof.accepted':
    case 'payment_proof.rejected': {
      // The reason is the team's words to the contact.
      const words = {
        workspace,
        amount: f.money(notification.amount),
        paidOn: f.date(notification.paidOn),
        reference: notification.reference,
        invoice: notification.invoiceNumber,
        due: f.money(notification.amountDue),
      };
      return notification.template === 'payment_proof.accepted'
        ? {
            subject: t['payment_proof.accepted.subject'](words),
            paragraphs: [hello, t['payment_proof.accepted.body'](words), t['payment_proof.accepted.invoice']],
            action: link(t['invoice.action']),
          }
        : {
            subject: t['payment_proof.rejected.subject'](words),
            paragraphs: [hello, t['payment_proof.rejected.body'](words), t.reason({ reason: notification.reason ?? '' }), t['payment_proof.rejected.again'](words)],
            action: link(t['invoice.action']),
          };
    }
  }
}

function composeForTeam(notification: TeamEmail, publicUrl: string): Composed {
  switch (notification.template) {
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
  }
}

/** A prompt as an email names it: one line, at most 80 characters. */
function shortened(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const characters = [...line];
  return characters.length > 80 ? `${characters.slice(0, 79).join('').trimEnd()}…` : line;
}

/** A date a reader understands in any locale, for the team's emails: ISO calendar day in UTC. */
function day(iso: string): string {
  return `${iso.slice(0, 10)} (UTC)`;
}
