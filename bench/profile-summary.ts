/**
 * Summarises V8 CPU profiles (from `BENCH_PROFILE=1 npm run bench`, or any `--cpu-prof` run):
 * self time by function and by package or source folder, so it is plain where a request's time goes.
 *
 *   npx tsx bench/profile-summary.ts [file.cpuprofile | folder]   (default .bench/profiles/C.cpuprofile, the real app)
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A folder holds one profile per thread (tsx adds a loader thread): take the main thread's, the largest. */
function mainProfile(target: string): string {
  if (fs.statSync(target).isFile()) return target;
  const files = fs
    .readdirSync(target)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(target, name))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size);
  if (!files[0]) throw new Error(`no .cpuprofile in ${target}`);
  return files[0];
}

/** node_modules/<package> or the project folder (server/db, sdk/contract, …) a script belongs to. */
function area(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return url;
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  const parts = url.replace(/^file:\/\//, '').split('/');
  const projectIndex = Math.max(parts.lastIndexOf('server'), parts.lastIndexOf('sdk'), parts.lastIndexOf('bench'));
  return projectIndex >= 0 ? parts.slice(projectIndex, -1).join('/') || parts[projectIndex]! : url;
}

process.stdout.on('error', () => process.exit(0)); // e.g. piped into head
const file = mainProfile(process.argv[2] ?? path.join('.bench', 'profiles', 'C.cpuprofile'));
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...self.values()].reduce((sum, us) => sum + us, 0);
const idle = [...self].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((sum, [, us]) => sum + us, 0);
const busy = total - idle;

const byFunction = new Map<string, number>();
const byArea = new Map<string, number>();
for (const [id, us] of self) {
  const frame = byId.get(id)!.callFrame;
  if (frame.functionName === '(idle)') continue;
  const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : '';
  const fn = `${frame.functionName || '(anonymous)'} ${where}`.trim();
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const group = area(frame.url);
  byArea.set(group, (byArea.get(group) ?? 0) + us);
}

// bench/run.ts writes how many requests the profiled run served beside the profile.
const requestsFile = file.replace(/\.cpuprofile$/, '.requests');
const requests = fs.existsSync(requestsFile) ? Number(fs.readFileSync(requestsFile, 'utf8')) : undefined;
const perRequest = (us: number) => (requests ? `${(us / requests).toFixed(1).padStart(6)} µs/req` : '');
const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %  ${perRequest(us)}`;
console.log(`${file}\nbusy ${(busy / 1e6).toFixed(2)} s of ${(total / 1e6).toFixed(2)} s sampled${requests ? `; ${requests} requests, ${perRequest(busy).trim()} busy` : ''}\n`);
console.log('Self time by package / source folder:');
for (const [name, us] of [...byArea].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`  ${pct(us)}  ${name}`);
console.log('\nSelf time by function (top 30):');
for (const [name, us] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`  ${pct(us)}  ${name}`);
