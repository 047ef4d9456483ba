import type { Dialect } from '../db/database.js';
import { WorkspaceClient } from '../../sdk/workspace-client.js';
import { createTestApp } from './app.js';

export interface TestServer {
  url: string;
  apiKey: string;
  workspaceId: string;
  workspace: WorkspaceClient;
  close(): Promise<void>;
}

/** A real server listening on 127.0.0.1 at a free port, with one workspace and its API key. */
export async function startTestServer(dialect: Dialect = 'sqlite'): Promise<TestServer> {
  const testApp = await createTestApp(dialect);
  const { workspaceId, apiKey } = await testApp.newWorkspace();
  const url = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    apiKey,
    workspaceId,
    workspace: new WorkspaceClient({ apiBase: url, apiKey }),
    close: () => testApp.close(),
  };
}
