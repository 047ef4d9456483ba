import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, RouteHandlerMethod } from 'fastify';
import type { Static } from 'typebox';
import { Problem as ProblemSchema, ProblemResponses } from '../../sdk/contract/common.js';
import type { Endpoint, EndpointBody, EndpointParams, EndpointQuery } from '../../sdk/contract/endpoint.js';
import type { WorkspaceAction } from './permissions.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The declaration the route was registered from (see `route`). */
    endpoint?: Endpoint;
  }
}

/** The request of a declared endpoint: params, query and body typed from its schemas. */
export type EndpointRequest<E extends Endpoint> = FastifyRequest<{
  Params: EndpointParams<E>;
  Querystring: EndpointQuery<E>;
  Body: EndpointBody<E>;
}>;

/** What the handler returns: the success body, sent with the declared status (null for a 204). */
export type EndpointAnswer<E extends Endpoint> = E['status'] extends 204 ? null : Static<E['response']>;

export type EndpointHandler<E extends Endpoint> = (
  request: EndpointRequest<E>,
  reply: FastifyReply,
) => EndpointAnswer<E> | Promise<EndpointAnswer<E>>;

/** A workspace endpoint must name an action the permission table knows. */
type KnownPermission<E extends Endpoint> = E extends { permission: infer P } ? (P extends WorkspaceAction ? E : never) : E;

/** The OpenAPI security requirement of each surface; the schemes are defined in plugins/openapi.ts. */
const securityOf: Record<Endpoint['surface'], Record<string, string[]>[]> = {
  public: [],
  portal: [{ portalAccessToken: [] }],
  workspace: [{ workspaceApiKey: [] }, { memberAccessToken: [] }],
  member: [{ memberAccessToken: [] }],
};

export interface RouteExtras {
  /** Route-level onRequest hooks (they run after the encapsulated ones, before validation). */
  onRequest?: onRequestHookHandler;
}

/**
 * Registers a declared endpoint: its schemas (validation, response stripping, OpenAPI), its
 * permission and its success status come from the declaration; the handler only maps HTTP to
 * an action or repository and back. `app` is the plugin the route belongs to; its prefix is
 * taken off the declared path.
 */
export function route<E extends Endpoint>(app: FastifyInstance, endpoint: KnownPermission<E>, handler: EndpointHandler<E>, extras: RouteExtras = {}): void {
  const declared: Endpoint = endpoint;
  if (!declared.path.startsWith(app.prefix)) throw new Error(`${declared.path} cannot be registered under the prefix ${app.prefix}`);
  const responses: Record<number, unknown> = { [declared.status]: declared.response, ...ProblemResponses };
  for (const status of declared.extraProblems ?? []) responses[status] = ProblemSchema;
  // The one place a declaration's types meet Fastify's untyped handler.
  const typed = handler as unknown as RouteHandlerMethod;
  const status = declared.status;
  // A multipart body is streamed by the handler, not parsed and validated as JSON: its schema only
  // goes into OpenAPI, under multipart/form-data.
  const jsonBody = declared.body && !declared.multipart ? declared.body : undefined;
  const multipartDoc =
    declared.multipart && declared.body
      ? { swaggerTransform: ({ schema, url }: { schema: object; url: string }) => ({ schema: { ...schema, body: declared.body, consumes: ['multipart/form-data'] }, url }) }
      : {};
  app.route({
    method: declared.method,
    url: declared.path.slice(app.prefix.length),
    config: {
      ...(declared.surface === 'workspace' ? { endpoint: declared, permission: declared.permission as WorkspaceAction } : { endpoint: declared }),
      ...multipartDoc,
    },
    schema: {
      operationId: declared.operationId,
      summary: declared.summary,
      ...(declared.description === undefined ? {} : { description: declared.description }),
      tags: [tagOf(declared.path)],
      security: securityOf[declared.surface],
      ...(declared.params ? { params: declared.params } : {}),
      ...(declared.query ? { querystring: declared.query } : {}),
      ...(jsonBody ? { body: jsonBody } : {}),
      response: responses,
    },
    ...(extras.onRequest ? { onRequest: extras.onRequest } : {}),
    // 200 is Fastify's default: the handler runs as it is, with no wrapper on the hot path.
    handler:
      status === 200
        ? typed
        : async function (this: FastifyInstance, request, reply) {
            reply.code(status);
            return typed.call(this, request, reply);
          },
  });
}

/** The OpenAPI tag of a path: the portal's, the workspace's, or the signed download links both sides follow. */
function tagOf(path: string): 'portal' | 'workspace' | 'downloads' {
  if (path.startsWith('/v1/portal/')) return 'portal';
  if (path.startsWith('/v1/downloads/')) return 'downloads';
  return 'workspace';
}
