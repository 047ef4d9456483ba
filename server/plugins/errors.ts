import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
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
      if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
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
