import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import type { Dialect } from '../db/database.js';
import { createApiKey } from '../features/api-keys/repository.js';
import type { UpdateWorkspaceSettings } from '../../sdk/contract/settings.js';
import { updateSettings } from '../features/settings/repository.js';
import { createWorkspace } from '../features/workspaces/repository.js';
import { createTestDatabase } from './databases.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  /** A new workspace with a full API key; the portal module is enabled unless `settings` say otherwise. */
  newWorkspace(name?: string, settings?: UpdateWorkspaceSettings): Promise<{ workspaceId: string; apiKey: string }>;
  close(): Promise<void>;
}

/** A real app on a fresh database of the given dialect, silent unless TABA_TEST_LOG is set. */
export async function createTestApp(dialect: Dialect, overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const config: Config = { ...loadConfig({ TABA_DATA_DIR: database.dataDir }), database: database.config, ...overrides };
  const app = await buildApp(config, { logger: process.env.TABA_TEST_LOG ? { level: 'info' } : false });
  return {
    app,
    config,
    async newWorkspace(name = 'Test workspace', settings: UpdateWorkspaceSettings = { portalEnabled: true }) {
      const workspace = await createWorkspace(app.db, name);
      await updateSettings(app.db, workspace.id, settings);
      const key = await createApiKey(app.db, workspace.id, 'test');
      return { workspaceId: workspace.id, apiKey: key.secret };
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
