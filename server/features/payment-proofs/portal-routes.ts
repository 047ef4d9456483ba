import type { FastifyPluginAsync } from 'fastify';
import { portalPaymentProofEndpoints } from '../../../sdk/contract/payment-proofs.js';
import { multipartSupport } from '../../files/index.js';
import { route } from '../../lib/route.js';
import { uploadRateLimit } from '../requests/upload-limit.js';
import { submitPaymentProof } from './actions.js';

export const paymentProofPortalRoutes: FastifyPluginAsync = async (app) => {
  // Only this scope accepts multipart/form-data. The per-contact upload limit is the one every
  // contact file counts against (request answers too), checked before a byte of the body is read.
  await app.register(async (uploads) => {
    await uploads.register(multipartSupport);
    route(uploads, portalPaymentProofEndpoints.submit, (request) => submitPaymentProof(app, request.portal, request.params.invoiceId, request), {
      onRequest: uploadRateLimit(app),
    });
  });
};
