import { Type, type Static } from 'typebox';
import { Id } from './common.js';
import { endpoint } from './endpoint.js';

export const OriginCheckQuery = Type.Object(
  {
    /** Ask about one workspace's allowed origins (`ws_…`); without it, about any workspace's, as CORS does. */
    workspace: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type OriginCheckQuery = Static<typeof OriginCheckQuery>;

/** Whether the calling page's origin may use the portal API; answered to any page, so it can say why a call was blocked. */
export const OriginCheck = Type.Object({
  /** The request's `Origin` header; null when it sent none (a server, or a same-origin GET). */
  origin: Type.Union([Type.String(), Type.Null()]),
  /** True when the origin is in the workspace's allowed origins (or in some workspace's, without `workspace`), or is the portal server's own. */
  allowed: Type.Boolean(),
});
export type OriginCheck = Static<typeof OriginCheck>;

export const originCheckEndpoints = {
  check: endpoint({
    method: 'GET',
    path: '/v1/portal/origin-check',
    operationId: 'checkPortalOrigin',
    summary: "Whether the calling page's origin may use the portal API",
    description: 'Answered to any page (`Access-Control-Allow-Origin: *`), so that a page whose calls are blocked can tell why.',
    surface: 'public',
    query: OriginCheckQuery,
    status: 200,
    response: OriginCheck,
  }),
};
