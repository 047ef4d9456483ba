import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { CustomerParams } from './customers.js';
import { endpoint } from './endpoint.js';

/**
 * The language a contact reads the portal's emails in: English, German or Arabic, the languages the
 * portal speaks. Null when none was chosen; emails are then in English.
 */
export const ContactLocale = Type.Enum(['en', 'de', 'ar']);
export type ContactLocale = Static<typeof ContactLocale>;

/** A contact's language, or null for none (English). Any other value is refused: 400 `validation_failed` naming the field. */
export const NullableContactLocale = Type.Union([ContactLocale, Type.Null()]);

/** A person at a customer who may sign in to the portal. */
export const PortalContact = Type.Object({
  id: Id,
  customerId: Id,
  displayName: Type.String(),
  email: Type.String(),
  role: Type.String(),
  /** The language of the emails the contact receives; null is English. */
  locale: NullableContactLocale,
  createdAt: Timestamp,
});
export type PortalContact = Static<typeof PortalContact>;

export const CreatePortalContact = Type.Object(
  {
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: Type.String({ minLength: 1, maxLength: 100 }),
    /** The language of the contact's emails; left out or null, the contact may choose it in the portal. */
    locale: Type.Optional(NullableContactLocale),
  },
  { additionalProperties: false },
);
export type CreatePortalContact = Static<typeof CreatePortalContact>;

/** Changes what is given; `locale: null` clears the language (emails in English until the contact chooses one). */
export const UpdatePortalContact = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    locale: Type.Optional(NullableContactLocale),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ locale: 'de' }] },
);
export type UpdatePortalContact = Static<typeof UpdatePortalContact>;

export const ContactParams = Type.Object({ contactId: Id });
export const CustomerContactParams = Type.Object({ customerId: Id, contactId: Id });

/** How many of a contact's portal sessions were ended. */
export const RevokedSessions = Type.Object({ revoked: Type.Integer({ minimum: 0 }) });
export type RevokedSessions = Static<typeof RevokedSessions>;

export const contactEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/customers/:customerId/contacts',
    operationId: 'listContacts',
    summary: "List a customer's portal contacts",
    surface: 'workspace',
    permission: 'contacts.read',
    params: CustomerParams,
    query: PageQuery,
    status: 200,
    response: Page(PortalContact),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/customers/:customerId/contacts',
    operationId: 'createContact',
    summary: 'Add a portal contact to a customer',
    surface: 'workspace',
    permission: 'contacts.write',
    params: CustomerParams,
    body: CreatePortalContact,
    status: 201,
    response: PortalContact,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/customers/:customerId/contacts/:contactId',
    operationId: 'updateContact',
    summary: "Change a portal contact's name, role or language",
    description:
      "`locale` (`en`, `de` or `ar`) is the language of the contact's emails; null clears it (English). Any other value is refused: 400 `validation_failed` naming `body.locale`.",
    surface: 'workspace',
    permission: 'contacts.write',
    params: CustomerContactParams,
    body: UpdatePortalContact,
    status: 200,
    response: PortalContact,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/v1/workspace/customers/:customerId/contacts/:contactId',
    operationId: 'removeContact',
    summary: 'Remove a portal contact',
    description: 'Access ends at once: the access tokens already issued are refused, refresh tokens stop working and no new session can start.',
    surface: 'workspace',
    permission: 'contacts.write',
    params: CustomerContactParams,
    status: 204,
    response: Type.Null(),
  }),
  revokeSessions: endpoint({
    method: 'POST',
    path: '/v1/workspace/contacts/:contactId/revoke-sessions',
    operationId: 'revokeContactSessions',
    summary: 'End every portal session of a contact',
    description:
      'Access tokens already issued are refused at once and refresh tokens stop working. The contact can still sign in again; remove the contact to prevent that.',
    surface: 'workspace',
    permission: 'contacts.revoke_sessions',
    params: ContactParams,
    status: 200,
    response: RevokedSessions,
  }),
};
