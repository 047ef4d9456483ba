import cors from '@fastify/cors';
import { TypeBoxValidatorCompiler, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type Database } from './db/database.js';
import { auditWorkspaceRoutes } from './features/audit/workspace-routes.js';
import { contactWorkspaceRoutes } from './features/contacts/workspace-routes.js';
import { customerWorkspaceRoutes } from './features/customers/workspace-routes.js';
import { portalSessionRoutes } from './features/portal-sessions/portal-routes.js';
import { portalSessionWorkspaceRoutes } from './features/portal-sessions/workspace-routes.js';
import { profilePortalRoutes } from './features/profile/portal-routes.js';
import { proposalPortalRoutes } from './features/proposals/portal-routes.js';
import { proposalWorkspaceRoutes } from './features/proposals/workspace-routes.js';
import { isOriginKnown } from './features/settings/repository.js';
import { settingsWorkspaceRoutes } from './features/settings/workspace-routes.js';
import { hostedPortalRoutes } from './hosted/routes.js';
import { newId } from './lib/ids.js';
import { Problem } from './lib/problem.js';
import { serverSecret } from './lib/server-secrets.js';
import { authPlugin, isSameOrigin } from './plugins/auth.js';
import { databasePlugin } from './plugins/database.js';
import { errorsPlugin, sendProblem } from './plugins/errors.js';
import { openapiPlugin } from './plugins/openapi.js';

export interface BuildOptions {
  /** An already open database (tests share one across apps); opened from config otherwise. */
  database?: Database;
  /** Fastify logger options; `false` silences it (the default follows config.logLevel). */
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole service without listening: the same instance serves tests, main and benchmarks. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? openDatabase(config.database);
  await migrateToLatest(database.db);
  const jwtSecret = config.jwtSecret ?? (await serverSecret(database.db, 'portal_access_hs256'));

  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', '*.clientSecret', '*.refreshToken', '*.accessToken', '*.apiKey'],
        censor: '[redacted]',
      },
    },
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => newId('req'),
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(TypeBoxValidatorCompiler);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(errorsPlugin);
  await app.register(openapiPlugin);
  await app.register(databasePlugin, { database });
  await app.register(authPlugin, { jwtSecret });

  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness and database check',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }) },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(app.db);
      } catch (error) {
        request.log.error({ err: error }, 'health check: database unreachable');
        return sendProblem(reply, request, new Problem(503, 'database_unavailable', 'Database unavailable'));
      }
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );

  await app.register(
    async (portal) => {
      // Browsers may call from this server's own pages or an origin some workspace allows; the
      // signed-in routes then hold the caller to its own workspace's list (plugins/auth.ts).
      await portal.register(cors, () => async (request: FastifyRequest) => {
        const origin = request.headers.origin;
        const allowed = origin !== undefined && (isSameOrigin(request, origin) || (await isOriginKnown(app.db, origin)));
        return { origin: allowed ? origin : false, methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type'], maxAge: 600 };
      });
      await portal.register(portalSessionRoutes);
      await portal.register(async (signedIn) => {
        signedIn.addHook('onRequest', signedIn.authenticatePortal);
        await signedIn.register(profilePortalRoutes);
        await signedIn.register(proposalPortalRoutes);
      });
    },
    { prefix: '/v1/portal' },
  );

  await app.register(
    async (workspace) => {
      workspace.addHook('onRequest', workspace.authenticateWorkspace);
      await workspace.register(customerWorkspaceRoutes);
      await workspace.register(contactWorkspaceRoutes);
      await workspace.register(proposalWorkspaceRoutes);
      await workspace.register(portalSessionWorkspaceRoutes);
      await workspace.register(auditWorkspaceRoutes);
      await workspace.register(settingsWorkspaceRoutes);
    },
    { prefix: '/v1/workspace' },
  );

  await app.register(hostedPortalRoutes);
  return app;
}
