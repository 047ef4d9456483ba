// Element tests in headless Chromium (Debian's /usr/bin/chromium; no browser is downloaded).
// Run: npm run test:elements  (node --import tsx, so this file and the test server load as TypeScript).
import { createServer } from 'node:net';
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
import type { Mailbox } from './server/test-support/mailbox.js';

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
  /** The SMTP server the app sends its mail to (sign-in codes and links). */
  mailbox: Mailbox;
}

/** A TCP port nothing listens on at the moment, on 127.0.0.1. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * A real app (fresh SQLite database in a temp dir) listening on 127.0.0.1 at a free port, sending
 * its mail to a local SMTP server that keeps what it receives. Its public URL is that address, so
 * the links it signs (document downloads) lead back to it.
 */
async function startRealServer(): Promise<RealServer> {
  const { createTestApp } = await import('./server/test-support/app.js');
  const { startMailbox } = await import('./server/test-support/mailbox.js');
  const mailbox = await startMailbox();
  const port = await freePort();
  const testApp = await createTestApp('sqlite', { smtpUrl: mailbox.url, publicUrl: `http://127.0.0.1:${port}` });
  const url = await testApp.app.listen({ port, host: '127.0.0.1' });
  return { testApp, url, mailbox };
}

/** The 6-digit code on its own indented line of the sign-in email, as a person reads it. */
const SIGN_IN_CODE = /^\s+(\d{6})$/m;

/**
 * Commands that give element tests a real server (started on first use, closed with the runner):
 *
 * - `executeServerCommand('taba-real-session', { origin: location.origin })` creates a workspace
 *   that allows the test page's origin, seeds a customer with two pending proposals and mints a
 *   portal session: `{ apiBase, clientSecret, proposals }`.
 * - `executeServerCommand('taba-real-contact', { origin: location.origin })` does the same setup
 *   but mints nothing, for signing in by email: `{ apiBase, workspaceId, email, proposals }`.
 * - `executeServerCommand('taba-real-sign-in-code', { email, count })` waits for the `count`-th
 *   sign-in email to that address (default 1) and answers the code in it: `{ code }`.
 * - `executeServerCommand('taba-real-project', { origin: location.origin })` does the same setup
 *   plus a project with one shared and one unshared text document, and mints a portal session:
 *   `{ apiBase, clientSecret, project: { id, name }, shared: { id, name, content }, unsharedName }`.
 * - `executeServerCommand('taba-real-request', { origin: location.origin })` does the same setup
 *   plus a sent information request with a text item and a file item, and mints a portal session:
 *   `{ apiBase, clientSecret, requestId, itemIds }`.
 * - `executeServerCommand('taba-real-request-review', { requestId, itemId, reason? })` is the team
 *   reviewing an answer of that request: returned with `reason`, else accepted. Answers `{ status }`,
 *   the request's status afterwards.
 * - `executeServerCommand('taba-real-acceptance', { origin: location.origin })` does the same setup
 *   plus a project document sent for acceptance (expiring in 24 hours), and mints a portal session:
 *   `{ apiBase, clientSecret, acceptanceId, document: { name, content } }`.
 * - `executeServerCommand('taba-real-acceptance-change', { acceptanceId, change })` makes that
 *   acceptance refuse an accept: `change: 'expire'` moves its expiry into the past, `'delete-document'`
 *   deletes its document (the server then answers `document_changed`).
 * - `executeServerCommand('taba-real-invoice', { origin: location.origin })` does the same setup
 *   plus an issued invoice of 1,200.00 USD (one line of 1,000.00 with 20 % tax), and mints a portal
 *   session: `{ apiBase, clientSecret, invoiceId, number }`.
 * - `executeServerCommand('taba-real-payment-proof-review', { paymentProofId, reason? })` is the
 *   team reviewing a proof sent for that invoice: rejected with `reason`, else accepted. Answers `{ status }`.
 * - `executeServerCommand('taba-real-fetch', { url })` fetches `url` from Node, as a browser
 *   following a download link would: `{ status, contentDisposition, body }`.
 * - `executeServerCommand('taba-foreign-session', {})` mints a session on a second server where no
 *   workspace allows the test page's origin (the first server's workspaces all do):
 *   `{ apiBase, clientSecret }`.
 */
