import { createContext } from '@lit/context';
import type { PortalClient } from '../../sdk/portal-client.js';

/**
 * What the widgets need from a portal client. `PortalClient` satisfies it, and so does any
 * object of the same shape (a test double, or a tenant's own adapter).
 */
export interface PortalApi {
  me: PortalClient['me'];
  proposals: PortalClient['proposals'];
  /** Conversations with the team; the message widgets and "Ask a question" need them. */
  threads: PortalClient['threads'];
  messages: PortalClient['messages'];
  /** Sign-in by email; only `<taba-login>` needs it. */
  signIn?: PortalClient['signIn'];
  /** Ends the session on the server and forgets the tokens. */
  signOut?: PortalClient['signOut'];
  /** `false` when the client holds no session and cannot start one without the contact signing in. */
  readonly canAuthenticate?: boolean;
}

/**
 * The context through which `<taba-portal>` (or any other provider) hands the client to widgets.
 * A string key, so that widgets from a separately loaded bundle still find the provider.
 */
export const portalClientContext = createContext<PortalApi | undefined>('taba-portal/client');
