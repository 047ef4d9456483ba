import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

export interface OpenapiOptions {
  /** Where this server is reached; the document's `servers`, so a generated client needs no base URL. */
  publicUrl: string;
}

/** Collects every route schema (from the declarations in sdk/contract) into an OpenAPI document served at /openapi.json. */
export const openapiPlugin = fp<OpenapiOptions>(
  async (app, options) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'taba-portal API',
          version: '1',
          description:
            "Two surfaces: `/v1/portal/*` is what a signed-in customer contact sees (bearer access token); `/v1/workspace/*` is the tenant's own view (bearer API key `sk_…`, or a member's access token). Errors are RFC 9457 problem+json with a stable `code`.",
          license: { name: 'MIT', identifier: 'MIT' },
        },
        servers: [{ url: options.publicUrl, description: 'This server (its PUBLIC_URL)' }],
        components: {
          securitySchemes: {
            portalAccessToken: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: "A portal contact's access token, from `POST /v1/portal/sessions`, `/sessions/refresh` or `/sign-in/verify`.",
            },
            workspaceApiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key, sk_…' },
            memberAccessToken: {
              type: 'http',
              scheme: 'bearer',
              bearerFormat: 'JWT',
              description: "A workspace member's access token, from `POST /v1/workspace/auth/google` or `/auth/refresh`.",
            },
          },
        },
        tags: [
          { name: 'portal', description: "A portal contact's view, scoped to their customer" },
          { name: 'workspace', description: "The tenant's view of its workspace" },
          { name: 'downloads', description: 'Signed download links of the local file store: the signature is the permission, no token' },
          { name: 'system', description: 'Health and metadata' },
        ],
      },
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
