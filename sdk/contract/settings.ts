import { Type, type Static } from 'typebox';
import { endpoint } from './endpoint.js';

/**
 * A web origin as a browser sends it in the `Origin` header: `scheme://host[:port]`, e.g.
 * `https://www.example.com`. The server checks the host and port and answers `invalid_origin`
 * naming the value; a trailing `/`, upper case and a default port are normalised away.
 */
export const Origin = Type.String({
  maxLength: 300,
  description: 'scheme://host[:port] with http or https, a host name (IDN as punycode), an IPv4 address or a bracketed IPv6 address; no path, query or user name.',
  examples: ['https://www.example.com', 'http://127.0.0.1:3000'],
});

/** How the portal presents the tenant: its name, logo and accent colour; null shows the defaults. */
export const WorkspaceBrand = Type.Object({
  /** The name customers see, 1–80 characters. */
  name: Type.Union([Type.String(), Type.Null()]),
  /** An https URL of the logo image (http only for localhost while developing). */
  logoUrl: Type.Union([Type.String(), Type.Null()]),
  /** The accent colour as `#rrggbb`, lower case. */
  accentColor: Type.Union([Type.String(), Type.Null()]),
});
export type WorkspaceBrand = Static<typeof WorkspaceBrand>;

export const WorkspaceSettings = Type.Object({
  /** The Customer Portal module: while false no session can start and every portal call answers `portal_disabled`. */
  portalEnabled: Type.Boolean(),
  /** Origins allowed to embed the portal and call the portal API from a browser. */
  allowedOrigins: Type.Array(Type.String()),
  brand: WorkspaceBrand,
});
export type WorkspaceSettings = Static<typeof WorkspaceSettings>;

/** A partial brand change: an omitted field stays as it is, null clears it. */
export const UpdateWorkspaceBrand = Type.Object(
  {
    name: Type.Optional(Type.Union([Type.String({ maxLength: 200, description: '1–80 characters once trimmed, no control characters' }), Type.Null()])),
    logoUrl: Type.Optional(Type.Union([Type.String({ maxLength: 4000, description: 'https URL of at most 2000 characters (http only for localhost or 127.0.0.1)' }), Type.Null()])),
    accentColor: Type.Optional(Type.Union([Type.String({ maxLength: 20, description: '#rrggbb', examples: ['#0f766e'] }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type UpdateWorkspaceBrand = Static<typeof UpdateWorkspaceBrand>;

export const UpdateWorkspaceSettings = Type.Object(
  {
    portalEnabled: Type.Optional(Type.Boolean()),
    /** Replaces the whole list; at most 20. */
    allowedOrigins: Type.Optional(Type.Array(Origin, { maxItems: 20 })),
    brand: Type.Optional(UpdateWorkspaceBrand),
  },
  { additionalProperties: false },
);
export type UpdateWorkspaceSettings = Static<typeof UpdateWorkspaceSettings>;

export const settingsEndpoints = {
  retrieve: endpoint({
    method: 'GET',
    path: '/v1/workspace/settings',
    operationId: 'retrieveSettings',
    summary: 'Workspace settings: the portal module, allowed embedding origins and brand',
    surface: 'workspace',
    permission: 'settings.read',
    status: 200,
    response: WorkspaceSettings,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/settings',
    operationId: 'updateSettings',
    summary: 'Enable or disable the portal module, replace the allowed embedding origins, change the brand',
    surface: 'workspace',
    permission: 'settings.manage',
    body: UpdateWorkspaceSettings,
    status: 200,
    response: WorkspaceSettings,
  }),
};
