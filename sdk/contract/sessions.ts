import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';
import { Origin } from './settings.js';

export const CreatePortalSession = Type.Object(
  {
    contactId: Id,
    /** The origin of the page that will exchange the secret; must be an allowed origin. Omit for the hosted page or a server. */
    origin: Type.Optional(Origin),
  },
  { additionalProperties: false },
);
export type CreatePortalSession = Static<typeof CreatePortalSession>;

/** A single-use secret, valid for at most five minutes, that a page exchanges for tokens. */
export const PortalSessionSecret = Type.Object({
  clientSecret: Type.String(),
  expiresAt: Timestamp,
});
export type PortalSessionSecret = Static<typeof PortalSessionSecret>;

export const ExchangePortalSession = Type.Object(
  { clientSecret: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type ExchangePortalSession = Static<typeof ExchangePortalSession>;

export const RefreshPortalSession = Type.Object(
  { refreshToken: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type RefreshPortalSession = Static<typeof RefreshPortalSession>;

export const PortalTokens = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String(),
  accessTokenExpiresAt: Timestamp,
  refreshToken: Type.String(),
  refreshTokenExpiresAt: Timestamp,
});
export type PortalTokens = Static<typeof PortalTokens>;

/** How a portal session starts: the tenant backend mints a secret, the page exchanges it and refreshes its tokens. */
export const portalSessionEndpoints = {
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/portal-sessions',
    operationId: 'createPortalSession',
    summary: 'Mint a single-use client secret for a portal contact',
    description:
      'The secret is valid for five minutes and can be exchanged once. Pass `origin` when a page of yours will exchange it; it must be one of the allowed origins in settings. Refused with `portal_disabled` while the module is off.',
    surface: 'workspace',
    permission: 'portal_sessions.create',
    body: CreatePortalSession,
    status: 201,
    response: PortalSessionSecret,
  }),
  exchange: endpoint({
    method: 'POST',
    path: '/v1/portal/sessions',
    operationId: 'exchangePortalSession',
    summary: 'Exchange a client secret for an access token and a refresh token',
    surface: 'public',
    body: ExchangePortalSession,
    status: 200,
    response: PortalTokens,
  }),
  refresh: endpoint({
    method: 'POST',
    path: '/v1/portal/sessions/refresh',
    operationId: 'refreshPortalSession',
    summary: 'Exchange a refresh token for new tokens; the old refresh token stops working',
    surface: 'public',
    body: RefreshPortalSession,
    status: 200,
    response: PortalTokens,
  }),
};
