import fp from 'fastify-plugin';

/**
 * Headers every answer carries:
 * - `x-request-id`, so a caller can quote it;
 * - `x-content-type-options: nosniff`, so a browser never reads an answer as another type;
 * - `cache-control: no-store` on the API (`/v1/…`): its answers are one caller's data and several
 *   carry credentials (client secrets, tokens, API keys). Storing none is simpler and safer than
 *   marking each credential route, which the next one could forget. A route may set its own.
 */
export const responseHeadersPlugin = fp(
  async (app) => {
    // A callback hook, not an async one: every answer passes here, and a promise per answer shows in the profile.
    app.addHook('onSend', (request, reply, payload, done) => {
      reply.header('x-request-id', request.id);
      reply.header('x-content-type-options', 'nosniff');
      if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      done(null, payload);
    });
  },
  { name: 'response-headers' },
);
