import { Type, type Static } from 'typebox';
import { Id } from './common.js';

/** The signed-in contact and the customer they act for (the portal's Profile page). */
export const PortalProfile = Type.Object({
  contact: Type.Object({
    id: Id,
    displayName: Type.String(),
    email: Type.String(),
    role: Type.String(),
  }),
  customer: Type.Object({ id: Id, name: Type.String() }),
});
export type PortalProfile = Static<typeof PortalProfile>;
