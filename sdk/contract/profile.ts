import { Type, type Static } from 'typebox';
import { Id } from './common.js';
import { NullableContactLocale } from './contacts.js';
import { endpoint } from './endpoint.js';

/**
 * The business whose portal this is, as its settings brand it: `name` is the brand name, or the
 * workspace's name when none is set; `logoUrl` an https image; `accentColor` `#rrggbb`.
 */
export const PortalBrand = Type.Object({
  name: Type.String(),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  accentColor: Type.Union([Type.String(), Type.Null()]),
});
export type PortalBrand = Static<typeof PortalBrand>;

/** `workspace`: the workspace's id (`ws_…`); an unknown or malformed one answers 404 `workspace_not_found`. */
export const PortalBrandQuery = Type.Object({ workspace: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export type PortalBrandQuery = Static<typeof PortalBrandQuery>;

/** The signed-in contact and the customer they act for (the portal's Profile page and header). */
export const PortalProfile = Type.Object({
  contact: Type.Object({
    id: Id,
    displayName: Type.String(),
    email: Type.String(),
    role: Type.String(),
    /** The language of the contact's emails (`en`, `de`, `ar`); null is English. */
    locale: NullableContactLocale,
  }),
  customer: Type.Object({ id: Id, name: Type.String() }),
  /** The business's brand, for the portal's header. */
  brand: PortalBrand,
});
export type PortalProfile = Static<typeof PortalProfile>;

/** What a contact may change about themselves: the language of their emails (null clears it: English). */
export const UpdatePortalProfile = Type.Object(
  { locale: Type.Optional(NullableContactLocale) },
  { additionalProperties: false, examples: [{ locale: 'de' }] },
);
export type UpdatePortalProfile = Static<typeof UpdatePortalProfile>;

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
  update: endpoint({
    method: 'PATCH',
    path: '/v1/portal/me',
    operationId: 'updatePortalProfile',
    summary: "Change the signed-in contact's language",
    description:
      "`locale` (`en`, `de` or `ar`) is the language of the contact's emails from now on; null clears it (English). Any other value is refused: 400 `validation_failed` naming `body.locale`. Answers the profile as `GET /v1/portal/me` does.",
    surface: 'portal',
    body: UpdatePortalProfile,
    status: 200,
    response: PortalProfile,
  }),
  brand: endpoint({
    method: 'GET',
    path: '/v1/portal/brand',
    operationId: 'retrievePortalBrand',
    summary: "A workspace's portal brand, for its sign-in page",
    description:
      'Answered before sign-in, so the sign-in form can show whose portal it is. 404 `workspace_not_found` for an unknown or malformed workspace id; 403 `portal_disabled` when its portal is off; 403 `origin_not_allowed` for a page on an origin the workspace does not allow, as every portal call.',
    surface: 'public',
    query: PortalBrandQuery,
    status: 200,
    response: PortalBrand,
  }),
};
