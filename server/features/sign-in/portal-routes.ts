import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Transaction } from 'kysely';
import { portalSignInEndpoints } from '../../../sdk/contract/sign-in.js';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { sha256 } from '../../lib/ids.js';
import { createMailer } from '../../lib/mailer.js';
import { Problem } from '../../lib/problem.js';
import { route } from '../../lib/route.js';
import { serverSecret } from '../../lib/server-secrets.js';
import { appendAuditEvent } from '../audit/repository.js';
import { signInLocale } from '../contacts/repository.js';
import { foreignOrigin, openPortalWorkspace } from '../portal-access/access.js';
import { openPortalSession } from '../portal-sessions/repository.js';
import { portalTokens } from '../portal-sessions/tokens.js';
import { signInLink, signInMail } from './mail.js';
import {
  CHALLENGE_TTL_MS,
  EMAIL_CHALLENGE_LIMIT,
  contactsForEmail,
  countRecentChallenges,
  createChallenge,
  isContactEmail,
  issueChoiceToken,
  markChallengeUsed,
  normaliseEmail,
  spendChoiceToken,
  spendCode,
  spendLinkToken,
  type SignInRefusal,
  type SpentChallenge,
  type VerifiedChallenge,
} from './repository.js';

export interface SignInRoutesOptions {
  config: Pick<Config, 'smtpUrl' | 'mailFrom' | 'publicUrl'>;
}

const invalidSignIn = () =>
  new Problem(401, 'invalid_sign_in', 'Invalid sign-in', 'The code or link is wrong, expired or already used. Ask for a new one.');

/** The answer to each refusal: its own stable code where telling it apart leaks nothing (docs/sign-in.md). */
const refusalProblems: Record<SignInRefusal, () => Problem> = {
  invalid: invalidSignIn,
  too_many_attempts: () =>
    new Problem(401, 'too_many_attempts', 'Too many attempts', 'Five wrong codes were entered, so this code and its link no longer work. Ask for a new one.'),
  link_expired: () =>
    new Problem(401, 'sign_in_link_expired', 'Sign-in link expired', 'Sign-in links work for ten minutes. Ask for a new one.'),
  link_replaced: () =>
    new Problem(401, 'sign_in_link_replaced', 'Sign-in link replaced', 'A newer sign-in email was sent, and only its link works. Use that one, or ask for a new one.'),
  link_used: () => new Problem(401, 'sign_in_link_used', 'Sign-in link already used', 'Each sign-in link works once. Ask for a new one.'),
};

/** The challenge, or the problem that says why there is none. */
function spentOrThrow(spent: SpentChallenge): VerifiedChallenge {
  if (spent.refusal !== undefined) throw refusalProblems[spent.refusal]();
  return spent.challenge;
}

/** Unauthenticated: a contact asks for a code and link by email, then trades one of them for tokens. */
export const signInPortalRoutes: FastifyPluginAsync<SignInRoutesOptions> = async (app, { config }) => {
  const hmacKey = await serverSecret(app.db, 'sign_in_hmac');
  const mailer = createMailer({ smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log });
  if (!mailer.delivers) app.log.warn('SMTP_URL is not set: sign-in codes and links are written to this log instead of being emailed');
  app.addHook('onClose', () => mailer.close());

  route(app, portalSignInEndpoints.request, async (request) => {
    const { workspaceId } = request.body;
    const email = normaliseEmail(request.body.email);
    const workspace = await openPortalWorkspace(app.db, workspaceId, foreignOrigin(request));

    // From here on known and unknown emails do the same work (queries, writes, the message is
    // composed); only a known one is sent, and only after the reply (lib/mailer.ts).
    const known = await isContactEmail(app.db, workspaceId, email);
    const recent = await countRecentChallenges(app.db, workspaceId, email);
    const answer = { status: 'sent' as const, expiresInSeconds: CHALLENGE_TTL_MS / 1000 };
    if (recent >= EMAIL_CHALLENGE_LIMIT) {
      request.log.warn({ workspaceId, emailHash: sha256(email).slice(0, 16) }, 'sign-in: per-email limit reached, nothing sent');
      return answer;
    }
    const { code, linkToken } = await app.db.transaction().execute((trx) => createChallenge(trx, hmacKey, workspaceId, email));
    const link = signInLink(config.publicUrl, workspaceId, linkToken);
    const locale = await signInLocale(app.db, workspaceId, email, request.body.locale);
    const message = signInMail({ to: email, workspaceName: workspace.name, code, link, validMinutes: CHALLENGE_TTL_MS / 60_000, locale });
    if (known) mailer.sendLater(message);
    return answer;
  });

  route(app, portalSignInEndpoints.verify, async (request) => {
    const body = request.body;
    if ('code' in body) {
      const email = normaliseEmail(body.email);
      await openPortalWorkspace(app.db, body.workspaceId, foreignOrigin(request));
      // The attempt is counted outside the transaction: a wrong code must not roll it back.
      const challenge = spentOrThrow(await spendCode(app.db, hmacKey, body.workspaceId, email, body.code));
      return app.db.transaction().execute(async (trx) => {
        if (!(await markChallengeUsed(trx, challenge.id))) throw invalidSignIn();
        return completeSignIn(app, trx, challenge, 'code');
      });
    }
    // A link or choice is only spent if everything after it succeeds: a throw rolls it back.
    return app.db.transaction().execute(async (trx) => {
      if ('linkToken' in body) {
        const challenge = spentOrThrow(await spendLinkToken(trx, body.linkToken));
        await openPortalWorkspace(trx, challenge.workspace_id, foreignOrigin(request));
        return completeSignIn(app, trx, challenge, 'link');
      }
      const challenge = await spendChoiceToken(trx, body.choiceToken);
      if (!challenge) throw invalidSignIn();
      await openPortalWorkspace(trx, challenge.workspace_id, foreignOrigin(request));
      const contacts = await contactsForEmail(trx, challenge.workspace_id, challenge.email);
      const chosen = contacts.find((contact) => contact.customer_id === body.customerId);
      if (!chosen) throw invalidSignIn();
      return signIn(app, trx, chosen, 'choice');
    });
  });
};

type ContactOfEmail = Awaited<ReturnType<typeof contactsForEmail>>[number];

/** One customer: signed in. Several: the contact chooses, and the session will name only that one. */
async function completeSignIn(app: FastifyInstance, trx: Transaction<DB>, challenge: VerifiedChallenge, method: 'code' | 'link') {
  const contacts = await contactsForEmail(trx, challenge.workspace_id, challenge.email);
  const [only] = contacts;
  if (!only) throw invalidSignIn();
  if (contacts.length === 1) return signIn(app, trx, only, method);
  return {
    status: 'choose_customer' as const,
    choiceToken: await issueChoiceToken(trx, challenge.id),
    customers: contacts.map((contact) => ({ id: contact.customer_id, name: contact.customer_name })),
  };
}

async function signIn(app: FastifyInstance, trx: Transaction<DB>, contact: ContactOfEmail, method: 'code' | 'link' | 'choice') {
  const opened = await openPortalSession(trx, contact);
  await appendAuditEvent(trx, app.dialect, { workspaceId: contact.workspace_id, contactId: contact.id }, {
    action: 'portal.signed_in',
    subjectType: 'portal_session',
    subjectId: opened.session.id,
    customerId: contact.customer_id,
    data: { method },
  });
  return { status: 'signed_in' as const, tokens: portalTokens(app, opened.session, opened.refreshToken, opened.refreshTokenExpiresAt) };
}
