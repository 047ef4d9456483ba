import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../scripts/build-if-changed.js', import.meta.url));

/** A project tree with the script, one source per folder and a finished build, in a temp folder. */
function builtTree(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-build-'));
  for (const file of ['scripts/build-if-changed.js', 'server/main.ts', 'sdk/index.ts', 'elements/index.ts', 'elements/index.test.ts', 'package.json', 'dist/server/main.js', 'dist/taba-portal.js']) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    const text = file === 'scripts/build-if-changed.js' ? fs.readFileSync(script) : file === 'package.json' ? '{ "type": "module" }\n' : `// ${file}\n`;
    fs.writeFileSync(path.join(root, file), text);
  }
  return root;
}

const run = (root: string, flag: string) => spawnSync(process.execPath, [path.join(root, 'scripts/build-if-changed.js'), flag], { encoding: 'utf8' });

test('npm start builds only when a build input changed since the last build', (t) => {
  const root = builtTree();
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));

  assert.equal(run(root, '--check').status, 1, 'no stamp yet: a build is needed');
  assert.equal(run(root, '--record').status, 0);
  const upToDate = run(root, '--check');
  assert.equal(upToDate.status, 0, upToDate.stdout);
  assert.match(upToDate.stdout, /up to date/);

  // Tests are not build inputs.
  fs.appendFileSync(path.join(root, 'elements/index.test.ts'), '// another test\n');
  assert.equal(run(root, '--check').status, 0);

  fs.appendFileSync(path.join(root, 'sdk/index.ts'), 'export const changed = true;\n');
  const changed = run(root, '--check');
  assert.equal(changed.status, 1);
  assert.match(changed.stdout, /Sources changed/);

  assert.equal(run(root, '--record').status, 0);
  fs.rmSync(path.join(root, 'dist/taba-portal.js'));
  const missing = run(root, '--check');
  assert.equal(missing.status, 1, 'a build without its outputs is not a build');
  assert.match(missing.stdout, /No build yet/);
});
