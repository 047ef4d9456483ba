/**
 * `taba-portal/react`: a React component for `<taba-portal>` and for each widget, made with
 * `@lit/react`'s `createComponent`. Importing this module defines every taba element (it imports
 * the package's elements entry), so `<TabaProposalList>` works without a further import.
 *
 * Props become the element's properties (`client`, `pageSize`, `section`…); each event the element
 * dispatches is an `on…` prop named after it without the `taba-` prefix, e.g. `onProposalSelect`
 * for `taba-proposal-select`, whose `event.detail` is typed from `TabaEventDetails`.
 *
 * React is a peer dependency; the browser bundle (`dist/taba-portal.js`) never includes this module.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import {
  TabaAcceptanceCard as TabaAcceptanceCardElement,
  TabaAcceptanceList as TabaAcceptanceListElement,
  TabaAcceptanceReview as TabaAcceptanceReviewElement,
  TabaCommentThread as TabaCommentThreadElement,
  TabaDeliveryList as TabaDeliveryListElement,
  TabaDeliveryTimeline as TabaDeliveryTimelineElement,
  TabaDocumentList as TabaDocumentListElement,
  TabaEstimateDetail as TabaEstimateDetailElement,
  TabaEstimateList as TabaEstimateListElement,
  TabaHome as TabaHomeElement,
  TabaInvoiceDetail as TabaInvoiceDetailElement,
  TabaInvoiceList as TabaInvoiceListElement,
  TabaLogin as TabaLoginElement,
  TabaMessageThread as TabaMessageThreadElement,
  TabaMessageThreads as TabaMessageThreadsElement,
  TabaPaymentProofForm as TabaPaymentProofFormElement,
  TabaPortal as TabaPortalElement,
  TabaProfile as TabaProfileElement,
  TabaProjectDetail as TabaProjectDetailElement,
  TabaProjectList as TabaProjectListElement,
  TabaProposalDetail as TabaProposalDetailElement,
  TabaProposalList as TabaProposalListElement,
  TabaRequestDetail as TabaRequestDetailElement,
  TabaRequestList as TabaRequestListElement,
  TabaRequestProgress as TabaRequestProgressElement,
  TabaStatement as TabaStatementElement,
} from '../index.js';
import type { TabaEventDetails, TabaEventName } from '../shared/events.js';

/** `proposal-select` → `ProposalSelect`. */
type Pascal<Name extends string> = Name extends `${infer Head}-${infer Tail}` ? `${Capitalize<Head>}${Pascal<Tail>}` : Capitalize<Name>;

/** The React prop of a taba event: `taba-proposal-select` → `onProposalSelect`. */
export type EventProp<Name extends TabaEventName> = Name extends `taba-${infer Rest}` ? `on${Pascal<Rest>}` : never;

/** The `events` option of `createComponent` for the given taba events, each typed with its `detail`. */
export type EventProps<Name extends TabaEventName> = {
  [N in Name as EventProp<N>]: EventName<CustomEvent<TabaEventDetails[N]>>;
};

/** The React prop for a taba event's name, as `EventProp` spells it. */
export function eventProp<Name extends TabaEventName>(name: Name): EventProp<Name> {
  const rest = name.replace(/^taba-/, '');
  return `on${rest.replace(/(^|-)([a-z])/g, (_match, _dash: string, letter: string) => letter.toUpperCase())}` as EventProp<Name>;
}

function events<const Names extends readonly TabaEventName[]>(...names: Names): EventProps<Names[number]> {
  return Object.fromEntries(names.map((name) => [eventProp(name), name])) as EventProps<Names[number]>;
}

/** The React component of one element, with an `on…` prop for each of the given events. */
function wrap<Element extends HTMLElement, const Names extends readonly TabaEventName[]>(tagName: string, elementClass: new () => Element, ...names: Names) {
  return createComponent({ react: React, tagName, elementClass, events: events(...names) });
}

/**
 * The portal's own events (`taba-navigate`), and every event of the widgets it shows: they bubble
 * and cross shadow roots, so each one from a widget inside `<taba-portal>` reaches it too.
 */
