// Element tests in headless Chromium (Debian's /usr/bin/chromium; no browser is downloaded).
// Run: npm run test:elements  (node --import tsx, so this file and the test server load as TypeScript).
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import {
  defaultReporter,
  type Reporter,
  type TestRunnerConfig,
  type TestRunnerPlugin,
  type TestSuiteResult,
} from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WorkspaceClient } from './sdk/workspace-client.js';
import type { TestApp } from './server/test-support/app.js';

function countRunTests(suite: TestSuiteResult | undefined): number {
  if (!suite) return 0;
  const own = suite.tests.filter((test) => !test.skipped).length;
  return suite.suites.reduce((total, child) => total + countRunTests(child), own);
}

/** A test file in which no test ran fails the run, instead of passing silently. */
function failWhenNoTestsRan(): Reporter {
  return {
    reportTestFileResults({ sessionsForTestFile, testFile }) {
      for (const session of sessionsForTestFile) {
        if (session.passed === false || countRunTests(session.testResults) > 0) continue;
        session.passed = false;
        session.errors.push({ message: `No tests ran in ${relative(process.cwd(), testFile)}` });
      }
    },
  };
}

interface RealServer {
  testApp: TestApp;
  url: string;
}

/** A real app (fresh SQLite database in a temp dir) listening on 127.0.0.1 at a free port. */
async function startRealServer(): Promise<RealServer> {
  const { createTestApp } = await import('./server/test-support/app.js');
  const testApp = await createTestApp('sqlite');
  const url = await testApp.app.listen({ port: 0, host: '127.0.0.1' });
  return { testApp, url };
}

/**
 * `executeServerCommand('taba-real-session', { origin: location.origin })`: on a real server
 * (started on first use, closed with the test runner) creates a workspace that allows the test
 * page's origin, seeds a customer with two pending proposals and mints a portal session.
 */
function realServerPlugin(): TestRunnerPlugin<{ origin?: string }> {
  let server: Promise<RealServer> | undefined;
  return {
    name: 'taba-real-server',
    async executeCommand({ command, payload }) {
      if (command !== 'taba-real-session') return undefined;
      if (!payload?.origin) throw new Error('taba-real-session needs { origin: location.origin }');
      server ??= startRealServer();
      const { testApp, url } = await server;
      // The portal API answers CORS only for origins a workspace allows, as a tenant would set up.
      const { apiKey } = await testApp.newWorkspace('Element tests', {
        portalEnabled: true,
        allowedOrigins: [payload.origin],
      });
      const workspace = new WorkspaceClient({ apiBase: url, apiKey });
      const { seedCustomerWithProposals } = await import('./server/test-support/fixtures.js');
      const { contactId, proposals } = await seedCustomerWithProposals(workspace);
      const { clientSecret } = await workspace.portalSessions.create({ contactId, origin: payload.origin });
      return { apiBase: url, clientSecret, proposals };
    },
    async serverStop() {
      const started = await server?.catch(() => undefined);
      await started?.testApp.close();
    },
  };
}

const config: TestRunnerConfig = {
  files: ['elements/**/*.test.ts'],
  nodeResolve: true,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
  plugins: [
    // es2022, not 'auto': Chromium has no native decorators, so esbuild must lower them.
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
    realServerPlugin(),
  ],
  // Tests run against Lit's development build (extra warnings); its banner is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
  reporters: [failWhenNoTestsRan(), defaultReporter()],
};

export default config;
