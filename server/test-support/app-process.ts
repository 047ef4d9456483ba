// A child process for kill tests: the whole app (buildApp) from the environment (DATABASE_URL,
// TABA_DATA_DIR, …), printing `listening <url>` once it accepts requests.
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';

const app = await buildApp(loadConfig(process.env), { logger: false });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${url}\n`);
