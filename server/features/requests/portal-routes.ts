import type { FastifyPluginAsync } from 'fastify';
import { portalRequestEndpoints } from '../../../sdk/contract/requests.js';
import { multipartSupport } from '../../files/index.js';
import { idempotencyKeyOf } from '../../lib/idempotency.js';
import { route } from '../../lib/route.js';
import { answerItem, readContactRequest, uploadItemFile } from './actions.js';
import { listCustomerRequests } from './repository.js';
import { uploadRateLimit } from './upload-limit.js';

export const requestPortalRoutes: FastifyPluginAsync = async (app) => {
  route(app, portalRequestEndpoints.list, (request) =>
    listCustomerRequests(app.db, request.portal.customerId, request.query.tab ?? 'open', { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );

  route(app, portalRequestEndpoints.retrieve, (request) => readContactRequest(app, request.portal, request.params.requestId));

  route(app, portalRequestEndpoints.answer, (request) =>
    answerItem(app, request.portal, request.params.requestId, request.params.itemId, request.body, idempotencyKeyOf(request, `contact:${request.portal.contactId}`)),
  );

  // Only the upload route's scope accepts multipart/form-data; everywhere else it stays a 415.
  await app.register(async (uploads) => {
    await uploads.register(multipartSupport);
    route(uploads, portalRequestEndpoints.uploadFile, (request) => uploadItemFile(app, request.portal, request.params.requestId, request.params.itemId, request), {
      onRequest: uploadRateLimit(app),
    });
  });
};
