import type { FastifyPluginAsync } from 'fastify';
import { projectCommentEndpoints, projectEndpoints, taskEndpoints, timeEntryEndpoints } from '../../../sdk/contract/projects.js';
import { idempotencyKeyOf } from '../../lib/idempotency.js';
import { notFound } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import type { WorkspacePrincipal } from '../../plugins/auth.js';
import { createProject, createTask, createTimeEntry, postTeamComment, readTeamComments, updateProject, updateTask } from './actions.js';
import { findWorkspaceProject, listProjectTasks, listTimeEntries, listWorkspaceProjects, toProject } from './repository.js';

/** Keys of a member and of an API key never meet, even with the same text. */
const callerOf = (principal: WorkspacePrincipal) => `${principal.actorType}:${principal.actorId}`;

export const projectWorkspaceRoutes: FastifyPluginAsync = async (app) => {
  const projectOf = async (workspaceId: string, projectId: string) => {
    const project = await findWorkspaceProject(app.db, workspaceId, projectId);
    if (!project) throw notFound('project');
    return project;
  };

  route(app, projectEndpoints.list, (request) =>
    listWorkspaceProjects(
      app.db,
      request.workspace.workspaceId,
      { customerId: request.query.customerId, status: request.query.status },
      { limit: request.query.limit ?? 20, cursor: request.query.cursor },
    ),
  );
  route(app, projectEndpoints.create, (request) => createProject(app, request.workspace, request.body));
  route(app, projectEndpoints.retrieve, async (request) => toProject(await projectOf(request.workspace.workspaceId, request.params.projectId)));
  route(app, projectEndpoints.update, (request) => updateProject(app, request.workspace, request.params.projectId, request.body));

  route(app, taskEndpoints.list, async (request) => {
    const project = await projectOf(request.workspace.workspaceId, request.params.projectId);
    return listProjectTasks(app.db, project.id, { limit: request.query.limit ?? 20, cursor: request.query.cursor });
  });
  route(app, taskEndpoints.create, (request) => createTask(app, request.workspace, request.params.projectId, request.body));
  route(app, taskEndpoints.update, (request) => updateTask(app, request.workspace, request.params.taskId, request.body));

  route(app, timeEntryEndpoints.list, async (request) => {
    const project = await projectOf(request.workspace.workspaceId, request.params.projectId);
    return listTimeEntries(app.db, project.id, { limit: request.query.limit ?? 20, cursor: request.query.cursor });
  });
  route(app, timeEntryEndpoints.create, (request) => createTimeEntry(app, request.workspace, request.params.projectId, request.body));

  route(app, projectCommentEndpoints.list, (request) =>
    readTeamComments(app, request.workspace, request.params.projectId, { limit: request.query.limit ?? 20, cursor: request.query.cursor }),
  );
  route(app, projectCommentEndpoints.create, (request) =>
    postTeamComment(app, request.workspace, request.params.projectId, request.body, idempotencyKeyOf(request, callerOf(request.workspace))),
  );
};
