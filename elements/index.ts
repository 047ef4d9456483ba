// Importing this module defines every taba element.
export { TabaPortal } from './taba-portal/taba-portal.js';
export {
  PORTAL_SECTIONS,
  type OpenItem,
  type PortalSection,
  type PortalSectionDefinition,
  type SectionShell,
} from './sections/index.js';
export { TabaProposalList } from './taba-proposal-list/taba-proposal-list.js';
export { TabaProposalDetail } from './taba-proposal-detail/taba-proposal-detail.js';
export { TabaMessageThreads } from './taba-message-threads/taba-message-threads.js';
export { TabaMessageThread } from './taba-message-thread/taba-message-thread.js';
export { TabaProfile } from './taba-profile/taba-profile.js';
export { TabaLogin } from './taba-login/taba-login.js';
export { portalClientContext, type PortalApi } from './shared/context.js';
export {
  emit,
  type MessageEventDetail,
  type NewThreadEventDetail,
  type ProposalEventDetail,
  type SessionEventDetail,
  type TabaEventDetails,
  type TabaEventName,
  type ThreadEventDetail,
} from './shared/events.js';
export { formatDate, formatDateTime, formatMoney } from './shared/format.js';
export { strings, type PortalStrings } from './shared/strings.js';
