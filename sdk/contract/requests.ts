import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

/** The longest text answer, in Unicode code points after trimming (an emoji counts as one). */
export const REQUEST_ANSWER_MAX_LENGTH = 10_000;

/** How long a text answer is, the way the server counts it: code points after trimming. */
export function requestAnswerLength(text: string): number {
  return [...text.trim()].length;
}

// ---------------------------------------------------------------- portal shapes

/** A request as the contact sees it; the portal never shows drafts. */
export const PortalRequestStatus = Type.Enum(['sent', 'in_progress', 'completed', 'cancelled']);
export type PortalRequestStatus = Static<typeof PortalRequestStatus>;

/** `text`: a question answered in text; `file`: a file to provide. */
export const RequestItemKind = Type.Enum(['text', 'file']);
export type RequestItemKind = Static<typeof RequestItemKind>;

/** An item as the contact sees it; who reviewed it is never shown. */
export const PortalRequestItemState = Type.Enum(['awaiting_response', 'under_review', 'accepted', 'returned']);
export type PortalRequestItemState = Static<typeof PortalRequestItemState>;

/** A request as a card in the portal's list. */
export const PortalRequestCard = Type.Object({
  id: Id,
  /** Per workspace, e.g. `REQ-0001`. */
  number: Type.String(),
  title: Type.String(),
  status: PortalRequestStatus,
  projectId: Type.Union([Id, Type.Null()]),
  projectName: Type.Union([Type.String(), Type.Null()]),
  itemCount: Type.Integer({ minimum: 0 }),
  acceptedCount: Type.Integer({ minimum: 0 }),
  sentAt: Timestamp,
});
export type PortalRequestCard = Static<typeof PortalRequestCard>;

/** The file a contact provided, as they see it: never a link (it sits in quarantine until accepted). */
export const PortalProvidedFile = Type.Object({
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
});
export type PortalProvidedFile = Static<typeof PortalProvidedFile>;

export const PortalRequestAnswer = Type.Object({
  /** For text items. */
  text: Type.Union([Type.String(), Type.Null()]),
  /** For file items. */
  file: Type.Union([PortalProvidedFile, Type.Null()]),
  answeredAt: Timestamp,
});
export type PortalRequestAnswer = Static<typeof PortalRequestAnswer>;

export const PortalRequestItem = Type.Object({
  id: Id,
  position: Type.Integer({ minimum: 1 }),
  kind: RequestItemKind,
  /** The question, or which file to provide. */
  prompt: Type.String(),
  state: PortalRequestItemState,
  /** Why the team returned the answer; set while `state` is `returned`. */
  returnReason: Type.Union([Type.String(), Type.Null()]),
  /** The latest answer; null before any. */
  answer: Type.Union([PortalRequestAnswer, Type.Null()]),
});
export type PortalRequestItem = Static<typeof PortalRequestItem>;

export const PortalRequest = Type.Object({
  ...PortalRequestCard.properties,
  /** The team's note to the contact ('' when none). */
  message: Type.String(),
  /** By position. */
  items: Type.Array(PortalRequestItem),
});
export type PortalRequest = Static<typeof PortalRequest>;

/** `open` (the default): sent or in progress; `completed`: completed or cancelled. Newest sent first. */
export const PortalRequestListQuery = Type.Object(
  { ...PageQuery.properties, tab: Type.Optional(Type.Enum(['open', 'completed'])) },
  { additionalProperties: false },
);
export type PortalRequestListQuery = Static<typeof PortalRequestListQuery>;

export const RequestParams = Type.Object({ requestId: Id });
export const RequestItemParams = Type.Object({ requestId: Id, itemId: Id });

export const AnswerRequestItem = Type.Object(
  {
    text: Type.String({ description: 'Plain text; 1 to 10,000 Unicode code points after trimming. Stored trimmed, always rendered as text.' }),
  },
  { additionalProperties: false, examples: [{ text: 'Our VAT number is GB123456789.' }] },
);
export type AnswerRequestItem = Static<typeof AnswerRequestItem>;

/** The multipart/form-data body of a file answer: one `file` part, whose filename is kept as the file's name. */
export const UploadRequestItemFile = Type.Object(
  { file: Type.Unsafe<Blob>({ type: 'string', format: 'binary', description: "The file's bytes; the part's filename is the file's name." }) },
  { additionalProperties: false },
);
export type UploadRequestItemFile = Static<typeof UploadRequestItemFile>;

