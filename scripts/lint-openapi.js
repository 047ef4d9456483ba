// Writes the built server's OpenAPI document to dist/openapi.json (an app on a throwaway SQLite
// database) and lints it with Redocly's recommended rules; any error or warning fails, since a
// tenant generates its client in another language from this document.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const output = path.join(root, 'dist', 'openapi.json');
const { buildApp } = await import(path.join(root, 'dist', 'server', 'app.js'));
const { loadConfig } = await import(path.join(root, 'dist', 'server', 'config.js'));

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-openapi-'));
try {
  const app = await buildApp(loadConfig({ TABA_DATA_DIR: dataDir }), { logger: false });
  await app.ready();
  fs.writeFileSync(output, JSON.stringify(app.swagger(), null, 2) + '\n');
  await app.close();
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const lint = spawnSync(path.join(root, 'node_modules', '.bin', 'redocly'), ['lint', output, '--format=json'], {
  encoding: 'utf8',
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
});
let report;
try {
  report = JSON.parse(lint.stdout);
} catch {
  console.error(`redocly lint gave no report (exit ${lint.status}):\n${lint.stdout}\n${lint.stderr}`);
  process.exit(1);
}
for (const problem of report.problems) {
  console.error(`${problem.severity} ${problem.ruleId}: ${problem.message} (${problem.location?.[0]?.pointer ?? ''})`);
}
const { errors, warnings } = report.totals;
console.log(`openapi: ${path.relative(root, output)} — redocly lint (recommended): ${errors} errors, ${warnings} warnings`);
if (errors > 0 || warnings > 0) process.exit(1);
