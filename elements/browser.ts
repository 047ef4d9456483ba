// The browser bundle's entry (`dist/taba-portal.js`, for a plain `<script type="module">`): the
// shell, sign-in, the SDK and every section's definition. Each section's elements are in a chunk of
// their own (`dist/chunks/`), which the shell imports the first time the section is shown and, once
// it has rendered, for the other sections when the browser is idle. elements/index.ts (the package)
// adds every element class, statically.
import { PORTAL_SECTIONS } from './sections/index.js';
import { prefetchSections } from './sections/loader.js';

export { TabaPortal } from './taba-portal/taba-portal.js';
// The SDK's portal client, so that a plain page can hand ONE session to widgets placed outside the
// portal (`widget.client = client`); the shell already uses it, so exporting it costs no bytes.
export { PortalClient } from '../sdk/portal-client.js';
// Every section (PORTAL_SECTIONS, each definition with its `load()`).
export * from './sections/index.js';
export { isSectionLoaded, loadSection } from './sections/loader.js';
export { TabaLogin } from './taba-login/taba-login.js';
export { portalClientContext, type PortalApi } from './shared/context.js';
export {
  emit,
  type AcceptanceAcceptedEventDetail,
  type AcceptanceEventDetail,
  type CommentEventDetail,
  type DeliveryEventDetail,
  type DocumentDownloadEventDetail,
  type EstimateDecidedEventDetail,
  type EstimateEventDetail,
  type InvoiceEventDetail,
  type MessageEventDetail,
  type NewThreadEventDetail,
  type PaymentProofSubmittedEventDetail,
  type ProjectEventDetail,
  type ProposalEventDetail,
  type RequestEventDetail,
  type RequestItemAnsweredEventDetail,
  type SessionEventDetail,
  type TabaEventDetails,
  type TabaEventName,
  type ThreadEventDetail,
} from './shared/events.js';
export { formatDate, formatDateTime, formatDay, formatFileSize, formatHours, formatMoney, formatNumber } from './shared/format.js';
export { portalLocale, setPortalLocale, setPortalMessages, textDirection, type PortalLanguage } from './shared/localize.js';
export { PortalElement } from './shared/portal-element.js';
export { strings, type PortalStrings } from './shared/strings.js';

/** Whether the page holds a taba element not defined yet: a widget placed on it outside the portal's own views. */
function pageHasUndefinedWidget(): boolean {
  return Array.from(document.querySelectorAll(':not(:defined)')).some((element) => element.localName.startsWith('taba-'));
}

// Widgets on the page itself (not inside a signed-in portal, which prefetches on its own) are
// defined once their sections load. A widget added later, or in a shadow root, is defined by
// `loadSection(<its section>)`.
if (typeof document !== 'undefined') {
  const check = () => {
    if (pageHasUndefinedWidget()) prefetchSections(PORTAL_SECTIONS);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', check, { once: true });
  else check();
}
