import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

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
  { additionalProperties: false, examples: [{ name: 'Reporting export', scope: 'read_only' }] },
);
export type CreateApiKey = Static<typeof CreateApiKey>;

export const ApiKeyParams = Type.Object({ keyId: Id });

export const apiKeyEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/api-keys',
    operationId: 'listApiKeys',
    summary: "List the workspace's API keys, newest first, revoked ones included",
    description: 'Secrets are never listed; `prefix` tells keys apart.',
    surface: 'workspace',
    permission: 'api_keys.read',
    query: PageQuery,
    status: 200,
    response: Page(ApiKey),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/api-keys',
    operationId: 'createApiKey',
    summary: 'Create an API key; its secret is in this answer and never again',
    description:
      '`full` does what a tenant backend needs (customers, contacts, proposals, portal sessions); `read_only` only reads; `sessions_only` can do nothing but mint portal sessions — the key to put on a website backend. Only a hash of the secret is stored.',
    surface: 'workspace',
    permission: 'api_keys.manage',
    body: CreateApiKey,
    status: 201,
    response: CreatedApiKey,
  }),
  revoke: endpoint({
    method: 'DELETE',
    path: '/v1/workspace/api-keys/:keyId',
    operationId: 'revokeApiKey',
    summary: 'Revoke an API key; requests with it are refused from now on',
    description: 'Revoking an already revoked key succeeds and changes nothing.',
    surface: 'workspace',
    permission: 'api_keys.manage',
    params: ApiKeyParams,
    status: 204,
    response: Type.Null(),
  }),
};
