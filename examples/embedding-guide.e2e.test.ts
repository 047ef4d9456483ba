/**
 * docs/embedding.md's "Step by step" section, followed the way a reader would on a fresh machine:
 * a real server process on a fresh SQLite file, every shell block of the guide run in order by
 * bash (the real `taba-portal` CLI, the real API through curl), the guide's two files written as
 * they stand and served on their own origin, and the page opened in Chromium.
 *
 * The test reads the blocks out of the markdown, so the guide and this test cannot drift:
 * - a ```sh block is run; its variables carry over to the next block, as in one terminal;
 * - `prefix_…` in a block is what a reader copies from the output above: the newest `prefix_…`
 *   token printed so far;
 * - a ```json block after it is the answer the guide shows, checked against the real one
 *   (`…` in a string stands for any text);
 * - a ```text block is output the guide shows; each of its lines must appear in the real output;
 * - `<!-- guide:file NAME -->` writes the next block as the file NAME; `<!-- guide:serve -->`
 *   starts it as a long-running server; `<!-- guide:skip why -->` leaves a block to the test.
 * The guide's addresses, http://127.0.0.1:8080 and http://127.0.0.1:4000, become free ports here.
 * SQLite only: the guide starts from `npm start`'s default database.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ensureBundle, homeEntries, launchChromium, listedProposals, openPage, PROPOSAL_LIST, reportingPageProblems, root, showSection, TIMEOUT, type Chromium } from './e2e-support.js';

const GUIDE = path.join(root, 'docs', 'embedding.md');
const GUIDE_SERVER = 'http://127.0.0.1:8080';
const GUIDE_SITE = 'http://127.0.0.1:4000';
const STEP_TIMEOUT = 60_000;

interface GuideBlock {
  kind: 'run' | 'answer' | 'output' | 'file' | 'serve' | 'skip';
  text: string;
  /** Where it is in docs/embedding.md, for failure messages. */
  line: number;
  file?: string;
}

/** The fenced blocks between `<!-- guide:start -->` and `<!-- guide:end -->`, in order. */
function readGuide(): GuideBlock[] {
  const doc = fs.readFileSync(GUIDE, 'utf8');
  const start = doc.indexOf('<!-- guide:start -->');
  const end = doc.indexOf('<!-- guide:end -->');
  assert.ok(start >= 0 && end > start, 'docs/embedding.md marks its step-by-step section with guide:start and guide:end');
  const blocks: GuideBlock[] = [];
  const fence = /(?:<!-- guide:(\w+)(?: ([^\n]*?))? -->\n)?```(\w*)\n([\s\S]*?)^```$/gm;
  for (const match of doc.slice(start, end).matchAll(fence)) {
    const [, marker, argument, language, text = ''] = match;
    const line = doc.slice(0, start + (match.index ?? 0)).split('\n').length;
    if (marker === 'skip') blocks.push({ kind: 'skip', text, line });
    else if (marker === 'serve') blocks.push({ kind: 'serve', text, line });
    else if (marker === 'file' && argument) blocks.push({ kind: 'file', text, line, file: argument });
    else if (marker) assert.fail(`docs/embedding.md:${line}: unknown marker guide:${marker}`);
    else if (language === 'sh') blocks.push({ kind: 'run', text, line });
    else if (language === 'json') blocks.push({ kind: 'answer', text, line });
    else if (language === 'text') blocks.push({ kind: 'output', text, line });
    else assert.fail(`docs/embedding.md:${line}: a \`\`\`${language} block the test cannot follow; mark it guide:file, guide:serve or guide:skip`);
  }
  return blocks;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, with a timeout as a safety net. */
function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], timeout: STEP_TIMEOUT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Background {
  child: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** A long-running process in its own process group, so stopping it stops what it started. */
function background(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Background {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    log: () => log,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      process.kill(-child.pid!, 'SIGTERM');
      const killed = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(killed);
    },
  };
}

