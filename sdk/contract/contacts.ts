import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';

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
