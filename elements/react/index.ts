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
export const TabaPortal = createComponent({ react: React, tagName: 'taba-portal', elementClass: TabaPortalElement, events: events(...PORTAL_EVENTS) });

export const TabaLogin = createComponent({ react: React, tagName: 'taba-login', elementClass: TabaLoginElement, events: events('taba-signed-in') });

export const TabaHome = createComponent({ react: React, tagName: 'taba-home', elementClass: TabaHomeElement, events: events('taba-home-select') });

export const TabaProposalList = createComponent({
  react: React,
  tagName: 'taba-proposal-list',
  elementClass: TabaProposalListElement,
  events: events('taba-proposal-select'),
});

export const TabaProposalDetail = createComponent({
  react: React,
  tagName: 'taba-proposal-detail',
  elementClass: TabaProposalDetailElement,
  events: events('taba-proposal-accepted', 'taba-proposal-declined', 'taba-thread-created', 'taba-message-sent'),
});

export const TabaMessageThreads = createComponent({
  react: React,
  tagName: 'taba-message-threads',
  elementClass: TabaMessageThreadsElement,
  events: events('taba-thread-select', 'taba-thread-new'),
});

export const TabaMessageThread = createComponent({
  react: React,
  tagName: 'taba-message-thread',
  elementClass: TabaMessageThreadElement,
  events: events('taba-thread-created', 'taba-message-sent'),
});

export const TabaProjectList = createComponent({
  react: React,
  tagName: 'taba-project-list',
  elementClass: TabaProjectListElement,
  events: events('taba-project-select'),
});

export const TabaProjectDetail = createComponent({
  react: React,
  tagName: 'taba-project-detail',
  elementClass: TabaProjectDetailElement,
  events: events('taba-comment-added', 'taba-document-download'),
});

export const TabaCommentThread = createComponent({
  react: React,
  tagName: 'taba-comment-thread',
  elementClass: TabaCommentThreadElement,
  events: events('taba-comment-added'),
});

export const TabaDocumentList = createComponent({
  react: React,
  tagName: 'taba-document-list',
  elementClass: TabaDocumentListElement,
  events: events('taba-document-download'),
});

export const TabaAcceptanceList = createComponent({
  react: React,
  tagName: 'taba-acceptance-list',
  elementClass: TabaAcceptanceListElement,
  events: events('taba-acceptance-select'),
});

export const TabaAcceptanceCard = createComponent({
  react: React,
  tagName: 'taba-acceptance-card',
  elementClass: TabaAcceptanceCardElement,
  events: events('taba-acceptance-select'),
});

export const TabaAcceptanceReview = createComponent({
  react: React,
  tagName: 'taba-acceptance-review',
  elementClass: TabaAcceptanceReviewElement,
  events: events('taba-acceptance-accepted'),
});

export const TabaRequestList = createComponent({
  react: React,
  tagName: 'taba-request-list',
  elementClass: TabaRequestListElement,
  events: events('taba-request-select'),
});

export const TabaRequestDetail = createComponent({
  react: React,
  tagName: 'taba-request-detail',
  elementClass: TabaRequestDetailElement,
  events: events('taba-request-item-answered'),
});

export const TabaRequestProgress = createComponent({ react: React, tagName: 'taba-request-progress', elementClass: TabaRequestProgressElement });

export const TabaEstimateList = createComponent({
  react: React,
  tagName: 'taba-estimate-list',
  elementClass: TabaEstimateListElement,
  events: events('taba-estimate-select'),
});

export const TabaEstimateDetail = createComponent({
  react: React,
  tagName: 'taba-estimate-detail',
  elementClass: TabaEstimateDetailElement,
  events: events('taba-estimate-approved', 'taba-estimate-declined'),
});

export const TabaInvoiceList = createComponent({
  react: React,
  tagName: 'taba-invoice-list',
  elementClass: TabaInvoiceListElement,
  events: events('taba-invoice-select'),
});

export const TabaInvoiceDetail = createComponent({
  react: React,
  tagName: 'taba-invoice-detail',
  elementClass: TabaInvoiceDetailElement,
  events: events('taba-payment-proof-submitted'),
});

export const TabaPaymentProofForm = createComponent({
  react: React,
  tagName: 'taba-payment-proof-form',
  elementClass: TabaPaymentProofFormElement,
  events: events('taba-payment-proof-submitted'),
});

export const TabaStatement = createComponent({ react: React, tagName: 'taba-statement', elementClass: TabaStatementElement });

export const TabaDeliveryList = createComponent({
  react: React,
  tagName: 'taba-delivery-list',
  elementClass: TabaDeliveryListElement,
  events: events('taba-delivery-select'),
});

export const TabaDeliveryTimeline = createComponent({ react: React, tagName: 'taba-delivery-timeline', elementClass: TabaDeliveryTimelineElement });

export const TabaProfile = createComponent({ react: React, tagName: 'taba-profile', elementClass: TabaProfileElement });
