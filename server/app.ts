import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions, type RouteOptions } from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Config } from './config.js';
import { migrateToLatest, openDatabase, type Database } from './db/database.js';
import { features } from './features/index.js';
import { filesPlugin } from './files/plugin.js';
import { documentDownloadRoutes } from './features/documents/download-routes.js';
import { intakeDownloadRoutes } from './features/intake/download-routes.js';
import { memberAuthRoutes } from './features/members/auth-routes.js';
import { originCheckRoutes } from './features/origin-check/portal-routes.js';
import { portalSessionRoutes } from './features/portal-sessions/portal-routes.js';
import { brandPortalRoutes } from './features/profile/brand-routes.js';
import { signInPortalRoutes } from './features/sign-in/portal-routes.js';
import { signOutPortalRoutes } from './features/sign-in/sign-out-routes.js';
import { hostedPortalRoutes } from './hosted/routes.js';
import { newId } from './lib/ids.js';
import { Problem as ProblemSchema } from '../sdk/contract/common.js';
import { Problem } from './lib/problem.js';
import { serverSecret } from './lib/server-secrets.js';
import { authPlugin } from './plugins/auth.js';
import { databasePlugin } from './plugins/database.js';
import { answerClientError, errorsPlugin, sendFrameworkProblem, sendProblem } from './plugins/errors.js';
import { inputPlugin, validatorCompiler } from './plugins/input.js';
import { openapiPlugin } from './plugins/openapi.js';
import { portalCors } from './plugins/portal-cors.js';
import { rateLimitPlugin } from './plugins/rate-limit.js';
import { responseHeadersPlugin } from './plugins/response-headers.js';

export interface BuildOptions {
  /** An already open database (tests share one across apps); opened from config otherwise. */
  database?: Database;
  /** Fastify logger options; `false` silences it (the default follows config.logLevel). */
  logger?: FastifyServerOptions['logger'];
  /** Sees every route as it is added; the security suite walks the route table with it. */
  onRoute?: (route: RouteOptions) => void;
}

/** Credentials never reach the log, even when a log call is handed an object that carries one (docs/security.md). */
export const logRedaction = {
  paths: [
    'req.headers.authorization',
    'req.headers.cookie',
    // Each field at the top of a logged object and one level down (pino paths do not recurse).
    // (`code` is left out on purpose: problem codes are logged under that name.)
    ...['clientSecret', 'refreshToken', 'accessToken', 'apiKey', 'secret', 'token', 'linkToken', 'choiceToken', 'idToken', 'onboardingToken'].flatMap(
      (field) => [field, `*.${field}`],
    ),
  ],
  censor: '[redacted]',
};

/** Builds the whole service without listening: the same instance serves tests, main and benchmarks. */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? openDatabase(config.database);
  await migrateToLatest(database.db);
  const jwtSecret = config.jwtSecret ?? (await serverSecret(database.db, 'portal_access_hs256'));

  const app = Fastify({
    // Redaction applies to any logger given as options, so a test's logger redacts as production does.
    logger:
      options.logger === undefined
        ? { level: config.logLevel, redact: logRedaction }
        : typeof options.logger === 'object' && options.logger !== null
          ? { redact: logRedaction, ...options.logger }
          : options.logger,
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => newId('req'),
    ajv: { customOptions: { removeAdditional: false } },
    // Errors raised before routing and malformed HTTP answer as problem+json too.
    frameworkErrors: sendFrameworkProblem,
    clientErrorHandler: answerClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  if (options.onRoute) app.addHook('onRoute', options.onRoute);

  await app.register(responseHeadersPlugin);
  await app.register(errorsPlugin);
  await app.register(inputPlugin);
  await app.register(openapiPlugin, { publicUrl: config.publicUrl });
  await app.register(databasePlugin, { database });
  await app.register(filesPlugin, { files: config.files, publicUrl: config.publicUrl });
  await app.register(authPlugin, { jwtSecret });
  await app.register(rateLimitPlugin, config.rateLimit);

  app.get(
    '/health',
    {
      schema: {
        tags: ['system'],
        operationId: 'checkHealth',
        summary: 'Liveness and database check',
        security: [],
        // 4xx: what any request can meet before routing (a malformed URL, headers too large).
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }), '4xx': ProblemSchema, 503: ProblemSchema },
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
      await portal.register(portalCors);
      await portal.register(originCheckRoutes);
      await portal.register(portalSessionRoutes);
      await portal.register(signInPortalRoutes, { config });
      // Verifies its token itself: signing out a session that has already ended answers 204.
      await portal.register(signOutPortalRoutes);
      // Before sign-in: whose portal it is, for the sign-in page (the portal gate, no token).
      await portal.register(brandPortalRoutes);
      await portal.register(async (signedIn) => {
        signedIn.addHook('onRequest', signedIn.authenticatePortal);
        // Each feature's signed-in routes, in registry order (server/features/index.ts).
        for (const feature of features) if (feature.portalRoutes) await signedIn.register(await feature.portalRoutes(), { config });
      });
    },
    { prefix: '/v1/portal' },
  );

  await app.register(
    async (workspace) => {
      workspace.addHook('onRequest', workspace.authenticateWorkspace);
      // Each feature's workspace routes, in registry order; each route names its action (server/lib/permissions.ts).
      for (const feature of features) if (feature.workspaceRoutes) await workspace.register(await feature.workspaceRoutes(), { config });
    },
    { prefix: '/v1/workspace' },
  );
  // Google sign-in, onboarding, refresh and sign-out: how a member gets a session, so outside the auth hook.
  await app.register(memberAuthRoutes, { prefix: '/v1/workspace', google: config.google });

  // The local file store's signed download links: no token, the signature is the permission.
  await app.register(documentDownloadRoutes);
  // Reviewers' signed links to quarantined files: their own path and secrets, never a document's.
  await app.register(intakeDownloadRoutes, { config });
  await app.register(hostedPortalRoutes);
  return app;
}
