import { provide } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { PortalClient, type SessionStorage } from '../../sdk/portal-client.js';
import { PORTAL_SECTIONS, type OpenItem, type PortalSection, type SectionShell } from '../sections/index.js';
import { isSectionLoaded, loadSection, prefetchSections } from '../sections/loader.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { failedCall, isPortalDisabled } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import '../taba-login/taba-login.js';
import { parseRoute, routeHash, sameRoute, type Route } from './hash-route.js';
import { portalStyles } from './taba-portal.styles.js';
import { watchClient } from './watched-client.js';

/**
 * @tagname taba-portal
 * @summary The whole customer portal: signs in with a portal session, shows navigation and the
 * section the contact chose, and hands the client to every widget inside it.
 *
 * Give it `api-base` plus either `client-secret` (minted by your backend with
 * `POST /v1/workspace/portal-sessions`) or a `fetchClientSecret` callback; or set `client` to any
 * object with the `PortalApi` shape. Widgets placed inside (in its light DOM or its own views)
 * get the client through `portalClientContext`.
 *
 * Or give it `api-base` and `workspace` alone: then it guards the portal itself. A contact without a
 * session sees `<taba-login>` and signs in by emailed code or link (`link-token`).
 *
 * A session this element starts itself — from email sign-in or from `client-secret` (the hosted
 * page's `#secret=` link) — is kept in the tab's `sessionStorage` (see `storage`), so a reload goes
 * straight back to the portal, and a Sign out button ends it on the server and clears the storage.
 * A new `client-secret` replaces a kept session. When that secret is expired or already used, the
 * element falls back to the sign-in form if it knows the `workspace`, and otherwise says to ask the
 * business for a new link.
 *
 * A session from `fetchClientSecret` belongs to the tenant's page: it lives in memory only, a
 * reload asks the callback again, and there is no Sign out button (sign the visitor out of your
 * site and revoke their portal sessions from your backend instead). If the callback throws, its
 * error's message is shown with a Retry button that calls it again.
 *
 * With `routing="hash"` the address keeps the portal's place: `#/<section>` (e.g. `#/documents`) or
 * `#/<section>/<id>` for what is open in it (e.g. `#/projects/prj_…`; `#/messages/new` for a
 * conversation being started). Each place the contact goes to is a new history entry, so the
 * browser's Back and Forward buttons move through them; a page loaded (or bookmarked) with such a
 * fragment opens it directly. Any other fragment — none, or the page's own anchor — shows the section
 * the portal started on. Use it on a page of its own and in an embedding page whose own router does
 * not use the fragment; one routed portal per page.
 *
 * Each section's elements load the first time it is shown (the browser bundle keeps them in a chunk
 * of their own): until then the section shows its heading and a loading note, and if the chunk
 * cannot be fetched, an alert with a Retry button. Once the portal has shown its first section, the
 * other sections load when the browser is idle. `updateComplete` resolves once the section shown
 * has loaded (or failed to) and rendered.
 *
 * Whichever way it signed in, a call answered with `portal_disabled` replaces the portal with a
 * message saying so; a page origin the workspace does not allow replaces it with a message naming
 * the origin and how to allow it.
 *
 * @slot signed-out - Shown when there is no portal session and no workspace to sign in to; defaults to a short explanation.
 *
 * @event taba-proposal-select - Re-dispatched from the proposal list; see `<taba-proposal-list>`.
 * @event taba-proposal-accepted - From the proposal detail; see `<taba-proposal-detail>`.
 * @event taba-proposal-declined - From the proposal detail; see `<taba-proposal-detail>`.
 * @event taba-thread-select - Re-dispatched from the conversation list; see `<taba-message-threads>`.
 * @event taba-thread-new - From the conversation list: "New conversation"; see `<taba-message-threads>`.
 * @event taba-thread-created - From a conversation; see `<taba-message-thread>`.
 * @event taba-message-sent - From a conversation; see `<taba-message-thread>`.
 * @event taba-project-select - Re-dispatched from the project list; see `<taba-project-list>`.
 * @event taba-comment-added - From a project's Comments tab; see `<taba-comment-thread>`.
 * @event taba-document-download - From a document list (cancelable); see `<taba-document-list>`.
 * @event taba-delivery-select - Re-dispatched from the delivery list; see `<taba-delivery-list>`.
 * @event taba-signed-in - From the sign-in form: the contact signed in by email; see `<taba-login>`.
 * @event taba-signed-out - The contact signed out with the Sign out button.
 *
 * @csspart nav - The navigation landmark.
 * @csspart nav-list - The list of sections.
 * @csspart nav-item - A section button; the current one also has `nav-item-current`.
 * @csspart nav-unread - On the Messages item: how many team messages are unread in the contact's 100 most recent conversations (the word "unread" is for screen readers).
 * @csspart sign-out - The Sign out button, shown for a session this element started (email sign-in or `client-secret`).
 * @csspart content - The area showing the current section.
 * @csspart heading - The current section's heading.
 * @csspart section-loading - Below the heading while the section's elements load.
 * @csspart section-failed - Below the heading when the section's elements could not be loaded; holds an `error` alert with a `retry` button.
 * @csspart back - The button returning from a proposal, a conversation or a project to its list.
 * @csspart sign-in - The area holding the sign-in form.
 * @csspart login - The `<taba-login>` element.
 * @csspart session-ended - The note that a session ended, above the sign-in form.
 * @csspart link-expired - The note that the sign-in link (client secret) expired or was used, above the sign-in form.
 * @csspart error - The alert shown instead of the portal when it cannot start (origin not allowed, `fetchClientSecret` failed).
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside that alert.
 * @csspart portal-disabled - The message shown instead of the portal when the workspace's portal is off.
 * @csspart no-session - The message shown when there is no portal session (also after signing out, or an expired link, without a `workspace`).
 *
 * @cssprop --taba-font-family - Font stack, inherited by every widget.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Background of rows, buttons and fields.
 * @cssprop --taba-color-border - Borders, and the line under the navigation.
 * @cssprop --taba-color-accent - Current section, links, primary buttons, focus.
 * @cssprop --taba-color-on-accent - Text on primary buttons.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Errors and the confirm-decline button.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaPortal extends LitElement {
  static override styles = [baseStyles, portalStyles];

  /** Base URL of the taba-portal server, e.g. `https://portal.example.com`. */
  @property({ attribute: 'api-base' })
  accessor apiBase: string | undefined;

  /** A single-use secret minted by the tenant backend; exchanged for tokens on first use. */
  @property({ attribute: 'client-secret' })
  accessor clientSecret: string | undefined;

  /** Called for a fresh client secret whenever a new session is needed. */
  @property({ attribute: false })
  accessor fetchClientSecret: (() => Promise<string>) | undefined;

  /** The workspace (`ws_…`) whose contacts sign in here by email when there is no client secret. */
  @property({ reflect: true })
  accessor workspace: string | undefined;

  /** The token of an emailed sign-in link; handed to the sign-in form, which checks it at once. */
  @property({ attribute: 'link-token' })
  accessor linkToken: string | undefined;

  /**
   * Where a session this element started (email sign-in, `client-secret`) is kept across reloads:
   * the tab's `sessionStorage` unless set; `null` keeps it in memory only.
   */
  @property({ attribute: false })
  accessor storage: SessionStorage | null | undefined;

  /**
   * The client every widget uses. Created from `api-base` with `client-secret` or
   * `fetchClientSecret` (or, for email sign-in, `workspace`), and recreated when they change; may
   * instead be set to any `PortalApi`.
   */
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** What the widgets get: `client`, watched so that the shell hears about ended sessions. */
  @provide({ context: portalClientContext })
  @state()
  private accessor providedClient: PortalApi | undefined;

  /** The section shown. */
  @property({ reflect: true })
  accessor section: PortalSection = 'proposals';

  /**
   * `hash` keeps the section and the open item in the URL fragment, with a history entry for each
   * (see above); `none` (the default) leaves the page's address alone.
   */
  @property()
  accessor routing: 'hash' | 'none' = 'none';

  /** What the current section shows instead of its list (a proposal, a conversation), if anything. */
  @state()
  private accessor openItem: OpenItem | null = null;

  /** Unread team messages in the contact's most recent conversations, shown on the Messages item. */
  @state()
  private accessor unreadTotal = 0;

  readonly #unreadTotal = new Task(this, {
    args: () => [this.providedClient, this.#showsPortal] as const,
    task: async ([client, showsPortal]): Promise<number> => {
      if (!client || !showsPortal) return 0;
      const { items } = await client.threads.list({ limit: 100 });
      return items.reduce((total, thread) => total + thread.unreadCount, 0);
    },
    onComplete: (total) => {
      this.unreadTotal = total;
    },
  });

  /** For a session this element started: whether the client holds one (restored, given, or just signed in). */
  @state()
  private accessor signedIn = false;

  /** Why the contact is no longer signed in, said above the sign-in form (or instead of it). */
  @state()
  private accessor signedOutReason: 'session-ended' | 'link-expired' | 'signed-out' | null = null;

  /** A failure that stops the whole portal: the page's origin is not allowed, or `fetchClientSecret` failed. */
  @state()
  private accessor startFailure: unknown = null;

  @state()
  private accessor portalDisabled = false;

  @state()
  private accessor signingOut = false;

  /** Why a section's elements could not be loaded, by section, until Retry. */
  @state()
  private accessor sectionFailures: ReadonlyMap<PortalSection, unknown> = new Map();

  /** The section load under way, settled either way; `updateComplete` waits for it. */
  #sectionLoad: Promise<void> | undefined;

  /** Whether the other sections' elements were asked for, after the first section showed. */
  #prefetched = false;

  /** The client this shell created with a kept session (email sign-in or `client-secret`), if it did. */
  #ownClient: PortalClient | undefined;

  /** The section shown when the address holds no route: the one the portal started on. */
  #homeSection: PortalSection | undefined;

  /** A route read from the address, shown by the next update. */
  #pendingRoute: Route<PortalSection> | null = null;

  /** The route last read from or written to the address: only a move away from it is written. */
  #addressedRoute: Route<PortalSection> | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onAddressChange);
    window.addEventListener('hashchange', this.#onAddressChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onAddressChange);
    window.removeEventListener('hashchange', this.#onAddressChange);
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    // Workspace and storage only matter to email sign-in; a secret's client must not be rebuilt (the secret is single use).
    const emailInputsChanged =
      !this.clientSecret && !this.fetchClientSecret && (changed.has('workspace') || changed.has('storage'));
    const sessionChanged =
      changed.has('apiBase') || changed.has('clientSecret') || changed.has('fetchClientSecret') || emailInputsChanged;
    // A client set in the same update wins over one built from the session inputs.
    if (sessionChanged && !changed.has('client')) this.client = this.#createClient();
    if (changed.has('client')) this.#adopt(this.client);
    if (changed.has('section') || changed.has('client')) {
      this.openItem = null;
    }
    this.#homeSection ??= this.section;
    // The address decides what a routed portal shows when it starts, and when its session changes.
    if (this.routing === 'hash' && (!this.hasUpdated || changed.has('routing') || changed.has('client'))) {
      this.#pendingRoute ??= this.#addressRoute();
    }
    if (this.#pendingRoute) this.#showRoute(this.#pendingRoute);
    if (this.#showsPortal) this.#loadCurrentSection();
  }

  /** Resolves once the section shown has loaded its elements (or failed to) and rendered. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.#sectionLoad) {
      await this.#sectionLoad;
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  override updated(): void {
    const current = this.#currentSection;
    if (!this.#prefetched && this.#showsPortal && current && isSectionLoaded(current)) {
      this.#prefetched = true;
      prefetchSections(PORTAL_SECTIONS);
    }
    // Each place the contact goes to becomes a history entry; the address already showing it needs none.
    if (this.routing !== 'hash' || !this.#showsPortal) return;
    const shown = this.#shownRoute;
    if (this.#addressedRoute && sameRoute(this.#addressedRoute, shown)) return;
    this.#addressedRoute = shown;
    const inAddress = parseRoute(location.hash, this.#sectionIds);
    if (inAddress ? sameRoute(inAddress, shown) : sameRoute(this.#homeRoute, shown)) return;
    history.pushState(history.state, '', routeHash(shown));
  }

  override render(): TemplateResult {
    if (!this.client) {
      return html`
        <div part="no-session" role="status">
          <slot name="signed-out">
            <p><strong>${strings.portal.noSessionTitle}</strong></p>
            <p>${strings.portal.noSessionDetail}</p>
          </slot>
        </div>
      `;
    }
    if (this.portalDisabled) {
      return html`
        <div part="portal-disabled" role="alert">
          <p><strong>${strings.portal.disabledTitle}</strong></p>
          <p>${strings.portal.disabledDetail}</p>
        </div>
      `;
    }
    if (this.startFailure) {
      return errorAlert(this.startFailure, strings.portal.startFailed, this.#onRetryStart);
    }
    if (this.#ownsSession && !this.signedIn && !this.workspace) return this.#renderSignedOut();
    if (this.#ownsSession && !this.signedIn) {
      return html`
        <div part="sign-in">
          ${this.signedOutReason === 'session-ended'
            ? html`<p part="session-ended" role="status">${strings.portal.sessionEnded}</p>`
            : nothing}
          ${this.signedOutReason === 'link-expired'
            ? html`<p part="link-expired" role="status">${strings.portal.linkExpired}</p>`
            : nothing}
          <taba-login
            part="login"
            .workspace=${this.workspace}
            .linkToken=${this.linkToken}
            @taba-signed-in=${this.#onSignedIn}
          ></taba-login>
        </div>
      `;
    }
    return html`
      <nav part="nav" aria-label=${strings.portal.navLabel}>
        <ul part="nav-list">
          ${PORTAL_SECTIONS.map((section) => this.#renderNavItem(section))}
        </ul>
        ${this.#ownsSession
          ? html`<button
              type="button"
              part="sign-out"
              aria-disabled=${this.signingOut ? 'true' : 'false'}
              @click=${this.#onSignOut}
            >
              ${this.signingOut ? strings.portal.signingOut : strings.portal.signOut}
            </button>`
          : nothing}
      </nav>
      <div part="content">
        <h2 part="heading" tabindex="-1">${this.#currentSection?.label}</h2>
        ${this.#renderSection()}
      </div>
    `;
  }

  /** The current section's view once its elements have loaded; until then, loading or why it failed. */
  #renderSection(): TemplateResult | typeof nothing {
    const section = this.#currentSection;
    if (!section) return nothing;
    if (isSectionLoaded(section)) return section.render(this.#sectionShell());
    if (this.sectionFailures.has(section.id)) {
      return html`<div part="section-failed">
        ${errorAlert(this.sectionFailures.get(section.id), strings.portal.sectionLoadFailed, this.#onRetrySection)}
      </div>`;
    }
    return html`<p part="section-loading" role="status">${strings.portal.sectionLoading}</p>`;
  }

  /** Starts loading the current section's elements unless they are in, loading, or failed (until Retry). */
  #loadCurrentSection(): void {
    const section = this.#currentSection;
    if (!section || isSectionLoaded(section) || this.#sectionLoad || this.sectionFailures.has(section.id)) return;
    const load: Promise<void> = loadSection(section).then(
      () => undefined,
      (error: unknown) => {
        this.sectionFailures = new Map(this.sectionFailures).set(section.id, error);
      },
    );
    this.#sectionLoad = load.finally(() => {
      this.#sectionLoad = undefined;
      // Render what loaded, and load the section shown now if the contact moved on meanwhile.
      this.requestUpdate();
    });
  }

  readonly #onRetrySection = (): void => {
    const failures = new Map(this.sectionFailures);
    failures.delete(this.section);
    this.sectionFailures = failures;
    focusAfterUpdate(this, "[part~='heading']");
  };

  /** Without a workspace there is no form to sign in again: say what happened and what to do. */
  #renderSignedOut(): TemplateResult {
    const [title, detail] =
      this.signedOutReason === 'link-expired'
        ? [strings.portal.linkExpiredTitle, strings.portal.linkExpiredDetail]
        : this.signedOutReason === 'signed-out'
          ? [strings.portal.signedOutTitle, strings.portal.signedOutDetail]
          : [strings.portal.sessionEndedTitle, strings.portal.sessionEndedDetail];
    return html`
      <div part="no-session" role="status">
        <p><strong>${title}</strong></p>
        <p>${detail}</p>
      </div>
    `;
  }

  #renderNavItem(section: (typeof PORTAL_SECTIONS)[number]): TemplateResult {
    const current = section.id === this.section;
    return html`
      <li>
        <button
          type="button"
          part=${current ? 'nav-item nav-item-current' : 'nav-item'}
          aria-current=${current ? 'page' : nothing}
          @click=${() => this.#show(section.id)}
        >
          ${section.label}
          ${section.navBadge?.(this.#sectionShell()) ?? nothing}
        </button>
      </li>
    `;
  }

  get #sectionIds(): PortalSection[] {
    return PORTAL_SECTIONS.map((section) => section.id);
  }

  get #shownRoute(): Route<PortalSection> {
    return { section: this.section, item: this.openItem };
  }

  get #homeRoute(): Route<PortalSection> {
    return { section: this.#homeSection ?? this.section, item: null };
  }

  /** What the address asks for; its own anchor or none means the section the portal started on. */
  #addressRoute(): Route<PortalSection> {
    return parseRoute(location.hash, this.#sectionIds) ?? this.#homeRoute;
  }

  /** Shows `route` in this update: a section's list back from an item hears `closed`, as with Back. */
  #showRoute(route: Route<PortalSection>): void {
    this.#pendingRoute = null;
    this.#addressedRoute = route;
    const backToList = route.section === this.section && route.item === null && this.openItem !== null;
    this.section = route.section;
    this.openItem = route.item;
    if (backToList) this.#currentSection?.closed?.(this.#sectionShell());
  }

  /** Back, Forward, or a changed fragment: show what the address now says. */
  readonly #onAddressChange = (): void => {
    if (this.routing !== 'hash') return;
    const route = this.#addressRoute();
    if (sameRoute(route, this.#shownRoute)) return;
    this.#pendingRoute = route;
    this.requestUpdate();
    // Like a new page, focus starts at the heading — unless the contact is busy elsewhere on the page.
    const active = document.activeElement;
    if (!active || active === document.body || active === this || this.contains(active)) {
      focusAfterUpdate(this, "[part~='heading']");
    }
  };

  get #currentSection(): (typeof PORTAL_SECTIONS)[number] | undefined {
    return PORTAL_SECTIONS.find((section) => section.id === this.section);
  }

  /** What the sections see of this shell: the open item, and the ways to open and close it. */
  #sectionShell(): SectionShell {
    return {
      openItem: this.openItem,
      unreadTotal: this.unreadTotal,
      root: this.renderRoot,
      open: (item, focus) => {
        this.openItem = item;
        focusAfterUpdate(this, focus);
      },
      back: () => {
        this.#closeItem();
        focusAfterUpdate(this, "[part~='heading']");
      },
      recountUnread: () => void this.#unreadTotal.run(),
    };
  }

  #createClient(): PortalApi | undefined {
    const { apiBase, clientSecret, fetchClientSecret, workspace } = this;
    this.#ownClient = undefined;
    if (!apiBase) return undefined;
    // The tenant's callback owns that session: memory only, and no Sign out here.
    if (fetchClientSecret) return new PortalClient({ apiBase, clientSecret, fetchClientSecret });
    const storage = this.storage === undefined ? tabSessionStorage() : (this.storage ?? undefined);
    const client = new PortalClient({ apiBase, clientSecret, storage });
    // Without a secret or a workspace, only a session kept from before (a reload) can show the portal.
    if (!clientSecret && !workspace && !client.canAuthenticate) return undefined;
    this.#ownClient = client;
    return client;
  }

  /** Whether the navigation and sections are shown (not a sign-in form or a message instead). */
  get #showsPortal(): boolean {
    return this.client !== undefined && (!this.#ownsSession || this.signedIn) && !this.portalDisabled && !this.startFailure;
  }

  get #ownsSession(): boolean {
    return this.client !== undefined && this.client === this.#ownClient;
  }

  /** Starts showing `client`: watched for ended sessions and a disabled portal. */
  #adopt(client: PortalApi | undefined): void {
    this.providedClient = client && watchClient(client, (error) => this.#onClientFailure(client, error));
    // A restored session goes straight to the portal; an emailed link is checked even so.
    this.signedIn = client?.canAuthenticate === true && !this.linkToken;
    this.signedOutReason = null;
    this.startFailure = null;
    this.portalDisabled = false;
    this.signingOut = false;
  }

  #onClientFailure(client: PortalApi, error: unknown): void {
    if (client !== this.client) return;
    const call = failedCall(error);
    if (isPortalDisabled(error)) {
      this.portalDisabled = true;
    } else if (call?.code === 'origin_not_allowed' || call?.code === 'client_secret_unavailable') {
      this.startFailure = error;
    } else if (this.#ownsSession && this.signedIn && call?.status === 401) {
      // The client already tried to refresh; a 401 now means the session (or its link) is over.
      this.signedIn = false;
      this.signedOutReason = call.code === 'invalid_client_secret' ? 'link-expired' : 'session-ended';
    }
  }

  /** A new client: asks `fetchClientSecret` again, or retries a secret that was never spent. */
  readonly #onRetryStart = (): void => {
    if (this.client === this.#ownClient || this.fetchClientSecret) this.client = this.#createClient();
    else this.#adopt(this.client);
  };

  readonly #onSignedIn = (): void => {
    this.signedIn = true;
    this.signedOutReason = null;
    // A link works once; after signing out, the form must not try it again.
    this.linkToken = undefined;
    focusAfterUpdate(this, "[part~='heading']");
  };

  readonly #onSignOut = async (): Promise<void> => {
    const client = this.client;
    if (!client || this.signingOut) return;
    this.signingOut = true;
    try {
      await client.signOut?.();
    } catch {
      // The tokens are forgotten here even when the server could not be told; its session then expires.
    }
    if (client !== this.client) return;
    this.signingOut = false;
    this.signedIn = false;
    this.signedOutReason = 'signed-out';
    this.openItem = null;
    emit(this, 'taba-signed-out', {});
    await this.updateComplete;
    const login = this.renderRoot.querySelector('taba-login');
    await login?.updateComplete;
    login?.focus();
  };

  #show(section: PortalSection): void {
    if (section === this.section) {
      this.#closeItem();
      return;
    }
    this.section = section;
  }

  /** Back to the current section's list, which may refresh what changed meanwhile. */
  #closeItem(): void {
    if (this.openItem === null) return;
    this.openItem = null;
    this.#currentSection?.closed?.(this.#sectionShell());
  }
}

/** The tab's sessionStorage, or none where the browser refuses it (e.g. storage blocked in a third-party frame). */
function tabSessionStorage(): SessionStorage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}
