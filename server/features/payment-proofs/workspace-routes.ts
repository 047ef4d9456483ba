import type { FastifyPluginAsync } from 'fastify';
import { paymentProofEndpoints } from '../../../sdk/contract/payment-proofs.js';
import type { FeatureRouteOptions } from '../../lib/feature.js';
import { route } from '../../lib/route.js';
import { acceptProof, listProofs, readProof, rejectProof } from './actions.js';

export const paymentProofWorkspaceRoutes: FastifyPluginAsync<FeatureRouteOptions> = async (app, { config }) => {
  route(app, paymentProofEndpoints.list, (request) => listProofs(app, request.workspace, request.query));
  route(app, paymentProofEndpoints.retrieve, (request) => readProof(app, config, request.workspace, request.params.paymentProofId));
  route(app, paymentProofEndpoints.accept, (request) => acceptProof(app, request.workspace, request.params.paymentProofId));
  route(app, paymentProofEndpoints.reject, (request) => rejectProof(app, request.workspace, request.params.paymentProofId, request.body));
};