/** Waits until `url` answers 200, or fails with the process's log when it exits or takes too long. */
async function waitUntilUp(url: string, service: Background, what: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT;
  for (;;) {
    if (service.child.exitCode !== null) assert.fail(`${what} exited with ${service.child.exitCode}:\n${service.log()}`);
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) assert.fail(`${what} did not answer ${url}:\n${service.log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The guide's answer, with `…` standing for any text, against the real one: every field shown must match. */
function assertAnswer(expected: unknown, actual: unknown, where: string): void {
  if (typeof expected === 'string' && expected.includes('…')) {
    assert.equal(typeof actual, 'string', where);
    const [head = '', tail = ''] = expected.split('…');
    assert.ok((actual as string).startsWith(head) && (actual as string).endsWith(tail), `${where}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${where}: ${JSON.stringify(actual)} is not ${JSON.stringify(expected)}`);
    expected.forEach((item, index) => assertAnswer(item, (actual as unknown[])[index], `${where}[${index}]`));
  } else if (expected !== null && typeof expected === 'object') {
    assert.ok(actual !== null && typeof actual === 'object', `${where}: ${JSON.stringify(actual)} is not an object`);
    for (const [key, value] of Object.entries(expected)) assertAnswer(value, (actual as Record<string, unknown>)[key], `${where}.${key}`);
  } else {
    assert.deepEqual(actual, expected, where);
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('docs/embedding.md, step by step', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'taba-guide-'));
  const dataDir = path.join(work, 'data');
  const siteDir = path.join(work, 'site');
  const binDir = path.join(work, 'bin');
  const running: Background[] = [];
  let chromium: Chromium | undefined;

  before(async () => {
    ensureBundle();
    for (const dir of [dataDir, siteDir, binDir]) fs.mkdirSync(dir);
    // `taba-portal` as the guide's alias gives it, run from the sources rather than a build.
    const cli = path.join(binDir, 'taba-portal');
    fs.writeFileSync(cli, `#!/bin/sh\nexec "${process.execPath}" --import "${import.meta.resolve('tsx')}" "${path.join(root, 'server', 'main.ts')}" "$@"\n`, { mode: 0o755 });
    chromium = await launchChromium();
  });

  after(async () => {
    try {
      await chromium?.close();
      for (const service of running.reverse()) await service.stop();
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });

  test('a page on its own origin shows the contact’s proposal, from the guide’s commands alone', async (t) => {
    assert.ok(chromium, 'Chromium started');
    const [serverPort, sitePort] = await Promise.all([freePort(), freePort()]);
    const serverUrl = `http://127.0.0.1:${serverPort}`;
    const siteUrl = `http://127.0.0.1:${sitePort}`;
    // A terminal on a fresh machine: no database or port settings of this test run leak in.
    let env: NodeJS.ProcessEnv = { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: work, LANG: 'C.UTF-8', TABA_DATA_DIR: dataDir };

    // Step 1, as `npm start` does it, minus the build: migrate, seed the demo workspace, serve.
    const server = background(path.join(binDir, 'taba-portal'), ['start', '--demo'], { cwd: root, env: { ...env, PORT: String(serverPort), HOST: '127.0.0.1' } });
    running.push(server);
    await waitUntilUp(`${serverUrl}/health`, server, 'the portal server');

    const outputs: string[] = [];
    /** What a reader copies from the output above: the newest `prefix_…` token printed so far. */
    const copied = (prefix: string, line: number) => {
      const token = new RegExp(`(?<![\\w-])${escapeRegExp(prefix)}[A-Za-z0-9_-]+`, 'g');
      for (const output of [...outputs].reverse()) {
        const found = output.match(token)?.[0];
        if (found) return found;
      }
      return assert.fail(`docs/embedding.md:${line}: the guide asks for ${prefix}… from an earlier output, but none printed one`);
    };
    const atOurAddresses = (text: string) => text.replaceAll(GUIDE_SERVER, serverUrl).replaceAll(GUIDE_SITE, siteUrl);
    // In what the reader types, `prefix_…` is a value to copy; in what the guide shows, any text.
    const fill = (block: GuideBlock) => atOurAddresses(block.text).replace(/(?<![\w-])([a-z]+_)…/g, (_, prefix: string) => copied(prefix, block.line));

    let lastOutput: string | undefined;
    for (const block of readGuide()) {
      const where = `docs/embedding.md:${block.line}`;
      if (block.kind === 'skip') continue;
      if (block.kind === 'file') {
        fs.writeFileSync(path.join(siteDir, block.file!), fill(block));
      } else if (block.kind === 'serve') {
        const site = background('bash', ['-c', fill(block)], { cwd: siteDir, env });
        running.push(site);
        await waitUntilUp(siteUrl, site, `${where}: the site`);
      } else if (block.kind === 'run') {
        const envFile = path.join(work, 'env');
        const script = `set -euo pipefail\n${fill(block)}\nenv -0 > '${envFile}'\n`;
        const result = await run('bash', ['-c', script], { cwd: siteDir, env });
        assert.equal(result.code, 0, `${where} failed:\n${fill(block)}\n${result.stdout}\n${result.stderr}`);
        env = Object.fromEntries(
          fs
            .readFileSync(envFile, 'utf8')
            .split('\0')
            .filter(Boolean)
            .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
        );
        // An API call that answers a problem fails here, whether or not the guide shows its answer.
        const answer = (() => {
          try {
            return JSON.parse(result.stdout) as { status?: unknown; detail?: unknown };
          } catch {
            return undefined;
          }
        })();
        assert.ok(!(typeof answer?.status === 'number' && answer.status >= 400), `${where} answered a problem: ${result.stdout}`);
        outputs.push(result.stdout);
        lastOutput = result.stdout;
      } else if (block.kind === 'answer') {
        assert.ok(lastOutput !== undefined, `${where}: an answer with no command before it`);
        assertAnswer(JSON.parse(atOurAddresses(block.text)), JSON.parse(lastOutput), where);
      } else if (block.kind === 'output') {
        assert.ok(lastOutput !== undefined, `${where}: an output with no command before it`);
        for (const line of block.text.split('\n').filter((text) => text.trim())) {
          const pattern = new RegExp(`^${line.split('…').map(escapeRegExp).join('\\S+')}$`, 'm');
          assert.match(lastOutput, pattern, `${where}: the guide shows "${line}" in the output`);
        }
      }
    }
    assert.ok(running.length === 2, 'the guide starts its site');

    // Step 6: open the page on its own origin.
    const { page, problems } = await openPage(chromium.browser, t);
    await reportingPageProblems(problems, async () => {
      const response = await page.goto(siteUrl);
      assert.equal(response?.status(), 200);
      assert.notEqual(new URL(siteUrl).origin, new URL(serverUrl).origin);
      // As step 6 says: Home, where the proposal waits for her decision; then Proposals, where it is pending.
      const proposal = outputs
        .map((output) => {
          try {
            return JSON.parse(output) as { title?: unknown; number?: unknown };
          } catch {
            return undefined;
          }
        })
        .findLast((answer) => answer?.title === 'Shop window redesign');
      assert.equal(typeof proposal?.number, 'string', 'the API answered the proposal with its number');
      assert.deepEqual(await homeEntries(page), [{ kind: 'Proposal', reference: proposal?.number, title: 'Shop window redesign' }]);
      await showSection(page, 'Proposals');
      await page.waitForSelector(`${PROPOSAL_LIST} >>> [part~="row"]`, { visible: true, timeout: TIMEOUT });
      assert.deepEqual(await listedProposals(page), [{ title: 'Shop window redesign', status: 'Pending' }]);
      assert.ok(!(await page.content()).includes(env.TABA_API_KEY ?? 'sk_'), 'the API key stays on the site’s backend');
      assert.deepEqual(problems, []);
    });
  });
});