function realServerPlugin(): TestRunnerPlugin<{
  origin?: string;
  email?: string;
  count?: number;
  url?: string;
  requestId?: string;
  itemId?: string;
  reason?: string;
  acceptanceId?: string;
  change?: 'expire' | 'delete-document';
  paymentProofId?: string;
}> {
  let server: Promise<RealServer> | undefined;
  let foreignServer: Promise<RealServer> | undefined;
  /** The team of each request made by `taba-real-request`, to review its answers. */
  const requestTeams = new Map<string, WorkspaceClient>();
  /** The team of each invoice made by `taba-real-invoice`, to review the proofs sent for it. */
  const invoiceTeams: WorkspaceClient[] = [];
  /** The team and document of each acceptance made by `taba-real-acceptance`, to change them. */
  const acceptanceTeams = new Map<string, { workspace: WorkspaceClient; documentId: string }>();

  /** A workspace that allows the test page's origin, with a customer, a contact and two proposals. */
  async function seedWorkspace({ testApp, url }: RealServer, origin: string) {
    // The portal API answers CORS only for origins a workspace allows, as a tenant would set up.
    const { workspaceId, apiKey } = await testApp.newWorkspace('Element tests', {
      portalEnabled: true,
      allowedOrigins: [origin],
    });
    const workspace = new WorkspaceClient({ apiBase: url, apiKey });
    const { seedCustomerWithProposals } = await import('./server/test-support/fixtures.js');
    return { workspaceId, workspace, ...(await seedCustomerWithProposals(workspace)) };
  }

  return {
    name: 'taba-real-server',
    async executeCommand({ command, payload }) {
      if (command === 'taba-real-session' || command === 'taba-real-contact') {
        if (!payload?.origin) throw new Error(`${command} needs { origin: location.origin }`);
        server ??= startRealServer();
        const started = await server;
        const { workspaceId, workspace, customerId, contactId, proposals } = await seedWorkspace(started, payload.origin);
        if (command === 'taba-real-contact') {
          const { items } = await workspace.contacts.list(customerId);
          const email = items.find((contact) => contact.id === contactId)?.email;
          return { apiBase: started.url, workspaceId, email, proposals };
        }
        const { clientSecret } = await workspace.portalSessions.create({ contactId, origin: payload.origin });
        return { apiBase: started.url, workspaceId, clientSecret, proposals };
      }
      if (command === 'taba-real-project') {
        if (!payload?.origin) throw new Error(`${command} needs { origin: location.origin }`);
        server ??= startRealServer();
        const started = await server;
        const { workspace, customerId, contactId } = await seedWorkspace(started, payload.origin);
        const project = await workspace.projects.create({ customerId, name: 'Website redesign', description: 'New site.' });
        const content = 'The brief, version 2.\n';
        const file = (name: string, text: string) => new File([text], name, { type: 'text/plain' });
        const shared = await workspace.documents.upload(project.id, { file: file('Brief.txt', content), shared: true });
        const unshared = await workspace.documents.upload(project.id, { file: file('Internal costing.txt', 'internal\n') });
        const { clientSecret } = await workspace.portalSessions.create({ contactId, origin: payload.origin });
        return {
          apiBase: started.url,
          clientSecret,
          project: { id: project.id, name: project.name },
          shared: { id: shared.id, name: shared.name, content },
          unsharedName: unshared.name,
        };
      }
      if (command === 'taba-real-request') {
        if (!payload?.origin) throw new Error(`${command} needs { origin: location.origin }`);
        server ??= startRealServer();
        const started = await server;
        const { workspace, customerId, contactId } = await seedWorkspace(started, payload.origin);
        const draft = await workspace.requests.create({
          customerId,
          title: 'Year-end documents',
          message: 'Please send these by Friday.',
          items: [
            { kind: 'text', prompt: 'What is your VAT number?' },
            { kind: 'file', prompt: 'Your bank statement for December' },
          ],
        });
        const request = await workspace.requests.send(draft.id);
        requestTeams.set(request.id, workspace);
        const { clientSecret } = await workspace.portalSessions.create({ contactId, origin: payload.origin });
        return { apiBase: started.url, clientSecret, requestId: request.id, itemIds: request.items.map((item) => item.id) };
      }
      if (command === 'taba-real-request-review') {
        const workspace = payload?.requestId ? requestTeams.get(payload.requestId) : undefined;
        if (!workspace || !payload?.requestId || !payload.itemId) throw new Error(`${command} needs { requestId, itemId } of a taba-real-request`);
        const reviewed = payload.reason
          ? await workspace.requests.returnItem(payload.requestId, payload.itemId, { reason: payload.reason })
          : await workspace.requests.acceptItem(payload.requestId, payload.itemId);
        return { status: reviewed.status };
      }
      if (command === 'taba-real-acceptance') {
        if (!payload?.origin) throw new Error(`${command} needs { origin: location.origin }`);
        server ??= startRealServer();
        const started = await server;
        const { workspace, customerId, contactId } = await seedWorkspace(started, payload.origin);
        const project = await workspace.projects.create({ customerId, name: 'Website redesign', description: '' });
        const content = 'Statement of work, version 3.\n';
        const document = await workspace.documents.upload(project.id, {
          file: new File([content], 'Statement of work.txt', { type: 'text/plain' }),
          shared: true,
        });
        const acceptance = await workspace.acceptances.send({
          documentId: document.id,
          title: 'Statement of work',
          message: 'Please review the final scope.',
          expiresAt: new Date(Date.now() + 24 * 60 * 60_000).toISOString(),
        });
        acceptanceTeams.set(acceptance.id, { workspace, documentId: document.id });
        const { clientSecret } = await workspace.portalSessions.create({ contactId, origin: payload.origin });
        return { apiBase: started.url, clientSecret, acceptanceId: acceptance.id, document: { name: document.name, content } };
      }
      if (command === 'taba-real-acceptance-change') {
        const team = payload?.acceptanceId ? acceptanceTeams.get(payload.acceptanceId) : undefined;
        if (!team || !server || !payload?.acceptanceId) throw new Error(`${command} needs { acceptanceId, change } of a taba-real-acceptance`);
        if (payload.change === 'delete-document') await team.workspace.documents.delete(team.documentId);
        else {
          // No API sends an acceptance that has already expired: move its expiry, as time would.
          const { testApp } = await server;
          const past = new Date(Date.now() - 60_000).toISOString();
          await testApp.app.db.updateTable('acceptances').set({ expires_at: past }).where('id', '=', payload.acceptanceId).execute();
        }
        return { changed: true };
      }
      if (command === 'taba-real-invoice') {
        if (!payload?.origin) throw new Error(`${command} needs { origin: location.origin }`);
        server ??= startRealServer();
        const started = await server;
        const { workspace, customerId, contactId } = await seedWorkspace(started, payload.origin);
        const today = new Date().toISOString().slice(0, 10);
        const draft = await workspace.invoices.create({
          customerId,
          currency: 'USD',
          issueDate: today,
          dueDate: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
          notes: 'Thank you for your business.',
          lines: [{ description: 'Website build', quantity: '1', unitAmount: 100_000, taxRateBasisPoints: 2_000 }],
        });
        const invoice = await workspace.invoices.send(draft.id);
        invoiceTeams.push(workspace);
        const { clientSecret } = await workspace.portalSessions.create({ contactId, origin: payload.origin });
        return { apiBase: started.url, clientSecret, invoiceId: invoice.id, number: invoice.number };
      }
      if (command === 'taba-real-payment-proof-review') {
        if (!payload?.paymentProofId) throw new Error(`${command} needs { paymentProofId } of a proof sent for a taba-real-invoice`);
        for (const workspace of invoiceTeams) {
          const found = await workspace.paymentProofs.retrieve(payload.paymentProofId).catch(() => undefined);
          if (!found) continue;
          const reviewed = payload.reason
            ? await workspace.paymentProofs.reject(payload.paymentProofId, { reason: payload.reason })
            : await workspace.paymentProofs.accept(payload.paymentProofId);
          return { status: reviewed.status };
        }
        throw new Error(`${command}: no taba-real-invoice team has ${payload.paymentProofId}`);
      }
      if (command === 'taba-real-fetch') {
        if (!payload?.url) throw new Error('taba-real-fetch needs { url }');
        const response = await fetch(payload.url);
        return { status: response.status, contentDisposition: response.headers.get('content-disposition'), body: await response.text() };
      }
      if (command === 'taba-foreign-session') {
        foreignServer ??= startRealServer();
        const started = await foreignServer;
        const { workspace, contactId } = await seedWorkspace(started, 'https://elsewhere.example');
        const { clientSecret } = await workspace.portalSessions.create({ contactId });
        return { apiBase: started.url, clientSecret };
      }
      if (command === 'taba-real-sign-in-code') {
        if (!payload?.email || !server) throw new Error('taba-real-sign-in-code needs { email } of a taba-real-contact');
        const mails = await (await server).mailbox.waitFor(payload.email, payload.count ?? 1);
        const code = SIGN_IN_CODE.exec(mails[(payload.count ?? 1) - 1]?.text ?? '')?.[1];
        if (!code) throw new Error(`no sign-in code in the email to ${payload.email}`);
        return { code };
      }
      return undefined;
    },
    async serverStop() {
      for (const running of [server, foreignServer]) {
        const started = await running?.catch(() => undefined);
        await started?.testApp.close();
        await started?.mailbox.close();
      }
    },
  };
}

const config: TestRunnerConfig = {
  // The routing tests move through the session history with Back and Forward. The runner reuses
  // its tabs from file to file, and once a tab holds 50 entries Chromium prunes the oldest entries
  // added without a user gesture, which can be the test page's own first entry: Back then leaves
  // the page. `npm run test:elements` runs that file on its own, in a fresh browser, after the rest.
  files: ['elements/**/*.test.ts', '!elements/taba-portal/taba-portal.routing.test.ts'],
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
