import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

/** The longest message body, in Unicode code points after trimming (an emoji counts as one). */
export const MESSAGE_BODY_MAX_LENGTH = 2_000;

/** How long a message body is, the way the server counts it: code points after trimming. */
export function messageBodyLength(body: string): number {
  return [...body.trim()].length;
}

/** The kinds of record a thread can be about; later sections add projects, requests and invoices. */
export const threadSubjectTypes = ['proposal'] as const;
export type ThreadSubjectType = (typeof threadSubjectTypes)[number];

/**
 * The record a thread is about. Answers carry the type as an open string, so a client keeps
 * working when a later version adds a kind of record; a new thread must name a known type.
 */
export const ThreadSubject = Type.Object({
  type: Type.String({ description: `One of ${threadSubjectTypes.join(', ')}; more may follow.` }),
  id: Id,
});
export type ThreadSubject = Static<typeof ThreadSubject>;

export const NewThreadSubject = Type.Object(
  { type: Type.Enum([...threadSubjectTypes]), id: Id },
  { additionalProperties: false },
);
export type NewThreadSubject = Static<typeof NewThreadSubject>;

/** A message body as sent: plain text, 1–2,000 code points after trimming (checked by the server: 422 `message_empty` / `message_too_long`). */
const MessageBody = Type.String({
  description: 'Plain text; 1 to 2,000 Unicode code points after trimming. Stored trimmed, always rendered as text.',
});

const ThreadTitle = Type.String({ minLength: 1, maxLength: 200 });

const threadFields = {
  id: Id,
  subject: Type.Union([ThreadSubject, Type.Null()]),
  title: Type.String(),
  createdAt: Timestamp,
};

/** A thread as the signed-in contact sees it; `unreadCount` counts team messages this contact has not read. */
export const PortalThread = Type.Object({
  ...threadFields,
  /** When the newest message the customer can see was sent. */
  lastMessageAt: Timestamp,
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type PortalThread = Static<typeof PortalThread>;

/** A thread as the team sees it; `unreadCount` counts customer messages no member has read yet. */
export const Thread = Type.Object({
  ...threadFields,
  customerId: Id,
  /** When the newest message, internal notes included, was written. */
  lastMessageAt: Timestamp,
  unreadCount: Type.Integer({ minimum: 0 }),
});
export type Thread = Static<typeof Thread>;

/** Who wrote a message, as a contact sees it: a contact of the customer, or the team. */
export const PortalMessageAuthor = Type.Object({
  type: Type.Enum(['contact', 'team']),
  name: Type.String(),
  /** Whether the signed-in contact wrote it. */
  isYou: Type.Boolean(),
});
export type PortalMessageAuthor = Static<typeof PortalMessageAuthor>;

export const PortalMessage = Type.Object({
  id: Id,
  threadId: Id,
  body: Type.String(),
  author: PortalMessageAuthor,
  createdAt: Timestamp,
});
export type PortalMessage = Static<typeof PortalMessage>;

/** Who wrote a message, as the team sees it. */
export const MessageAuthor = Type.Object({
  type: Type.Enum(['contact', 'member', 'api_key']),
  id: Id,
  name: Type.String(),
});
export type MessageAuthor = Static<typeof MessageAuthor>;

export const Message = Type.Object({
  id: Id,
  threadId: Id,
  body: Type.String(),
  /** An internal note: only the team sees it, the customer never does. */
  internal: Type.Boolean(),
  author: MessageAuthor,
  createdAt: Timestamp,
});
export type Message = Static<typeof Message>;

export const CreatePortalThread = Type.Object(
  {
    subject: Type.Optional(Type.Union([NewThreadSubject, Type.Null()])),
    /** Defaults to the subject's title; required for a thread about no record. */
    title: Type.Optional(ThreadTitle),
    body: MessageBody,
  },
  { additionalProperties: false, examples: [{ title: 'Invoice as a PDF', body: 'Could you send the invoice as a PDF?' }] },
);
export type CreatePortalThread = Static<typeof CreatePortalThread>;

export const CreateThread = Type.Object(
  {
    customerId: Id,
    subject: Type.Optional(Type.Union([NewThreadSubject, Type.Null()])),
    /** Defaults to the subject's title; required for a thread about no record. */
    title: Type.Optional(ThreadTitle),
    /** The first message, which the customer sees. */
    body: MessageBody,
  },
  { additionalProperties: false },
);
export type CreateThread = Static<typeof CreateThread>;

export const CreatePortalMessage = Type.Object({ body: MessageBody }, { additionalProperties: false, examples: [{ body: 'Thanks, that answers it.' }] });
export type CreatePortalMessage = Static<typeof CreatePortalMessage>;

export const CreateMessage = Type.Object(
  {
    body: MessageBody,
    /** An internal note, never shown to the customer (default false). */
    internal: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, examples: [{ body: 'Here it is, attached to the proposal.' }] },
);
export type CreateMessage = Static<typeof CreateMessage>;

/** A new thread and its first message. */
export const PortalThreadCreated = Type.Object({ thread: PortalThread, message: PortalMessage });
export type PortalThreadCreated = Static<typeof PortalThreadCreated>;

export const ThreadCreated = Type.Object({ thread: Thread, message: Message });
export type ThreadCreated = Static<typeof ThreadCreated>;

export const ThreadParams = Type.Object({ threadId: Id });

const subjectFilter = {
  /** Only threads about records of this type (with `subjectId`, about that one record). */
  subjectType: Type.Optional(Type.String({ maxLength: 40 })),
  subjectId: Type.Optional(Id),
};

export const PortalThreadListQuery = Type.Object(
  { ...PageQuery.properties, ...subjectFilter },
  { additionalProperties: false },
);
export type PortalThreadListQuery = Static<typeof PortalThreadListQuery>;

export const ThreadListQuery = Type.Object(
  { ...PageQuery.properties, ...subjectFilter, customerId: Type.Optional(Id) },
  { additionalProperties: false },
);
export type ThreadListQuery = Static<typeof ThreadListQuery>;

const idempotencyNote =
  'Send an `Idempotency-Key` header (1–255 characters, kept 24 hours) to retry safely: the same key and body answer the first result again without a second message; the same key with another body is refused with 409 `idempotency_key_reused`.';
const bodyLimitNote = 'A body that is empty after trimming is refused with 422 `message_empty`, one over 2,000 code points with 422 `message_too_long`; nothing is stored.';

/** What a signed-in contact does with their customer's conversations with the team. */
export const portalThreadEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/threads',
    operationId: 'listPortalThreads',
    summary: "List the customer's threads, most recent message first",
    surface: 'portal',
    query: PortalThreadListQuery,
    status: 200,
    response: Page(PortalThread),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/portal/threads',
    operationId: 'createPortalThread',
    summary: 'Start a thread, optionally about a record, with its first message',
    description: `${bodyLimitNote} ${idempotencyNote}`,
    surface: 'portal',
    body: CreatePortalThread,
    status: 201,
    response: PortalThreadCreated,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/threads/:threadId',
    operationId: 'retrievePortalThread',
    summary: 'Retrieve a thread',
    surface: 'portal',
    params: ThreadParams,
    status: 200,
    response: PortalThread,
  }),
};

