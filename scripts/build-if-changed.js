// `npm start` builds only when the sources changed since the last successful build: it hashes the
// build's inputs and compares them with the stamp `npm run build` leaves in dist/ when it succeeds.
//   node scripts/build-if-changed.js           build if needed
//   node scripts/build-if-changed.js --record  write the stamp (the last step of `npm run build`)
//   node scripts/build-if-changed.js --check   say whether a build is needed (exit 0: up to date, 1: needed)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const STAMP = path.join(root, 'dist', '.build-inputs');
const SOURCE_DIRS = ['server', 'sdk', 'elements'];
const CONFIG_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'rollup.config.js', 'scripts/elements-doc.js'];
// A build without these is not a build, whatever the stamp says.
const OUTPUTS = ['dist/server/main.js', 'dist/taba-portal.js'];

/** Tests and their helpers are not part of the build (tsconfig.build.json excludes them), so editing one does not rebuild. */
function isBuildInput(name) {
  return !name.endsWith('.test.ts');
}

function listFiles(dir, files) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'test-support') listFiles(full, files);
    } else if (entry.isFile() && isBuildInput(entry.name)) {
      files.push(full);
    }
  }
  return files;
}

function inputsHash() {
  const files = [...SOURCE_DIRS.flatMap((dir) => listFiles(path.join(root, dir), [])), ...CONFIG_FILES.map((file) => path.join(root, file)).filter((file) => fs.existsSync(file))];
  const hash = createHash('sha256');
  for (const file of files.sort()) {
    hash.update(path.relative(root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

if (process.argv.includes('--record')) {
  fs.writeFileSync(STAMP, inputsHash() + '\n');
} else {
  const recorded = fs.existsSync(STAMP) ? fs.readFileSync(STAMP, 'utf8').trim() : undefined;
  const built = OUTPUTS.every((file) => fs.existsSync(path.join(root, file)));
  const upToDate = built && recorded === inputsHash();
  if (process.argv.includes('--check')) {
    console.log(upToDate ? 'The build is up to date.' : built ? 'Sources changed since the last build.' : 'No build yet.');
    process.exit(upToDate ? 0 : 1);
  }
  if (!upToDate) {
    console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building…');
    const npm = process.env.npm_execpath ? [process.execPath, [process.env.npm_execpath]] : ['npm', []];
    const result = spawnSync(npm[0], [...npm[1], 'run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
    if (result.status !== 0) {
      console.error('taba-portal: the build failed (see above); nothing was started');
      process.exit(result.status ?? 1);
    }
  }
}
