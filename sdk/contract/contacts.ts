import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { CustomerParams } from './customers.js';
import { endpoint } from './endpoint.js';

/** A person at a customer who may sign in to the portal. */
export const PortalContact = Type.Object({
  id: Id,
  customerId: Id,
  displayName: Type.String(),
  email: Type.String(),
  role: Type.String(),
  createdAt: Timestamp,
});
export type PortalContact = Static<typeof PortalContact>;

export const CreatePortalContact = Type.Object(
  {
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);
export type CreatePortalContact = Static<typeof CreatePortalContact>;

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
