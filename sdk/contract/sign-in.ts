import { Type, type Static } from 'typebox';
import { Id } from './common.js';
import { PortalTokens } from './sessions.js';

/** Ask for a one-time link and code by email. The answer is the same whether or not the email is known. */
export const RequestSignIn = Type.Object(
  {
    workspaceId: Id,
    email: Type.String({ format: 'email', maxLength: 254 }),
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