export const portalMessageEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/portal/threads/:threadId/messages',
    operationId: 'listPortalMessages',
    summary: "List a thread's messages, newest first, and mark them read for the signed-in contact",
    surface: 'portal',
    params: ThreadParams,
    query: PageQuery,
    status: 200,
    response: Page(PortalMessage),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/portal/threads/:threadId/messages',
    operationId: 'createPortalMessage',
    summary: 'Send a message to the team',
    description: `${bodyLimitNote} ${idempotencyNote}`,
    surface: 'portal',
    params: ThreadParams,
    body: CreatePortalMessage,
    status: 201,
    response: PortalMessage,
    extraProblems: [422],
  }),
};

export const threadEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/threads',
    operationId: 'listThreads',
    summary: 'List threads, most recent message first',
    surface: 'workspace',
    permission: 'messages.read',
    query: ThreadListQuery,
    status: 200,
    response: Page(Thread),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/threads',
    operationId: 'createThread',
    summary: 'Start a thread with a customer, optionally about a record',
    description: `Refused with \`no_portal_contact\` while the customer has no portal contact. ${bodyLimitNote} ${idempotencyNote}`,
    surface: 'workspace',
    permission: 'messages.write',
    body: CreateThread,
    status: 201,
    response: ThreadCreated,
    extraProblems: [422],
  }),
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/threads/:threadId',
    operationId: 'retrieveThread',
    summary: 'Retrieve a thread',
    surface: 'workspace',
    permission: 'messages.read',
    params: ThreadParams,
    status: 200,
    response: Thread,
  }),
};

export const messageEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/threads/:threadId/messages',
    operationId: 'listMessages',
    summary: "List a thread's messages, internal notes included, newest first",
    description: "A member's read marks the customer's messages read for the team; an API key's read does not.",
    surface: 'workspace',
    permission: 'messages.read',
    params: ThreadParams,
    query: PageQuery,
    status: 200,
    response: Page(Message),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/threads/:threadId/messages',
    operationId: 'createMessage',
    summary: 'Reply to the customer, or add an internal note',
    description: `${bodyLimitNote} ${idempotencyNote}`,
    surface: 'workspace',
    permission: 'messages.write',
    params: ThreadParams,
    body: CreateMessage,
    status: 201,
    response: Message,
    extraProblems: [422],
  }),
};
