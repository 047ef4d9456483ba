import type { FeeModel, PortalProposalStatus } from '../../sdk/contract/proposals.js';

/**
 * Every word the elements show, in one place. To localise, replace values before the elements
 * render, e.g. `Object.assign(strings.proposalStatus, { pending: 'Offen' })`, and set `locale`
 * so that amounts and dates follow.
 */
export const strings = {
  /** BCP 47 locale for amounts and dates; `undefined` uses the browser's. */
  locale: undefined as string | undefined,

  proposalStatus: {
    pending: 'Pending',
    accepted: 'Accepted',
    declined: 'Declined',
    expired: 'Expired',
  } satisfies Record<PortalProposalStatus, string>,

  feeModel: {
    fixed_fee: 'Fixed Fee',
    hourly_rate: 'Hourly Rate',
    retainer: 'Retainer',
    milestone: 'Milestone',
  } satisfies Record<FeeModel, string>,

  common: {
    retry: 'Retry',
    confirm: 'Confirm',
    cancel: 'Cancel',
    notConnected: 'Not connected to a portal session.',
    unexpectedError: 'Something went wrong. Please try again.',
    originNotAllowed: (origin: string) =>
      `This site's origin, ${origin}, is not allowed to use this portal; add it to the workspace's allowed origins in the settings.`,
    unreachable: (apiBase: string) => `Could not reach the portal server at ${apiBase}. Check your connection, then try again.`,
    errorReference: (requestId: string) => `Reference: ${requestId}`,
    tryAgainLater: 'Try again in a few minutes. If it keeps failing, tell the business that shares this portal with you and quote the reference.',
    notFoundAdvice: 'It may have been withdrawn. Go back to the list, or ask the business that shares this portal with you.',
    contactBusiness: 'If this keeps happening, tell the business that shares this portal with you and quote the reference.',
  },

  portal: {
    navLabel: 'Customer portal',
    sections: {
      proposals: 'Proposals',
      messages: 'Messages',
      profile: 'Profile',
    },
    /** The Messages section's name in the navigation with its unread total, e.g. "Messages, 3 unread". */
    unreadTotal: (count: number) => `${count} unread`,
    noSessionTitle: 'No portal session',
    noSessionDetail:
      'This page has not started a portal session. Open the portal from the link you were sent, ' +
      'or contact the business that shared it with you.',
    backToProposals: 'Back to proposals',
    backToConversations: 'Back to conversations',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
    sessionEnded: 'Your session has ended. Please sign in again.',
    linkExpired: 'This sign-in link has expired or was already used. Enter your email to get a new one.',
    linkExpiredTitle: 'This sign-in link has expired or was already used.',
    linkExpiredDetail: 'Ask the business that sent it to you for a new link.',
    sessionEndedTitle: 'Your session has ended.',
    sessionEndedDetail: 'To open the portal again, ask the business that sent you the link for a new one.',
    signedOutTitle: 'You have signed out.',
    signedOutDetail: 'To open the portal again, use a new link from the business that sent it.',
    startFailed: 'The portal could not start.',
    disabledTitle: 'Customer portal unavailable',
    disabledDetail:
      'The customer portal is not enabled for this business at the moment. ' +
      'Please contact them if you expected to have access.',
  },

  login: {
    heading: 'Sign in',
    intro: 'Enter the email address the business has on file for you.',
    emailLabel: 'Email address',
    emailHint: 'We will email you a sign-in link and a 6-digit code.',
    send: 'Send code',
    sending: 'Sending…',
    sentTo: (email: string) => `We sent a link and a 6-digit code to ${email} if it belongs to a portal contact.`,
    validFor: (minutes: number) => `They work once and expire in ${minutes} minutes.`,
    newCodeSent: (email: string) => `We sent a new code to ${email}. Earlier codes no longer work.`,
    codeLabel: '6-digit code',
    codeHint: 'Type the code from the email, or open the link in it.',
    verify: 'Verify',
    verifying: 'Checking…',
    useDifferentEmail: 'Use a different email',
    sendNewCode: 'Send a new code',
    chooseCustomer: 'Which customer do you want to open?',
    chooseCustomerHint: 'Your email address belongs to more than one customer. To switch later, sign in again.',
    signingIn: 'Signing you in…',
    signedIn: 'You are signed in.',
    noWorkspace: 'Sign-in is not set up on this page (no workspace given).',
    /** How long to wait, for the rate-limit message. */
    waitTime: (seconds: number) =>
      seconds < 60 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`,
    errors: {
      emailMissing: 'Enter your email address.',
      emailInvalid: 'Enter an email address like name@example.com.',
      codeInvalid: 'Enter the 6-digit code from the email.',
      codeWrong: 'That code is wrong or has expired. Check the latest email, or send a new code.',
      linkInvalid: 'That sign-in link is wrong, has expired or was already used. Enter your email to get a new one.',
      choiceExpired: 'This sign-in has expired. Enter your email to get a new code.',
      rateLimited: 'Too many attempts. Please wait a few minutes, then try again.',
      rateLimitedFor: (wait: string) => `Too many attempts. Please try again in ${wait}.`,
      portalDisabled:
        'The customer portal is not enabled for this business. Please contact them if you expected to have access.',
      network: 'We could not reach the portal. Check your connection and try again.',
    },
  },

  proposalList: {
    loading: 'Loading proposals…',
    loadFailed: 'Could not load your proposals.',
    empty: 'No proposals yet',
    loadMore: 'Load more',
    loadingMore: 'Loading more proposals…',
    loadMoreFailed: 'Could not load more proposals.',
    sentOn: (date: string) => `Sent ${date}`,
  },

  proposalDetail: {
    loading: 'Loading proposal…',
    loadFailed: 'Could not load this proposal.',
    noneSelected: 'No proposal selected.',
    details: 'Proposal details',
    number: 'Number',
    status: 'Status',
    feeModel: 'Fee model',
    fee: 'Fee',
    sentAt: 'Sent',
    expiresAt: 'Expires',
    decidedAt: 'Decided',
    declineReason: 'Reason for declining',
    summary: 'Summary',
    actions: 'Your decision',
    accept: 'Accept',
    decline: 'Decline',
    confirmAccept: 'Accept this proposal?',
    confirmDecline: 'Decline this proposal?',
    declineReasonLabel: 'Reason (optional)',
    charactersLeft: (count: number) => `${count} characters left`,
    accepted: 'You accepted this proposal.',
    declined: 'You declined this proposal.',
    askQuestion: 'Ask a question',
  },

  messageThreads: {
    loading: 'Loading conversations…',
    loadFailed: 'Could not load your conversations.',
    empty: 'No conversations yet. Start one to ask the team anything.',
    listLabel: 'Conversations',
    newConversation: 'New conversation',
    loadMore: 'Load more',
    loadingMore: 'Loading more conversations…',
    loadMoreFailed: 'Could not load more conversations.',
    lastMessage: (date: string) => `Last message ${date}`,
    unread: (count: number) => `${count} unread`,
  },

  messageThread: {
    loading: 'Loading conversation…',
    loadFailed: 'Could not load this conversation.',
    newConversation: 'New conversation',
    titleLabel: 'Title',
    titleHint: 'A few words about what you want to ask.',
    messagesLabel: 'Messages',
    noMessages: 'No messages yet. Write the first one below.',
    earlier: 'Show earlier messages',
    loadingEarlier: 'Loading earlier messages…',
    earlierFailed: 'Could not load earlier messages.',
    fromTeam: 'Team',
    you: 'You',
    /** Said before each message to screen readers, e.g. "Team, Jane Doe, wrote:". */
    wroteBy: (who: string) => `${who} wrote`,
    composerLabel: 'Your message',
    send: 'Send',
    sending: 'Sending…',
    sent: 'Message sent.',
    sendFailed: 'Your message was not sent. It is still here; send it again with Retry.',
    titleMissing: 'Enter a title for the conversation.',
    charactersLeft: (count: string): string => `${count} characters left`,
    charactersOver: (count: string, limit: string): string =>
      `${count} characters over the limit of ${limit}. Shorten your message to send it.`,
  },

  profile: {
    loading: 'Loading your profile…',
    loadFailed: 'Could not load your profile.',
    details: 'Your profile',
    name: 'Name',
    email: 'Email',
    role: 'Role',
    customer: 'Customer',
    notOnFile: 'Not on file',
  },
};

export type PortalStrings = typeof strings;
