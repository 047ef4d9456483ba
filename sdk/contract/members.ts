import { Type, type Static } from 'typebox';
import { Id, Timestamp } from './common.js';

/** What a member may do is set by the role; the table is in docs/security.md. */
export const WorkspaceRole = Type.Enum(['owner', 'manager', 'team_lead', 'finance_reviewer']);
export type WorkspaceRole = Static<typeof WorkspaceRole>;

const InvitedEmail = Type.String({ format: 'email', maxLength: 254 });

/** A person who has joined the workspace. */
export const Member = Type.Object({
  id: Id,
  email: Type.String(),
  name: Type.String(),
  role: WorkspaceRole,
  /** The member who sent the invitation; null for the workspace's founder. */
  invitedBy: Type.Union([Id, Type.Null()]),
  createdAt: Timestamp,
  joinedAt: Timestamp,
});
export type Member = Static<typeof Member>;

/** A pending invitation: it holds a seat until it is accepted (by signing in with Google as that email) or revoked. */
export const Invitation = Type.Object({
  id: Id,
  email: Type.String(),
  role: WorkspaceRole,
  invitedBy: Type.Union([Id, Type.Null()]),
  createdAt: Timestamp,
});
export type Invitation = Static<typeof Invitation>;

export const CreateInvitation = Type.Object({ email: InvitedEmail, role: WorkspaceRole }, { additionalProperties: false });
export type CreateInvitation = Static<typeof CreateInvitation>;

export const UpdateMember = Type.Object({ role: WorkspaceRole }, { additionalProperties: false });
export type UpdateMember = Static<typeof UpdateMember>;

export const MemberParams = Type.Object({ memberId: Id });
export const InvitationParams = Type.Object({ invitationId: Id });

/** Google sign-in: the ID token from Google Identity Services; `workspaceId` picks one workspace of several. */
export const GoogleSignIn = Type.Object(
  {
    idToken: Type.String({ minLength: 1, maxLength: 8192 }),
    workspaceId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type GoogleSignIn = Static<typeof GoogleSignIn>;

/** A signed-in member: a 15-minute access token and a refresh token that rotates on every use. */
export const MemberSession = Type.Object({
  tokenType: Type.Literal('Bearer'),
  accessToken: Type.String(),
  accessTokenExpiresAt: Timestamp,
  refreshToken: Type.String(),
  /** The session ends here however often it is refreshed; then the member signs in again. */
  refreshTokenExpiresAt: Timestamp,
  workspaceId: Id,
  memberId: Id,
  role: WorkspaceRole,
});
export type MemberSession = Static<typeof MemberSession>;

export const WorkspaceChoice = Type.Object({ id: Id, name: Type.String(), role: WorkspaceRole });
export type WorkspaceChoice = Static<typeof WorkspaceChoice>;

export const MemberSignedIn = Type.Object({ status: Type.Literal('signed_in'), session: MemberSession });
export type MemberSignedIn = Static<typeof MemberSignedIn>;

export const GoogleSignInResult = Type.Union([
  MemberSignedIn,
  Type.Object({
    status: Type.Literal('choose_workspace'),
    /** Send the same ID token again with one of these ids as `workspaceId`. */
    workspaces: Type.Array(WorkspaceChoice),
  }),
  Type.Object({
    status: Type.Literal('onboarding'),
    /** Valid ten minutes, only for `POST /v1/workspace/onboarding` (as the bearer token). */
    onboardingToken: Type.String(),
    onboardingTokenExpiresAt: Timestamp,
    email: Type.String(),
  }),
]);
export type GoogleSignInResult = Static<typeof GoogleSignInResult>;

/** The first sign-in of a person without a workspace creates one, with them as its owner. */
export const CreateOnboardingWorkspace = Type.Object(
  { workspaceName: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }) },
  { additionalProperties: false },
);
export type CreateOnboardingWorkspace = Static<typeof CreateOnboardingWorkspace>;

export const RefreshMemberSession = Type.Object({ refreshToken: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export type RefreshMemberSession = Static<typeof RefreshMemberSession>;
