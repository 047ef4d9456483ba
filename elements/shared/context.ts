import { createContext } from '@lit/context';
import type { PortalClient } from '../../sdk/portal-client.js';

/** The session members a widget can do without: only `<taba-login>` and the shell (Sign out, brand) use them. */
type SessionMembers = 'signIn' | 'signOut' | 'canAuthenticate' | 'brand';

/**
 * What the widgets need from a portal client: every resource group of `PortalClient` (so a new SDK
 * group is here without an edit), and its session members as optional. `PortalClient` satisfies
 * it, and so does any object of the same shape (a test double, or a tenant's own adapter).
 * `canAuthenticate` is `false` when the client holds no session and cannot start one without the
 * contact signing in. `checkOrigin` is left out: it is the tenant's setup check, which no widget calls.
 */
export interface PortalApi
  extends Omit<PortalClient, SessionMembers | 'checkOrigin'>,
    Partial<Pick<PortalClient, SessionMembers>> {}

/**
 * The context through which `<taba-portal>` (or any other provider) hands the client to widgets.
 * A string key, so that widgets from a separately loaded bundle still find the provider.
 */
export const portalClientContext = createContext<PortalApi | undefined>('taba-portal/client');