// ---------------------------------------------------------------- portal endpoints

const idempotencyNote =
  'Send an `Idempotency-Key` header (1–255 characters, kept 24 hours) to retry safely: the same key and body answer the first result again without a second answer; the same key with another body is refused with 409 `idempotency_key_reused`.';
const answerRulesNote =
  'Refused with nothing stored: a request that is completed or cancelled (409 `request_closed`), an item already accepted (409 `item_already_accepted`), the wrong kind of answer for the item (422 `item_kind_mismatch`). An item under review gets its pending answer replaced.';

/** The information requests the team sent the signed-in customer. */
export const portalRequestEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/requests',
    operationId: 'listPortalRequests',
    summary: "List the customer's information requests, newest sent first",
    description: '`tab=open` (the default) lists those sent or in progress, `tab=completed` those completed or cancelled.',
    surface: 'portal',
    query: PortalRequestListQuery,
    status: 200,
    response: Page(PortalRequestCard),
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/requests/:requestId',
    operationId: 'retrievePortalRequest',
    summary: 'Retrieve an information request with its items',
    surface: 'portal',
    params: RequestParams,
    status: 200,
    response: PortalRequest,
  }),
  answer: endpoint({
    method: 'POST',
    path: '/v1/portal/requests/:requestId/items/:itemId/answer',
    operationId: 'answerPortalRequestItem',
    summary: 'Answer a text item of a request',
    description: `A text that is empty after trimming is refused with 422 \`answer_empty\`, one over 10,000 code points with 422 \`answer_too_long\`. ${answerRulesNote} ${idempotencyNote}`,
    surface: 'portal',
    params: RequestItemParams,
    body: AnswerRequestItem,
    status: 200,
    response: PortalRequest,
    extraProblems: [422],
  }),
  uploadFile: endpoint({
    method: 'POST',
    path: '/v1/portal/requests/:requestId/items/:itemId/file',
    operationId: 'uploadPortalRequestItemFile',
    summary: 'Provide the file a file item asks for',
    description: `A \`multipart/form-data\` body with one \`file\` part. The file goes to the team's review queue, never back to the portal as a link. The type is taken from the bytes and must be an allowed one that agrees with the part's type and the name's extension. Refused, with nothing kept: a file over the limit (413 \`file_too_large\`), a type not allowed or not matching (415 \`file_type_not_allowed\`, \`file_type_mismatch\`), an empty file (400 \`empty_file\`), too many uploads by the contact in a short time (429 with \`Retry-After\`). ${answerRulesNote}`,
    surface: 'portal',
    params: RequestItemParams,
    body: UploadRequestItemFile,
    multipart: true,
    status: 200,
    response: PortalRequest,
    extraProblems: [415, 422],
  }),
};

// ---------------------------------------------------------------- workspace shapes

/** `draft` → `sent` → `in_progress` (the first answer) → `completed` (every item accepted), or `cancelled`. */
export const InformationRequestStatus = Type.Enum(['draft', 'sent', 'in_progress', 'completed', 'cancelled']);
export type InformationRequestStatus = Static<typeof InformationRequestStatus>;

/** Who reviewed an answer: a member, or a backend with an API key. The contact never sees it. */
export const RequestReviewer = Type.Object({ type: Type.Enum(['member', 'api_key']), id: Id });
export type RequestReviewer = Static<typeof RequestReviewer>;

/** A provided file as the team sees it: its intake item is where it is reviewed and downloaded. */
export const RequestProvidedFile = Type.Object({
  name: Type.String(),
  size: Type.Integer({ minimum: 0 }),
  contentType: Type.String(),
  sha256: Type.String(),
  intakeId: Id,
});
export type RequestProvidedFile = Static<typeof RequestProvidedFile>;

export const RequestAnswer = Type.Object({
  text: Type.Union([Type.String(), Type.Null()]),
  file: Type.Union([RequestProvidedFile, Type.Null()]),
  answeredAt: Timestamp,
  /** The contact who answered. */
  contactId: Id,
});
export type RequestAnswer = Static<typeof RequestAnswer>;

