import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';

/** `full`: the tenant backend's everyday key; `read_only`: reads only; `sessions_only`: can only mint portal sessions. */
export const ApiKeyScope = Type.Enum(['full', 'read_only', 'sessions_only']);
export type ApiKeyScope = Static<typeof ApiKeyScope>;

/** An API key as listed: never its secret, never its hash. */
export const ApiKey = Type.Object({
  id: Id,
  name: Type.String(),
  /** The first characters of the secret, to tell keys apart. */
  prefix: Type.String(),
  scope: ApiKeyScope,
  createdAt: Timestamp,
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});
export type ApiKey = Static<typeof ApiKey>;

/** The answer to creating a key: the only time its secret is shown. */
export const CreatedApiKey = Type.Object({
  ...ApiKey.properties,
  secret: Type.String(),
});
export type CreatedApiKey = Static<typeof CreatedApiKey>;

export const CreateApiKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
    scope: ApiKeyScope,
  },
  { additionalProperties: false },
);
export type CreateApiKey = Static<typeof CreateApiKey>;

export const ApiKeyParams = Type.Object({ keyId: Id });
