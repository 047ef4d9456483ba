import { Type, type Static } from 'typebox';

/** A web origin, exactly `scheme://host[:port]`, e.g. `https://www.example.com`. */
export const Origin = Type.String({ maxLength: 200, pattern: '^https?://[^/?#\\s]+$' });

export const WorkspaceSettings = Type.Object({
  /** The Customer Portal module: while false no session can start and every portal call answers `portal_disabled`. */
  portalEnabled: Type.Boolean(),
  /** Origins allowed to embed the portal and call the portal API from a browser. */
  allowedOrigins: Type.Array(Type.String()),
});
export type WorkspaceSettings = Static<typeof WorkspaceSettings>;

export const UpdateWorkspaceSettings = Type.Object(
  {
    portalEnabled: Type.Optional(Type.Boolean()),
    allowedOrigins: Type.Optional(Type.Array(Origin, { maxItems: 20 })),
  },
  { additionalProperties: false },
);
export type UpdateWorkspaceSettings = Static<typeof UpdateWorkspaceSettings>;
