import swagger from '@fastify/swagger';
import fp from 'fastify-plugin';

/** Collects every route schema into an OpenAPI document served at /openapi.json. */
export const openapiPlugin = fp(
  async (app) => {
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'taba-portal API',
          version: '1',
          description:
            'Two surfaces: `/v1/portal/*` is what a signed-in customer contact sees (bearer access token); `/v1/workspace/*` is the tenant\'s own view (bearer API key `sk_…`). Errors are RFC 9457 problem+json with a stable `code`.',
        },
        components: {
          securitySchemes: {
            portalAccessToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
            workspaceApiKey: { type: 'http', scheme: 'bearer', description: 'A workspace API key, sk_…' },
          },
        },
        tags: [
          { name: 'portal', description: "A portal contact's view, scoped to their customer" },
          { name: 'workspace', description: "The tenant's view of its workspace" },
          { name: 'system', description: 'Health and metadata' },
        ],
      },
    });
    app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  },
  { name: 'openapi' },
);
