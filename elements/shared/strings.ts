import type { TaskStatus } from '../../sdk/contract/projects.js';
import type { FeeModel, PortalProposalStatus } from '../../sdk/contract/proposals.js';
import { formatNumber } from './format.js';
import { msg, plural, str } from './localize.js';

/**
 * The words the elements share, and those of the elements without a strings file of their own.
 * Each value is read when an element renders and is in the portal's language (`locale` on any taba
 * element, default the browser's): the English text here, the German and Arabic ones in
 * elements/locales/ under the same id. A tenant changes a wording with `setPortalMessages`
 * (elements/shared/localize.ts; docs/languages.md).
 */
export const strings = {
  proposalStatus: {
    get pending() { return msg('Pending', { id: 'proposalStatus.pending' }); },
    get accepted() { return msg('Accepted', { id: 'proposalStatus.accepted' }); },
    get declined() { return msg('Declined', { id: 'proposalStatus.declined' }); },
    get expired() { return msg('Expired', { id: 'proposalStatus.expired' }); },
  } satisfies Record<PortalProposalStatus, string>,

  feeModel: {
    get fixed_fee() { return msg('Fixed Fee', { id: 'feeModel.fixed_fee' }); },
    get hourly_rate() { return msg('Hourly Rate', { id: 'feeModel.hourly_rate' }); },
    get retainer() { return msg('Retainer', { id: 'feeModel.retainer' }); },
    get milestone() { return msg('Milestone', { id: 'feeModel.milestone' }); },
  } satisfies Record<FeeModel, string>,
  taskStatus: {
    get in_progress() { return msg('In Progress', { id: 'taskStatus.in_progress' }); },
    get open() { return msg('Open', { id: 'taskStatus.open' }); },
    get done() { return msg('Done', { id: 'taskStatus.done' }); },
    get cancelled() { return msg('Cancelled', { id: 'taskStatus.cancelled' }); },
  } satisfies Record<TaskStatus, string>,

  common: {
    get retry() { return msg('Retry', { id: 'common.retry' }); },
    get confirm() { return msg('Confirm', { id: 'common.confirm' }); },
    get cancel() { return msg('Cancel', { id: 'common.cancel' }); },
    get notConnected() { return msg('Not connected to a portal session.', { id: 'common.notConnected' }); },
    get unexpectedError() { return msg('Something went wrong. Please try again.', { id: 'common.unexpectedError' }); },
    originNotAllowed: (origin: string) =>
      msg(str`This site's origin, ${origin}, is not allowed to use this portal; add it to the workspace's allowed origins in the settings.`, { id: 'common.originNotAllowed' }),
    unreachable: (apiBase: string) =>
      msg(str`Could not reach the portal server at ${apiBase}. Check your connection, then try again.`, { id: 'common.unreachable' }),
    errorReference: (requestId: string) => msg(str`Reference: ${requestId}`, { id: 'common.errorReference' }),
    get tryAgainLater() {
      return msg('Try again in a few minutes. If it keeps failing, tell the business that shares this portal with you and quote the reference.', { id: 'common.tryAgainLater' });
    },
    get notFoundAdvice() {
      return msg('It may have been withdrawn. Go back to the list, or ask the business that shares this portal with you.', { id: 'common.notFoundAdvice' });
    },
    get contactBusiness() {
      return msg('If this keeps happening, tell the business that shares this portal with you and quote the reference.', { id: 'common.contactBusiness' });
    },
  },

  portal: {
    get navLabel() { return msg('Customer portal', { id: 'shell.navLabel' }); },
    /** The Messages section's name in the navigation with its unread total, e.g. "Messages, 3 unread". */
    unreadTotal: (count: number) =>
      plural(count, 'shell.unreadTotal', { one: str`${formatNumber(count)} unread`, other: str`${formatNumber(count)} unread` }),
    get noSessionTitle() { return msg('No portal session', { id: 'shell.noSessionTitle' }); },
    get noSessionDetail() {
      return msg(
        'This page has not started a portal session. Open the portal from the link you were sent, or contact the business that shared it with you.',
        { id: 'shell.noSessionDetail' },
      );
    },
    get backToProposals() { return msg('Back to proposals', { id: 'shell.backToProposals' }); },
    get backToConversations() { return msg('Back to conversations', { id: 'shell.backToConversations' }); },
    get backToProjects() { return msg('Back to projects', { id: 'shell.backToProjects' }); },
    get signOut() { return msg('Sign out', { id: 'shell.signOut' }); },
    get signingOut() { return msg('Signing out…', { id: 'shell.signingOut' }); },
    get sessionEnded() { return msg('Your session has ended. Please sign in again.', { id: 'shell.sessionEnded' }); },
    get linkExpired() {
      return msg('This sign-in link has expired or was already used. Enter your email to get a new one.', { id: 'shell.linkExpired' });
    },
    get linkExpiredTitle() { return msg('This sign-in link has expired or was already used.', { id: 'shell.linkExpiredTitle' }); },
    get linkExpiredDetail() { return msg('Ask the business that sent it to you for a new link.', { id: 'shell.linkExpiredDetail' }); },
    get sessionEndedTitle() { return msg('Your session has ended.', { id: 'shell.sessionEndedTitle' }); },
    get sessionEndedDetail() {
      return msg('To open the portal again, ask the business that sent you the link for a new one.', { id: 'shell.sessionEndedDetail' });
    },
    get signedOutTitle() { return msg('You have signed out.', { id: 'shell.signedOutTitle' }); },
    get signedOutDetail() {
      return msg('To open the portal again, use a new link from the business that sent it.', { id: 'shell.signedOutDetail' });
    },
    get startFailed() { return msg('The portal could not start.', { id: 'shell.startFailed' }); },
    get sectionLoading() { return msg('Loading…', { id: 'shell.sectionLoading' }); },
    get sectionLoadFailed() { return msg('This part of the portal could not be loaded.', { id: 'shell.sectionLoadFailed' }); },
    get disabledTitle() { return msg('Customer portal unavailable', { id: 'shell.disabledTitle' }); },
    get disabledDetail() {
      return msg(
        'The customer portal is not enabled for this business at the moment. Please contact them if you expected to have access.',
        { id: 'shell.disabledDetail' },
      );
    },
  },

  login: {
    get heading() { return msg('Sign in', { id: 'sign-in.heading' }); },
    get intro() { return msg('Enter the email address the business has on file for you.', { id: 'sign-in.intro' }); },
    get emailLabel() { return msg('Email address', { id: 'sign-in.emailLabel' }); },
    get emailHint() { return msg('We will email you a sign-in link and a 6-digit code.', { id: 'sign-in.emailHint' }); },
    get send() { return msg('Send code', { id: 'sign-in.send' }); },
    get sending() { return msg('Sending…', { id: 'sign-in.sending' }); },
    sentTo: (email: string) =>
      msg(str`We sent a link and a 6-digit code to ${email} if it belongs to a portal contact.`, { id: 'sign-in.sentTo' }),
    validFor: (minutes: number) =>
      plural(minutes, 'sign-in.validFor', {
        one: str`They work once and expire in ${formatNumber(minutes)} minute.`,
        other: str`They work once and expire in ${formatNumber(minutes)} minutes.`,
      }),
    newCodeSent: (email: string) => msg(str`We sent a new code to ${email}. Earlier codes no longer work.`, { id: 'sign-in.newCodeSent' }),
    get codeLabel() { return msg('6-digit code', { id: 'sign-in.codeLabel' }); },
    get codeHint() { return msg('Type the code from the email, or open the link in it.', { id: 'sign-in.codeHint' }); },
    get verify() { return msg('Verify', { id: 'sign-in.verify' }); },
    get verifying() { return msg('Checking…', { id: 'sign-in.verifying' }); },
    get useDifferentEmail() { return msg('Use a different email', { id: 'sign-in.useDifferentEmail' }); },
    get sendNewCode() { return msg('Send a new code', { id: 'sign-in.sendNewCode' }); },
    get chooseCustomer() { return msg('Which customer do you want to open?', { id: 'sign-in.chooseCustomer' }); },
    get chooseCustomerHint() {
      return msg('Your email address belongs to more than one customer. To switch later, sign in again.', { id: 'sign-in.chooseCustomerHint' });
    },
    get signingIn() { return msg('Signing you in…', { id: 'sign-in.signingIn' }); },
    get signedIn() { return msg('You are signed in.', { id: 'sign-in.signedIn' }); },
    get noWorkspace() { return msg('Sign-in is not set up on this page (no workspace given).', { id: 'sign-in.noWorkspace' }); },
    /** How long to wait, for the rate-limit message. */
    waitTime: (seconds: number) => {
      if (seconds < 60) {
        return plural(seconds, 'sign-in.waitSeconds', { one: str`${formatNumber(seconds)} second`, other: str`${formatNumber(seconds)} seconds` });
      }
      const minutes = Math.ceil(seconds / 60);
      return plural(minutes, 'sign-in.waitMinutes', { one: str`${formatNumber(minutes)} minute`, other: str`${formatNumber(minutes)} minutes` });
    },
    errors: {
      get emailMissing() { return msg('Enter your email address.', { id: 'sign-in.errors.emailMissing' }); },
      get emailInvalid() { return msg('Enter an email address like name@example.com.', { id: 'sign-in.errors.emailInvalid' }); },
      get codeInvalid() { return msg('Enter the 6-digit code from the email.', { id: 'sign-in.errors.codeInvalid' }); },
      get codeWrong() {
        return msg('That code is wrong or has expired. Check the latest email, or send a new code.', { id: 'sign-in.errors.codeWrong' });
      },
      get linkInvalid() {
        return msg('That sign-in link is wrong, has expired or was already used. Enter your email to get a new one.', { id: 'sign-in.errors.linkInvalid' });
      },
      get choiceExpired() {
        return msg('This sign-in has expired. Enter your email to get a new code.', { id: 'sign-in.errors.choiceExpired' });
      },
      get rateLimited() {
        return msg('Too many attempts. Please wait a few minutes, then try again.', { id: 'sign-in.errors.rateLimited' });
      },
      rateLimitedFor: (wait: string) => msg(str`Too many attempts. Please try again in ${wait}.`, { id: 'sign-in.errors.rateLimitedFor' }),
      get portalDisabled() {
        return msg(
          'The customer portal is not enabled for this business. Please contact them if you expected to have access.',
          { id: 'sign-in.errors.portalDisabled' },
        );
      },
      get network() {
        return msg('We could not reach the portal. Check your connection and try again.', { id: 'sign-in.errors.network' });
      },
    },
  },

  proposalList: {
    get loading() { return msg('Loading proposals…', { id: 'proposalList.loading' }); },
    get loadFailed() { return msg('Could not load your proposals.', { id: 'proposalList.loadFailed' }); },
    get empty() { return msg('No proposals yet', { id: 'proposalList.empty' }); },
    get loadMore() { return msg('Load more', { id: 'proposalList.loadMore' }); },
    get loadingMore() { return msg('Loading more proposals…', { id: 'proposalList.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more proposals.', { id: 'proposalList.loadMoreFailed' }); },
    sentOn: (date: string) => msg(str`Sent ${date}`, { id: 'proposalList.sentOn' }),
  },

  proposalDetail: {
    get loading() { return msg('Loading proposal…', { id: 'proposalDetail.loading' }); },
    get loadFailed() { return msg('Could not load this proposal.', { id: 'proposalDetail.loadFailed' }); },
    get noneSelected() { return msg('No proposal selected.', { id: 'proposalDetail.noneSelected' }); },
    get details() { return msg('Proposal details', { id: 'proposalDetail.details' }); },
    get number() { return msg('Number', { id: 'proposalDetail.number' }); },
    get status() { return msg('Status', { id: 'proposalDetail.status' }); },
    get feeModel() { return msg('Fee model', { id: 'proposalDetail.feeModel' }); },
    get fee() { return msg('Fee', { id: 'proposalDetail.fee' }); },
    get sentAt() { return msg('Sent', { id: 'proposalDetail.sentAt' }); },
    get expiresAt() { return msg('Expires', { id: 'proposalDetail.expiresAt' }); },
    get decidedAt() { return msg('Decided', { id: 'proposalDetail.decidedAt' }); },
    get declineReason() { return msg('Reason for declining', { id: 'proposalDetail.declineReason' }); },
    get summary() { return msg('Summary', { id: 'proposalDetail.summary' }); },
    get actions() { return msg('Your decision', { id: 'proposalDetail.actions' }); },
    get accept() { return msg('Accept', { id: 'proposalDetail.accept' }); },
    get decline() { return msg('Decline', { id: 'proposalDetail.decline' }); },
    get confirmAccept() { return msg('Accept this proposal?', { id: 'proposalDetail.confirmAccept' }); },
    get confirmDecline() { return msg('Decline this proposal?', { id: 'proposalDetail.confirmDecline' }); },
    get declineReasonLabel() { return msg('Reason (optional)', { id: 'proposalDetail.declineReasonLabel' }); },
    charactersLeft: (count: number) =>
      plural(count, 'proposalDetail.charactersLeft', {
        one: str`${formatNumber(count)} character left`,
        other: str`${formatNumber(count)} characters left`,
      }),
    get accepted() { return msg('You accepted this proposal.', { id: 'proposalDetail.accepted' }); },
    get declined() { return msg('You declined this proposal.', { id: 'proposalDetail.declined' }); },
    get askQuestion() { return msg('Ask a question', { id: 'proposalDetail.askQuestion' }); },
  },

  messageThreads: {
    get loading() { return msg('Loading conversations…', { id: 'messageThreads.loading' }); },
    get loadFailed() { return msg('Could not load your conversations.', { id: 'messageThreads.loadFailed' }); },
    get empty() { return msg('No conversations yet. Start one to ask the team anything.', { id: 'messageThreads.empty' }); },
    get listLabel() { return msg('Conversations', { id: 'messageThreads.listLabel' }); },
    get newConversation() { return msg('New conversation', { id: 'messageThreads.newConversation' }); },
    get loadMore() { return msg('Load more', { id: 'messageThreads.loadMore' }); },
    get loadingMore() { return msg('Loading more conversations…', { id: 'messageThreads.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more conversations.', { id: 'messageThreads.loadMoreFailed' }); },
    lastMessage: (date: string) => msg(str`Last message ${date}`, { id: 'messageThreads.lastMessage' }),
    unread: (count: number) =>
      plural(count, 'messageThreads.unread', { one: str`${formatNumber(count)} unread`, other: str`${formatNumber(count)} unread` }),
  },

  messageThread: {
    get loading() { return msg('Loading conversation…', { id: 'messageThread.loading' }); },
    get loadFailed() { return msg('Could not load this conversation.', { id: 'messageThread.loadFailed' }); },
    get newConversation() { return msg('New conversation', { id: 'messageThread.newConversation' }); },
    get titleLabel() { return msg('Title', { id: 'messageThread.titleLabel' }); },
    get titleHint() { return msg('A few words about what you want to ask.', { id: 'messageThread.titleHint' }); },
    get messagesLabel() { return msg('Messages', { id: 'messageThread.messagesLabel' }); },
    get noMessages() { return msg('No messages yet. Write the first one below.', { id: 'messageThread.noMessages' }); },
    get earlier() { return msg('Show earlier messages', { id: 'messageThread.earlier' }); },
    get loadingEarlier() { return msg('Loading earlier messages…', { id: 'messageThread.loadingEarlier' }); },
    get earlierFailed() { return msg('Could not load earlier messages.', { id: 'messageThread.earlierFailed' }); },
    get fromTeam() { return msg('Team', { id: 'messageThread.fromTeam' }); },
    get you() { return msg('You', { id: 'messageThread.you' }); },
    /** Said before each message to screen readers, e.g. "Team, Jane Doe, wrote:". */
    wroteBy: (who: string) => msg(str`${who} wrote`, { id: 'messageThread.wroteBy' }),
    get composerLabel() { return msg('Your message', { id: 'messageThread.composerLabel' }); },
    get send() { return msg('Send', { id: 'messageThread.send' }); },
    get sending() { return msg('Sending…', { id: 'messageThread.sending' }); },
    get sent() { return msg('Message sent.', { id: 'messageThread.sent' }); },
    get sendFailed() {
      return msg('Your message was not sent. It is still here; send it again with Retry.', { id: 'messageThread.sendFailed' });
    },
    get titleMissing() { return msg('Enter a title for the conversation.', { id: 'messageThread.titleMissing' }); },
    charactersLeft: (count: number) =>
      plural(count, 'messageThread.charactersLeft', {
        one: str`${formatNumber(count)} character left`,
        other: str`${formatNumber(count)} characters left`,
      }),
    charactersOver: (count: number, limit: number) =>
      plural(count, 'messageThread.charactersOver', {
        one: str`${formatNumber(count)} character over the limit of ${formatNumber(limit)}. Shorten your message to send it.`,
        other: str`${formatNumber(count)} characters over the limit of ${formatNumber(limit)}. Shorten your message to send it.`,
      }),
  },

  projectList: {
    get loading() { return msg('Loading projects…', { id: 'projectList.loading' }); },
    get loadFailed() { return msg('Could not load your projects.', { id: 'projectList.loadFailed' }); },
    get empty() { return msg('No projects yet', { id: 'projectList.empty' }); },
    get listLabel() { return msg('Projects', { id: 'projectList.listLabel' }); },
    get loadMore() { return msg('Load more', { id: 'projectList.loadMore' }); },
    get loadingMore() { return msg('Loading more projects…', { id: 'projectList.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more projects.', { id: 'projectList.loadMoreFailed' }); },
    get noDescription() { return msg('No description', { id: 'projectList.noDescription' }); },
    documentCount: (count: number) =>
      plural(count, 'projectList.documentCount', {
        one: str`${formatNumber(count)} shared document`,
        other: str`${formatNumber(count)} shared documents`,
      }),
    lastActivity: (date: string) => msg(str`Last activity ${date}`, { id: 'projectList.lastActivity' }),
  },
  projectDetail: {
    get loading() { return msg('Loading project…', { id: 'projectDetail.loading' }); },
    get loadFailed() { return msg('Could not load this project.', { id: 'projectDetail.loadFailed' }); },
    get noneSelected() { return msg('No project selected.', { id: 'projectDetail.noneSelected' }); },
    get summary() { return msg('Project summary', { id: 'projectDetail.summary' }); },
    get totalHours() { return msg('Total Hours', { id: 'projectDetail.totalHours' }); },
    get billableHours() { return msg('Billable Hours', { id: 'projectDetail.billableHours' }); },
    get lastActivity() { return msg('Last Activity', { id: 'projectDetail.lastActivity' }); },
    hours: (count: string) => msg(str`${count} h`, { id: 'projectDetail.hours' }),
    get tabsLabel() { return msg('Project details', { id: 'projectDetail.tabsLabel' }); },
    get documentsTab() { return msg('Documents', { id: 'projectDetail.documentsTab' }); },
    get tasksTab() { return msg('Tasks', { id: 'projectDetail.tasksTab' }); },
    get commentsTab() { return msg('Comments', { id: 'projectDetail.commentsTab' }); },
    get task() { return msg('Task', { id: 'projectDetail.task' }); },
    get assignee() { return msg('Assigned to', { id: 'projectDetail.assignee' }); },
    get status() { return msg('Status', { id: 'projectDetail.status' }); },
    get unassigned() { return msg('Unassigned', { id: 'projectDetail.unassigned' }); },
    get noTasks() { return msg('No tasks yet', { id: 'projectDetail.noTasks' }); },
  },
  documentList: {
    get loading() { return msg('Loading documents…', { id: 'documentList.loading' }); },
    get loadFailed() { return msg('Could not load your documents.', { id: 'documentList.loadFailed' }); },
    get empty() { return msg('No shared documents yet', { id: 'documentList.empty' }); },
    get tableLabel() { return msg('Shared documents', { id: 'documentList.tableLabel' }); },
    get name() { return msg('File', { id: 'documentList.name' }); },
    get project() { return msg('Project', { id: 'documentList.project' }); },
    get size() { return msg('Size', { id: 'documentList.size' }); },
    get uploadedAt() { return msg('Uploaded', { id: 'documentList.uploadedAt' }); },
    get actions() { return msg('Download', { id: 'documentList.actions' }); },
    get download() { return msg('Download', { id: 'documentList.download' }); },
    get downloading() { return msg('Preparing…', { id: 'documentList.downloading' }); },
    downloadFailed: (name: string) => msg(str`Could not download ${name}.`, { id: 'documentList.downloadFailed' }),
    get loadMore() { return msg('Load more', { id: 'documentList.loadMore' }); },
    get loadingMore() { return msg('Loading more documents…', { id: 'documentList.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load more documents.', { id: 'documentList.loadMoreFailed' }); },
  },
  commentThread: {
    get loading() { return msg('Loading comments…', { id: 'commentThread.loading' }); },
    get loadFailed() { return msg('Could not load the comments.', { id: 'commentThread.loadFailed' }); },
    get listLabel() { return msg('Comments', { id: 'commentThread.listLabel' }); },
    get empty() { return msg('No comments yet. Write the first one below.', { id: 'commentThread.empty' }); },
    get loadMore() { return msg('Show newer comments', { id: 'commentThread.loadMore' }); },
    get loadingMore() { return msg('Loading newer comments…', { id: 'commentThread.loadingMore' }); },
    get loadMoreFailed() { return msg('Could not load newer comments.', { id: 'commentThread.loadMoreFailed' }); },
    get fromTeam() { return msg('Team', { id: 'commentThread.fromTeam' }); },
    get you() { return msg('You', { id: 'commentThread.you' }); },
    /** Said before each comment to screen readers, e.g. "Team, Jane Doe, wrote:". */
    wroteBy: (who: string) => msg(str`${who} wrote`, { id: 'commentThread.wroteBy' }),
    get composerLabel() { return msg('Your comment', { id: 'commentThread.composerLabel' }); },
    get post() { return msg('Post comment', { id: 'commentThread.post' }); },
    get posting() { return msg('Posting…', { id: 'commentThread.posting' }); },
    get posted() { return msg('Comment posted.', { id: 'commentThread.posted' }); },
    get postFailed() {
      return msg('Your comment was not posted. It is still here; post it again with Retry.', { id: 'commentThread.postFailed' });
    },
    get postRefused() { return msg('Your comment was not posted.', { id: 'commentThread.postRefused' }); },
    charactersLeft: (count: number) =>
      plural(count, 'commentThread.charactersLeft', {
        one: str`${formatNumber(count)} character left`,
        other: str`${formatNumber(count)} characters left`,
      }),
    charactersOver: (count: number, limit: number) =>
      plural(count, 'commentThread.charactersOver', {
        one: str`${formatNumber(count)} character over the limit of ${formatNumber(limit)}. Shorten your comment to post it.`,
        other: str`${formatNumber(count)} characters over the limit of ${formatNumber(limit)}. Shorten your comment to post it.`,
      }),
  },
  profile: {
    get loading() { return msg('Loading your profile…', { id: 'profile.loading' }); },
    get loadFailed() { return msg('Could not load your profile.', { id: 'profile.loadFailed' }); },
    get details() { return msg('Your profile', { id: 'profile.details' }); },
    get name() { return msg('Name', { id: 'profile.name' }); },
    get email() { return msg('Email', { id: 'profile.email' }); },
    get role() { return msg('Role', { id: 'profile.role' }); },
    get customer() { return msg('Customer', { id: 'profile.customer' }); },
    get notOnFile() { return msg('Not on file', { id: 'profile.notOnFile' }); },
  },
};

export type PortalStrings = typeof strings;