const PORTAL_EVENTS = [
  'taba-navigate',
  'taba-signed-in',
  'taba-signed-out',
  'taba-home-select',
  'taba-proposal-select',
  'taba-proposal-accepted',
  'taba-proposal-declined',
  'taba-thread-select',
  'taba-thread-new',
  'taba-thread-created',
  'taba-message-sent',
  'taba-project-select',
  'taba-comment-added',
  'taba-document-download',
  'taba-acceptance-select',
  'taba-acceptance-accepted',
  'taba-request-select',
  'taba-request-item-answered',
  'taba-estimate-select',
  'taba-estimate-approved',
  'taba-estimate-declined',
  'taba-invoice-select',
  'taba-payment-proof-submitted',
  'taba-delivery-select',
] as const satisfies readonly TabaEventName[];

/** The whole portal; every widget event from inside it is an `on…` prop here too. */
export const TabaPortal = wrap('taba-portal', TabaPortalElement, ...PORTAL_EVENTS);

export const TabaLogin = wrap('taba-login', TabaLoginElement, 'taba-signed-in');

export const TabaHome = wrap('taba-home', TabaHomeElement, 'taba-home-select');

export const TabaProposalList = wrap('taba-proposal-list', TabaProposalListElement, 'taba-proposal-select');

export const TabaProposalDetail = wrap('taba-proposal-detail', TabaProposalDetailElement, 'taba-proposal-accepted', 'taba-proposal-declined', 'taba-thread-created', 'taba-message-sent');

export const TabaMessageThreads = wrap('taba-message-threads', TabaMessageThreadsElement, 'taba-thread-select', 'taba-thread-new');

export const TabaMessageThread = wrap('taba-message-thread', TabaMessageThreadElement, 'taba-thread-created', 'taba-message-sent');

export const TabaProjectList = wrap('taba-project-list', TabaProjectListElement, 'taba-project-select');

export const TabaProjectDetail = wrap('taba-project-detail', TabaProjectDetailElement, 'taba-comment-added', 'taba-document-download');

export const TabaCommentThread = wrap('taba-comment-thread', TabaCommentThreadElement, 'taba-comment-added');

export const TabaDocumentList = wrap('taba-document-list', TabaDocumentListElement, 'taba-document-download');

export const TabaAcceptanceList = wrap('taba-acceptance-list', TabaAcceptanceListElement, 'taba-acceptance-select');

export const TabaAcceptanceCard = wrap('taba-acceptance-card', TabaAcceptanceCardElement, 'taba-acceptance-select');

export const TabaAcceptanceReview = wrap('taba-acceptance-review', TabaAcceptanceReviewElement, 'taba-acceptance-accepted');

export const TabaRequestList = wrap('taba-request-list', TabaRequestListElement, 'taba-request-select');

export const TabaRequestDetail = wrap('taba-request-detail', TabaRequestDetailElement, 'taba-request-item-answered');

export const TabaRequestProgress = wrap('taba-request-progress', TabaRequestProgressElement);

export const TabaEstimateList = wrap('taba-estimate-list', TabaEstimateListElement, 'taba-estimate-select');

export const TabaEstimateDetail = wrap('taba-estimate-detail', TabaEstimateDetailElement, 'taba-estimate-approved', 'taba-estimate-declined');

export const TabaInvoiceList = wrap('taba-invoice-list', TabaInvoiceListElement, 'taba-invoice-select');

export const TabaInvoiceDetail = wrap('taba-invoice-detail', TabaInvoiceDetailElement, 'taba-payment-proof-submitted');

export const TabaPaymentProofForm = wrap('taba-payment-proof-form', TabaPaymentProofFormElement, 'taba-payment-proof-submitted');

export const TabaStatement = wrap('taba-statement', TabaStatementElement);

export const TabaDeliveryList = wrap('taba-delivery-list', TabaDeliveryListElement, 'taba-delivery-select');

export const TabaDeliveryTimeline = wrap('taba-delivery-timeline', TabaDeliveryTimelineElement);

export const TabaProfile = wrap('taba-profile', TabaProfileElement);
