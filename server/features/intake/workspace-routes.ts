import type { FastifyPluginAsync } from 'fastify';
import { intakeEndpoints } from '../../../sdk/contract/intake.js';
import type { FeatureRouteOptions } from '../../lib/feature.js';
import { route } from '../../lib/route.js';
import { acceptIntake, intakeDownloadLink, listIntake, readIntake, rejectIntake } from './actions.js';

export const intakeWorkspaceRoutes: FastifyPluginAsync<FeatureRouteOptions> = async (app, { config }) => {
  route(app, intakeEndpoints.list, (request) => listIntake(app, request.workspace, request.query));
  route(app, intakeEndpoints.retrieve, (request) => readIntake(app, request.workspace, request.params.intakeId));
  route(app, intakeEndpoints.createDownloadLink, (request) => intakeDownloadLink(app, config, request.workspace, request.params.intakeId));
  route(app, intakeEndpoints.accept, (request) => acceptIntake(app, request.workspace, request.params.intakeId, request.body ?? {}));
  route(app, intakeEndpoints.reject, (request) => rejectIntake(app, request.workspace, request.params.intakeId, request.body));
};
