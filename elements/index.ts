// Importing this module defines every taba element.
export { TabaPortal } from './taba-portal/taba-portal.js';
// Every section (PORTAL_SECTIONS, each definition) and the classes of the elements it shows.
export * from './sections/index.js';
export { TabaLogin } from './taba-login/taba-login.js';
export { portalClientContext, type PortalApi } from './shared/context.js';
export {
  emit,
  type AcceptanceAcceptedEventDetail,
  type AcceptanceEventDetail,
  type CommentEventDetail,
  type DocumentDownloadEventDetail,
  type MessageEventDetail,
  type NewThreadEventDetail,
  type ProjectEventDetail,
  type ProposalEventDetail,
  type RequestEventDetail,
  type RequestItemAnsweredEventDetail,
  type SessionEventDetail,
  type TabaEventDetails,
  type TabaEventName,
  type ThreadEventDetail,
} from './shared/events.js';
export { formatDate, formatDateTime, formatFileSize, formatHours, formatMoney } from './shared/format.js';
export { strings, type PortalStrings } from './shared/strings.js';
