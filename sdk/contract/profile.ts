import { Type, type Static } from 'typebox';
import { Id } from './common.js';
import { endpoint } from './endpoint.js';

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

export const portalProfileEndpoints = {
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/portal/me',
    operationId: 'retrievePortalProfile',
    summary: 'The signed-in contact and their customer',
    surface: 'portal',
    status: 200,
    response: PortalProfile,
  }),
};
