import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { newId } from '../lib/ids.js';
import { Problem } from '../lib/problem.js';

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  requestId: string;
  errors?: { field: string; message: string }[];
}

const PROBLEM_TYPE_BASE = 'https://taba-portal.dev/problems/';

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: Problem): FastifyReply {
  const body: ProblemBody = {
    type: PROBLEM_TYPE_BASE + problem.code,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    requestId: request.id,
  };
  if (problem.detail) body.detail = problem.detail;
  if (problem.errors) body.errors = problem.errors;
  // Serialized here so a route's response schema never reshapes an error body.
  return reply.code(problem.status).type('application/problem+json').serializer(JSON.stringify).send(body);
}

/** Maps every error to problem+json; 5xx answers never carry internal detail. */
export const errorsPlugin = fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const problem = toProblem(error);
      if (problem.status >= 500) request.log.error({ err: loggable(error) }, 'request failed');
      else request.log.info({ code: problem.code }, problem.title);
      return sendProblem(reply, request, problem);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, request, new Problem(404, 'route_not_found', 'Not found', `No route ${request.method} ${request.url.split('?')[0]}.`)),
    );
  },
  { name: 'errors' },
);

function toProblem(error: FastifyError): Problem {
  if (error instanceof Problem) return error;
  if (error.validation) {
    const context = error.validationContext ?? 'body';
    const errors = error.validation.map((issue) => {
      const extra = issue.params as { additionalProperties?: string[]; missingProperty?: string; requiredProperties?: string[] };
      const pointer = issue.instancePath ?? '';
      let field = pointer.replace(/^\//, '').replaceAll('/', '.');
      if (extra.requiredProperties?.length) field = [field, extra.requiredProperties[0]].filter(Boolean).join('.');
      if (extra.additionalProperties?.length) field = [field, extra.additionalProperties[0]].filter(Boolean).join('.');
      return { field: `${context}${field ? '.' + field : ''}`, message: issue.message ?? 'is invalid' };
    });
    const first = errors[0];
    return new Problem(400, 'validation_failed', 'Invalid request', first ? `${first.field} ${first.message}` : undefined, errors);
  }
  if (isUniqueViolation(error)) {
    return new Problem(409, 'already_exists', 'Already exists', 'Another request created the same thing first; read it instead of creating it again.');
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Problem(413, 'body_too_large', 'Request body too large', error.message);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new Problem(415, 'unsupported_media_type', 'Unsupported media type', 'Send a JSON body with Content-Type: application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new Problem(400, 'invalid_json', 'Invalid JSON body', error.message);
  }
  if (error.statusCode === 429) return new Problem(429, 'rate_limited', 'Too many requests', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new Problem(error.statusCode, 'bad_request', 'Bad request', error.message);
  }
  return new Problem(500, 'internal_error', 'Internal server error', 'Something went wrong; quote the requestId when reporting it.');
}

/** PostgreSQL `unique_violation`, or SQLite's unique / primary key constraint. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * A database error is logged by its codes only: PostgreSQL's `detail` (`Key (email)=(…)`) and some
 * messages carry the row's values, which are personal data.
 */
export function loggable(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const databaseError = error as { severity?: unknown; code?: unknown; constraint?: unknown; table?: unknown; column?: unknown; routine?: unknown; name?: unknown };
  const fromPostgres = typeof databaseError.severity === 'string' && typeof databaseError.code === 'string';
  const fromSqlite = typeof databaseError.code === 'string' && databaseError.code.startsWith('SQLITE_');
  if (!fromPostgres && !fromSqlite) return error;
  return {
    type: fromPostgres ? 'PostgresError' : 'SqliteError',
    code: databaseError.code,
    constraint: databaseError.constraint,
    table: databaseError.table,
    column: databaseError.column,
    routine: databaseError.routine,
  };
}

/** Answers errors Fastify raises before routing (`frameworkErrors`), e.g. a bad percent-encoding or an over-long path parameter. */
export function sendFrameworkProblem(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let problem: Problem;
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      problem = new Problem(400, 'invalid_url', 'Invalid URL', 'The path is not valid percent-encoded UTF-8.');
      break;
    case 'FST_ERR_MAX_PARAM_LENGTH':
      problem = new Problem(400, 'path_parameter_too_long', 'Path parameter too long', 'A path parameter is longer than 100 characters.');
      break;
    default:
      request.log.error({ err: error }, 'framework error');
      problem = new Problem(500, 'internal_error', 'Internal server error', 'Something went wrong; quote the requestId when reporting it.');
  }
  if (problem.status < 500) request.log.info({ code: problem.code }, problem.title);
  // These answers skip the onSend hooks, so the shared response headers are set here.
  reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff').header('cache-control', 'no-store');
  void sendProblem(reply, request, problem);
}

/**
 * Answers a request Node's HTTP parser refused (malformed request line, oversized headers, timeout)
 * as problem+json. No Fastify request exists yet, so the request id is made here.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, title] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'Request timeout']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'headers_too_large', 'Request headers too large']
        : [400, 'malformed_request', 'Malformed HTTP request'];
  const requestId = newId('req');
  const body = JSON.stringify({ type: PROBLEM_TYPE_BASE + code, title, status, code, requestId });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `X-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
