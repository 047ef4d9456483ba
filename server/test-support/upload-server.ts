// A child process for the SIGKILL test: the minimal files server on TABA_DATA_DIR (local store, or S3
// when TABA_S3_BUCKET is set), printing `listening <url>` once it accepts uploads.
import { loadConfig } from '../config.js';
import { startFilesApp } from './files-app.js';

const config = loadConfig(process.env);
const server = await startFilesApp(config);
process.stdout.write(`listening ${server.url}\n`);