export const InformationRequestItem = Type.Object({
  id: Id,
  position: Type.Integer({ minimum: 1 }),
  kind: RequestItemKind,
  prompt: Type.String(),
  state: PortalRequestItemState,
  returnReason: Type.Union([Type.String(), Type.Null()]),
  answer: Type.Union([RequestAnswer, Type.Null()]),
  /** Who accepted or returned the latest answer, and when. */
  reviewedBy: Type.Union([RequestReviewer, Type.Null()]),
  reviewedAt: Type.Union([Timestamp, Type.Null()]),
});
export type InformationRequestItem = Static<typeof InformationRequestItem>;

/** A request in the team's list: without its items. */
export const InformationRequestSummary = Type.Object({
  id: Id,
  number: Type.String(),
  customerId: Id,
  projectId: Type.Union([Id, Type.Null()]),
  title: Type.String(),
  status: InformationRequestStatus,
  itemCount: Type.Integer({ minimum: 0 }),
  acceptedCount: Type.Integer({ minimum: 0 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  sentAt: Type.Union([Timestamp, Type.Null()]),
  completedAt: Type.Union([Timestamp, Type.Null()]),
  cancelledAt: Type.Union([Timestamp, Type.Null()]),
});
export type InformationRequestSummary = Static<typeof InformationRequestSummary>;

export const InformationRequest = Type.Object({
  ...InformationRequestSummary.properties,
  message: Type.String(),
  items: Type.Array(InformationRequestItem),
});
export type InformationRequest = Static<typeof InformationRequest>;

/** The longest title, prompt, message and return reason, in code points after trimming. */
export const REQUEST_TITLE_MAX_LENGTH = 200;
export const REQUEST_PROMPT_MAX_LENGTH = 1_000;
export const REQUEST_MESSAGE_MAX_LENGTH = 5_000;
export const RETURN_REASON_MAX_LENGTH = 1_000;
export const REQUEST_MAX_ITEMS = 50;

export const NewInformationRequestItem = Type.Object(
  {
    kind: RequestItemKind,
    /** The question, or which file to provide: 1–1,000 code points after trimming. */
    prompt: Type.String(),
  },
  { additionalProperties: false },
);
export type NewInformationRequestItem = Static<typeof NewInformationRequestItem>;

const RequestItems = Type.Array(NewInformationRequestItem, { minItems: 1, maxItems: REQUEST_MAX_ITEMS });

export const CreateInformationRequest = Type.Object(
  {
    customerId: Id,
    /** A project of the same customer. */
    projectId: Type.Optional(Type.Union([Id, Type.Null()])),
    /** 1–200 code points after trimming. */
    title: Type.String(),
    /** The team's note to the contact, up to 5,000 code points. */
    message: Type.Optional(Type.String()),
    items: RequestItems,
  },
  {
    additionalProperties: false,
    examples: [
      {
        customerId: 'cus_k3x9q2m7p4t8v6w5y2z3',
        title: 'Onboarding documents',
        message: 'A few things we need before we start.',
        items: [
          { kind: 'text', prompt: 'What is your VAT number?' },
          { kind: 'file', prompt: 'Your signed NDA (PDF)' },
        ],
      },
    ],
  },
);
export type CreateInformationRequest = Static<typeof CreateInformationRequest>;

/** A draft's title, message, project or items (the items given replace all of them). */
export const UpdateInformationRequest = Type.Object(
  {
    projectId: Type.Optional(Type.Union([Id, Type.Null()])),
    title: Type.Optional(Type.String()),
    message: Type.Optional(Type.String()),
    items: Type.Optional(RequestItems),
  },
  { additionalProperties: false, examples: [{ title: 'Onboarding documents (2 of 2)' }] },
);
export type UpdateInformationRequest = Static<typeof UpdateInformationRequest>;

export const ReturnRequestItem = Type.Object(
  {
    /** What to fix, shown to the contact: 1–1,000 code points after trimming. */
    reason: Type.String(),
  },
  { additionalProperties: false, examples: [{ reason: 'The scan is cut off at the bottom; please send the whole page.' }] },
);
export type ReturnRequestItem = Static<typeof ReturnRequestItem>;

export const InformationRequestListQuery = Type.Object(
  {
    ...PageQuery.properties,
    customerId: Type.Optional(Id),
    projectId: Type.Optional(Id),
    status: Type.Optional(InformationRequestStatus),
  },
  { additionalProperties: false },
);
export type InformationRequestListQuery = Static<typeof InformationRequestListQuery>;

// ---------------------------------------------------------------- workspace endpoints

const reviewNote =
  'Only an answer under review can be accepted or returned (409 `item_not_under_review`; an accepted item stays accepted: 409 `item_already_accepted`); a completed or cancelled request answers 409 `request_closed`.';

export const informationRequestEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/requests',
    operationId: 'listInformationRequests',
    summary: 'List information requests, newest first',
    surface: 'workspace',
    permission: 'requests.read',
    query: InformationRequestListQuery,
    status: 200,
    response: Page(InformationRequestSummary),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/requests',
    operationId: 'createInformationRequest',
    summary: 'Draft an information request for a customer',
    description:
      'Numbered per workspace (`REQ-0001`, in order, without gaps). A title of 1–200 code points (422 `request_title_required` / `request_title_too_long`), a message of at most 5,000 (422 `request_message_too_long`), 1–50 items each with a prompt of 1–1,000 (422 `request_prompt_required` / `request_prompt_too_long`). A project must be one of the same customer (422 `project_not_found`).',
    surface: 'workspace',
    permission: 'requests.write',
    body: CreateInformationRequest,
    status: 201,
    response: InformationRequest,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/requests/:requestId',
    operationId: 'retrieveInformationRequest',
    summary: 'Retrieve an information request with its items and answers',
    surface: 'workspace',
    permission: 'requests.read',
    params: RequestParams,
    status: 200,
    response: InformationRequest,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/requests/:requestId',
    operationId: 'updateInformationRequest',
    summary: 'Edit a draft request',
    description: 'Only a draft can be edited (409 `request_not_draft`); the same limits as creating.',
    surface: 'workspace',
    permission: 'requests.write',
    params: RequestParams,
    body: UpdateInformationRequest,
    status: 200,
    response: InformationRequest,
    extraProblems: [422],
  }),
  send: endpoint({
    method: 'POST',
    path: '/v1/workspace/requests/:requestId/send',
    operationId: 'sendInformationRequest',
    summary: 'Send a draft request to the customer',
    description: "Emails each portal contact of the customer and sends the `request.sent` webhook. A customer without a portal contact answers 409 `no_portal_contact`; a request that is not a draft 409 `request_not_draft`.",
    surface: 'workspace',
    permission: 'requests.write',
    params: RequestParams,
    status: 200,
    response: InformationRequest,
  }),
  cancel: endpoint({
    method: 'POST',
    path: '/v1/workspace/requests/:requestId/cancel',
    operationId: 'cancelInformationRequest',
    summary: 'Cancel a request',
    description: 'A completed or cancelled request answers 409 `request_closed`. The customer sees it under Completed as Cancelled; files already provided stay in the intake queue.',
    surface: 'workspace',
    permission: 'requests.write',
    params: RequestParams,
    status: 200,
    response: InformationRequest,
  }),
  acceptItem: endpoint({
    method: 'POST',
    path: '/v1/workspace/requests/:requestId/items/:itemId/accept',
    operationId: 'acceptInformationRequestItem',
    summary: "Accept an item's answer",
    description: `Accepting the last open item completes the request (\`request.completed\`). A file item's pending intake item is accepted with it. ${reviewNote}`,
    surface: 'workspace',
    permission: 'requests.write',
    params: RequestItemParams,
    status: 200,
    response: InformationRequest,
  }),
  returnItem: endpoint({
    method: 'POST',
    path: '/v1/workspace/requests/:requestId/items/:itemId/return',
    operationId: 'returnInformationRequestItem',
    summary: 'Return an answer to the contact with a reason',
    description: `The contact is emailed the reason and answers again (\`request.item_returned\`); a file item's pending intake item is rejected with the same reason. A reason of 1–1,000 code points (422 \`return_reason_required\` / \`return_reason_too_long\`). ${reviewNote}`,
    surface: 'workspace',
    permission: 'requests.write',
    params: RequestItemParams,
    body: ReturnRequestItem,
    status: 200,
    response: InformationRequest,
    extraProblems: [422],
  }),
};
