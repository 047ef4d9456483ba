import { Type, type Static } from 'typebox';
import { Id } from './common.js';
import { ContactLocale } from './contacts.js';
import { endpoint } from './endpoint.js';
import { PortalTokens } from './sessions.js';

/** Ask for a one-time link and code by email. The answer is the same whether or not the email is known. */
export const RequestSignIn = Type.Object(
  {
    workspaceId: Id,
    email: Type.String({ format: 'email', maxLength: 254 }),
    /**
     * The language the sign-in page shows (`en`, `de`, `ar`): this email is written in it, and it
     * becomes the contact's language when they have none yet. Without it, the contact's own language.
     */
    locale: Type.Optional(ContactLocale),
  },
  { additionalProperties: false },
);
export type RequestSignIn = Static<typeof RequestSignIn>;

export const SignInRequested = Type.Object({
  status: Type.Literal('sent'),
  /** How long the link and code stay valid. */
  expiresInSeconds: Type.Integer(),
});
export type SignInRequested = Static<typeof SignInRequested>;

/** Finish signing in with the emailed code, the emailed link's token, or — for a contact of several customers — a choice. */
export const VerifySignIn = Type.Union([
  Type.Object(
    { workspaceId: Id, email: Type.String({ format: 'email', maxLength: 254 }), code: Type.String({ pattern: '^[0-9]{6}$' }) },
    { additionalProperties: false },
  ),
  Type.Object({ linkToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
  Type.Object({ choiceToken: Type.String({ minLength: 1, maxLength: 200 }), customerId: Id }, { additionalProperties: false }),
]);
export type VerifySignIn = Static<typeof VerifySignIn>;

export const CustomerChoice = Type.Object({ id: Id, name: Type.String() });
export type CustomerChoice = Static<typeof CustomerChoice>;

export const SignInResult = Type.Union([
  Type.Object({ status: Type.Literal('signed_in'), tokens: PortalTokens }),
  Type.Object({
    status: Type.Literal('choose_customer'),
    /** Single use, valid five minutes: send it back with the chosen customer's id. */
    choiceToken: Type.String(),
    customers: Type.Array(CustomerChoice),
  }),
]);
export type SignInResult = Static<typeof SignInResult>;

/** Sign-in by email for a contact who arrives without a client secret, and signing out. */
export const portalSignInEndpoints = {
  request: endpoint({
    method: 'POST',
    path: '/v1/portal/sign-in',
    operationId: 'requestPortalSignIn',
    summary: 'Email a one-time sign-in code and link',
    description:
      'Answers 202 alike whether or not the email belongs to a contact, so it cannot be used to find out who is one. The code and link are valid ten minutes and work once; a new request ends the earlier ones. At most five emails per address per workspace in fifteen minutes; beyond that the answer is the same and nothing is sent.',
    surface: 'public',
    body: RequestSignIn,
    status: 202,
    response: SignInRequested,
  }),
  verify: endpoint({
    method: 'POST',
    path: '/v1/portal/sign-in/verify',
    operationId: 'verifyPortalSignIn',
    summary: 'Sign in with the emailed code or link token, or choose a customer',
    description:
      'Send `{workspaceId, email, code}`, `{linkToken}`, or `{choiceToken, customerId}`. A code allows five wrong attempts, then the challenge is dead. A contact of several customers first receives `choose_customer` with a single-use choice token valid five minutes; the session is always bound to one customer. Refused → 401: a wrong code (or an unknown email), a wrong link token or choice → `invalid_sign_in`; a link that expired → `sign_in_link_expired`, was replaced by a newer email → `sign_in_link_replaced`, was already used → `sign_in_link_used`; a code or link after five wrong codes → `too_many_attempts` (docs/sign-in.md).',
    surface: 'public',
    body: VerifySignIn,
    status: 200,
    response: SignInResult,
  }),
  signOut: endpoint({
    method: 'POST',
    path: '/v1/portal/sign-out',
    operationId: 'signOutPortal',
    summary: 'Sign out: end this session',
    description:
      'The access token is refused from now on and the refresh token stops working. Signing out a session that has already ended changes nothing and also answers 204. The body, if any, is ignored.',
    surface: 'portal',
    status: 204,
    response: Type.Null(),
  }),
};
