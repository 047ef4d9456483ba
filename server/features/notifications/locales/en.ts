/**
 * The words of every email a contact receives, in English: the source catalogue. `de.ts` and
 * `ar.ts` have the same keys with the same parameters (the type says so, and locales.test.ts checks
 * that every value of a parameter reaches the text). Dates and money arrive formatted for the
 * language; a function only places them, and chooses a plural form for a count.
 */
export const en = {
  greeting: (p: { name: string }) => `Hello ${p.name},`,
  signInFirst: 'The portal asks you to sign in with this email address first.',

  'signIn.subject': (p: { workspace: string }) => `Your sign-in code for ${p.workspace}`,
  'signIn.greeting': 'Hello,',
  'signIn.code': (p: { workspace: string }) => `Use this code to sign in to the customer portal of ${p.workspace}:`,
  'signIn.link': 'Or open this link to sign in directly:',
  'signIn.expiry': (p: { minutes: number }) => `The code and the link work once and expire in ${p.minutes} minutes.`,
  'signIn.ignore': 'If you did not ask to sign in, you can ignore this email.',

  'proposal.sent.subject': (p: { workspace: string; title: string }) => `${p.workspace} sent you a proposal: ${p.title}`,
  'proposal.sent.body': (p: { workspace: string; number: string; title: string; until: string }) =>
    `${p.workspace} sent you proposal ${p.number}, "${p.title}". You can read it and accept or decline it in the customer portal until ${p.until}.`,
  'proposal.sent.action': 'Open the proposal in the portal',

  'proposal.expiring.subject': (p: { workspace: string; number: string }) => `Reminder: proposal ${p.number} from ${p.workspace} expires soon`,
  'proposal.expiring.body': (p: { workspace: string; number: string; title: string; until: string }) =>
    `Proposal ${p.number}, "${p.title}", from ${p.workspace} is still waiting for your decision and expires on ${p.until}.`,
  'proposal.expiring.action': 'Review the proposal',

  'message.replied.subject': (p: { workspace: string; title: string }) => `${p.workspace} replied: ${p.title}`,
  'message.replied.body': (p: { workspace: string; title: string }) =>
    `${p.workspace} replied to your conversation "${p.title}". You can read the reply and answer in the customer portal.`,
  'message.replied.action': 'Read the reply in the portal',

  'acceptance.sent.subject': (p: { workspace: string; title: string }) => `${p.workspace} asks you to accept: ${p.title}`,
  'acceptance.sent.body': (p: { workspace: string; document: string; title: string; until: string }) =>
    `${p.workspace} sent you "${p.document}" for formal acceptance ("${p.title}"). You can review the document and accept it in the customer portal until ${p.until}.`,
  'acceptance.sent.action': 'Review the document in the portal',

  'acceptance.expiring.subject': (p: { workspace: string; title: string }) => `Reminder: "${p.title}" from ${p.workspace} expires soon`,
  'acceptance.expiring.body': (p: { workspace: string; document: string; title: string; until: string }) =>
    `"${p.document}" from ${p.workspace} ("${p.title}") is still waiting for your acceptance and can no longer be accepted after ${p.until}.`,
  'acceptance.expiring.action': 'Review the document',

  'acceptance.accepted.subject': (p: { workspace: string; title: string }) => `You accepted "${p.title}" from ${p.workspace}`,
  'acceptance.accepted.body': (p: { workspace: string; document: string; title: string; at: string; fullName: string }) =>
    `This confirms that you accepted "${p.document}" ("${p.title}") from ${p.workspace} on ${p.at}, typing the name "${p.fullName}".`,
  'acceptance.accepted.fingerprint': (p: { sha256: string }) => `The document you accepted has the SHA-256 fingerprint ${p.sha256}.`,
  'acceptance.accepted.evidence': 'The evidence certificate of your acceptance is in the customer portal, which asks you to sign in with this email address first.',
  'acceptance.accepted.action': 'Open the acceptance in the portal',

  'request.sent.subject': (p: { workspace: string; title: string }) => `${p.workspace} needs some information from you: ${p.title}`,
  'request.sent.body': (p: { workspace: string; number: string; title: string; count: number }) =>
    `${p.workspace} sent you request ${p.number}, "${p.title}", with ${p.count === 1 ? 'one item' : `${p.count} items`} to answer or provide. You can answer each item and upload files in the customer portal.`,
  'request.sent.action': 'Open the request in the portal',

  'request.item_returned.subject': (p: { workspace: string; number: string; title: string }) => `${p.workspace} returned an answer on ${p.number}: ${p.title}`,
  'request.item_returned.body': (p: { workspace: string; prompt: string; number: string; title: string }) =>
    `${p.workspace} returned your answer to "${p.prompt}" on request ${p.number}, "${p.title}".`,
  'request.item_returned.again': 'You can answer it again in the customer portal, which asks you to sign in with this email address first.',
  'request.item_returned.action': 'Answer again in the portal',

  reason: (p: { reason: string }) => `Their reason: ${p.reason}`,

  'invoice.sent.subject': (p: { workspace: string; number: string }) => `${p.workspace} sent you invoice ${p.number}`,
  'invoice.sent.body': (p: { workspace: string; number: string; total: string; due: string; dueDate: string }) =>
    `${p.workspace} sent you invoice ${p.number} for ${p.total}. The amount due is ${p.due}, payable by ${p.dueDate}. You can view and download it in the customer portal.`,
  'invoice.action': 'Open the invoice in the portal',

  'estimate.sent.subject': (p: { workspace: string; title: string }) => `${p.workspace} sent you an estimate: ${p.title}`,
  'estimate.sent.body': (p: { workspace: string; number: string; title: string; total: string; until: string }) =>
    `${p.workspace} sent you estimate ${p.number}, "${p.title}", for ${p.total}. You can review it and approve or decline it in the customer portal until ${p.until}.`,
  'estimate.sent.action': 'Open the estimate in the portal',

  'delivery.exception.subject': (p: { workspace: string; reference: string | null }) =>
    `A problem with your delivery from ${p.workspace}${p.reference ? ` (${p.reference})` : ''}`,
  'delivery.exception.body': (p: { workspace: string; reference: string | null; carrier: string; tracking: string; at: string }) =>
    `${p.workspace} reports a problem with your delivery${p.reference ? ` for ${p.reference}` : ''}, sent with ${p.carrier} (tracking ${p.tracking}), on ${p.at}:`,
  'delivery.exception.timeline': "The delivery's timeline is in the customer portal, which asks you to sign in with this email address first.",
  'delivery.exception.action': 'Track the delivery in the portal',

  'payment_proof.accepted.subject': (p: { workspace: string; amount: string; invoice: string }) =>
    `${p.workspace} confirmed your payment of ${p.amount} for ${p.invoice}`,
  'payment_proof.accepted.body': (p: { workspace: string; amount: string; paidOn: string; reference: string; invoice: string; due: string }) =>
    `${p.workspace} accepted your proof of payment of ${p.amount}, paid on ${p.paidOn} (reference ${p.reference}), and recorded the payment on invoice ${p.invoice}. The amount now due is ${p.due}.`,
  'payment_proof.accepted.invoice': 'The invoice is in the customer portal, which asks you to sign in with this email address first.',

  'payment_proof.rejected.subject': (p: { workspace: string; invoice: string }) => `${p.workspace} could not accept your proof of payment for ${p.invoice}`,
  'payment_proof.rejected.body': (p: { workspace: string; amount: string; paidOn: string; reference: string; invoice: string }) =>
    `${p.workspace} could not accept your proof of payment of ${p.amount}, paid on ${p.paidOn} (reference ${p.reference}), for invoice ${p.invoice}.`,
  'payment_proof.rejected.again': (p: { due: string }) =>
    `The amount due is still ${p.due}. You can send another proof in the customer portal, which asks you to sign in with this email address first.`,
};

/** What every language's catalogue has: the same keys, taking the same values. */
export type EmailCatalogue = typeof en;
