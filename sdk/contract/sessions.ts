import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';
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
