import { Type, type Static } from 'typebox';
import { Id, Page, PageQuery, Timestamp } from './common.js';
import { endpoint } from './endpoint.js';

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

const inviteRules =
  'The invitee joins by signing in with Google as that email. A workspace has its owner plus at most 5 more members, and pending invitations hold a seat: beyond that the answer is `409 member_limit_reached`. `409 already_member` / `invitation_exists` for an email already in the workspace. Only an owner may invite an owner (`403 owner_role_required`).';

/** The workspace's members; people join by accepting an invitation. */
export const memberEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/members',
    operationId: 'listMembers',
    summary: 'List the members of the workspace, in the order they joined',
    description: 'Pending invitations are listed by `GET /v1/workspace/invitations`.',
    surface: 'workspace',
    permission: 'members.read',
    query: PageQuery,
    status: 200,
    response: Page(Member),
  }),
  invite: endpoint({
    method: 'POST',
    path: '/v1/workspace/members',
    operationId: 'inviteMember',
    summary: 'Invite a member by email (the same as POST /v1/workspace/invitations)',
    description: `Members are never added directly: this creates an invitation and answers with it. ${inviteRules}`,
    surface: 'workspace',
    permission: 'members.manage',
    body: CreateInvitation,
    status: 201,
    response: Invitation,
  }),
  update: endpoint({
    method: 'PATCH',
    path: '/v1/workspace/members/:memberId',
    operationId: 'updateMember',
    summary: "Change a member's role; it applies to their next request",
    description: "Only an owner may make someone an owner or change an owner's role (`403 owner_role_required`). The last owner cannot be demoted (`409 last_owner`).",
    surface: 'workspace',
    permission: 'members.manage',
    params: MemberParams,
    body: UpdateMember,
    status: 200,
    response: Member,
  }),
  remove: endpoint({
    method: 'DELETE',
    path: '/v1/workspace/members/:memberId',
    operationId: 'removeMember',
    summary: 'Remove a member; their sessions end at once',
    description: 'Only an owner may remove an owner (`403 owner_role_required`); the last owner cannot be removed (`409 last_owner`).',
    surface: 'workspace',
    permission: 'members.manage',
    params: MemberParams,
    status: 204,
    response: Type.Null(),
  }),
};

/** Pending invitations; each holds one of the workspace's seats until accepted or revoked. */
export const invitationEndpoints = {
  list: endpoint({
    method: 'GET',
    path: '/v1/workspace/invitations',
    operationId: 'listInvitations',
    summary: 'List pending invitations, oldest first',
    surface: 'workspace',
    permission: 'members.read',
    query: PageQuery,
    status: 200,
    response: Page(Invitation),
  }),
  create: endpoint({
    method: 'POST',
    path: '/v1/workspace/invitations',
    operationId: 'createInvitation',
    summary: 'Invite a member by email with a role',
    description: inviteRules,
    surface: 'workspace',
    permission: 'members.manage',
    body: CreateInvitation,
    status: 201,
    response: Invitation,
  }),
  revoke: endpoint({
    method: 'DELETE',
    path: '/v1/workspace/invitations/:invitationId',
    operationId: 'revokeInvitation',
    summary: 'Revoke a pending invitation and free its seat',
    description:
      'Only an owner may revoke an invitation to become owner (`403 owner_role_required`). An accepted invitation is a member: remove it with `DELETE /v1/workspace/members/{memberId}`.',
    surface: 'workspace',
    permission: 'members.manage',
    params: InvitationParams,
    status: 204,
    response: Type.Null(),
  }),
};

/** How a member obtains, renews and ends a session; outside the workspace's permission check. */
export const memberAuthEndpoints = {
  google: endpoint({
    method: 'POST',
    path: '/v1/workspace/auth/google',
    operationId: 'signInMemberWithGoogle',
    summary: 'Sign a member in with a Google ID token',
    description:
      'Verifies the ID token (RS256 against the configured key set, issuer, audience = GOOGLE_CLIENT_ID, expiry, `email_verified`). Pending invitations for the email become memberships. Then: one workspace (or `workspaceId` naming one of yours) → `signed_in` with a member session; several → `choose_workspace` (send the same ID token again with `workspaceId`); none → `onboarding` with a ten-minute token for `POST /v1/workspace/onboarding`. `403 not_a_member` when `workspaceId` is not one of yours; `503 google_sign_in_not_configured` without GOOGLE_CLIENT_ID.',
    surface: 'public',
    body: GoogleSignIn,
    status: 200,
    response: GoogleSignInResult,
    extraProblems: [503],
  }),
  onboard: endpoint({
    method: 'POST',
    path: '/v1/workspace/onboarding',
    operationId: 'createOnboardingWorkspace',
    summary: 'Create the first workspace of a newly signed-in person, with them as its owner',
    description:
      'Authorised by the `onboardingToken` of a Google sign-in (bearer). Answers with a member session in the new workspace. `409 already_member` when the person has joined a workspace in the meantime.',
    // Not a workspace credential: the onboarding token is checked by the route itself.
    surface: 'public',
    body: CreateOnboardingWorkspace,
    status: 201,
    response: MemberSignedIn,
  }),
  refresh: endpoint({
    method: 'POST',
    path: '/v1/workspace/auth/refresh',
    operationId: 'refreshMemberSession',
    summary: "Renew a member's access token with the refresh token; the refresh token is replaced",
    description:
      'The refresh token works once. Presenting the one just replaced again ends the session (it was copied). Sessions end twelve hours after sign-in, and at once when the member is removed.',
    surface: 'public',
    body: RefreshMemberSession,
    status: 200,
    response: MemberSession,
  }),
  signOut: endpoint({
    method: 'POST',
    path: '/v1/workspace/auth/sign-out',
    operationId: 'signOutMember',
    summary: "End the calling member's session",
    description: 'Bearer: the member access token. Its refresh token and access tokens stop working at once.',
    surface: 'member',
    status: 204,
    response: Type.Null(),
  }),
};
