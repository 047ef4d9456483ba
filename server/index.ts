export { buildApp, type BuildOptions } from './app.js';
export { loadConfig, ConfigError, type Config } from './config.js';
export { openDatabase, migrateToLatest, type Database, type Dialect } from './db/database.js';
