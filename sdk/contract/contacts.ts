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
