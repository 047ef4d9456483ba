import { provide } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import type { HomeItemKind } from '../../sdk/contract/home.js';
import type { PortalBrand, PortalProfile } from '../../sdk/contract/profile.js';
import { PortalClient, type SessionStorage } from '../../sdk/portal-client.js';
import { PORTAL_SECTIONS, type OpenItem, type PortalSection, type SectionShell } from '../sections/index.js';
import { isSectionLoaded, loadSection, prefetchSections } from '../sections/loader.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert } from '../shared/feedback.js';
import { focusAfterUpdate } from '../shared/focus.js';
import { PortalElement } from '../shared/portal-element.js';
import { portalLocale } from '../shared/localize.js';
import { failedCall, isPortalDisabled } from '../shared/problem.js';
import { strings } from '../shared/strings.js';
import type { HomeSelectEventDetail } from '../taba-home/taba-home.component.js';
import '../taba-login/taba-login.js';
import { brandAccent } from '../shared/brand-accent.js';
import { isPortalPath, itemFromSegment, itemSegment, parseRoute, routeHash, sameRoute, type Route } from './hash-route.js';
import { shellStrings } from './shell.strings.js';
import { portalStyles } from './taba-portal.styles.js';
import { watchClient } from './watched-client.js';

/** What `taba-navigate` carries: where the contact moved in the portal. */
export interface NavigateEventDetail {
  /** The section shown now (`home`, `invoices`…). */
  section: PortalSection;
  /** The item open in it (its id; `new` for a conversation being started), or `null` for the section's own page. */
  item: string | null;
}

declare module '../shared/events.js' {
  interface TabaEventDetails {
    /** The contact moved to another page of the portal: a section, or an item in it. */
    'taba-navigate': NavigateEventDetail;
  }
}

declare global {
  interface HTMLElementEventMap {
    'taba-navigate': CustomEvent<NavigateEventDetail>;
  }
}

/** Where each kind of home entry opens, and what takes focus there (its detail, which focuses its heading once loaded). */
const HOME_ENTRY_PAGES: Record<HomeItemKind, { section: PortalSection; focus: string }> = {
  proposal: { section: 'proposals', focus: 'taba-proposal-detail' },
  estimate: { section: 'estimates', focus: 'taba-estimate-detail' },
  request: { section: 'requests', focus: 'taba-request-detail' },
  acceptance: { section: 'acceptances', focus: 'taba-acceptance-review' },
  thread: { section: 'messages', focus: 'taba-message-thread' },
  invoice: { section: 'invoices', focus: 'taba-invoice-detail' },
};

/** The section the not-found page leads back to. */
const HOME: PortalSection = 'home';

/** Below this width (in the element's own `em`s) the navigation collapses behind a Menu button. */
const NARROW_BELOW_EM = 40;

const HEADING = "[part~='heading']";

/** A place the portal shows: a route, or a portal address it has no page for. */
interface Place {
  route: Route<PortalSection>;
  missing: boolean;
  /** Read from the address (which then needs no new entry), rather than chosen by the contact. */
  fromAddress: boolean;
}

/**
 * @tagname taba-portal
 * @summary The whole customer portal: signs in with a portal session, shows the business's brand,
 * the contact, navigation and the section the contact chose, and hands the client to every widget
 * inside it.
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
 * **Header.** Signed in, the portal shows the business's brand from `client.me()` (logo and name)
 * and who is signed in (the contact's name and their customer), with Sign out for a session it
 * started. The brand's accent colour becomes the portal's accent (`--taba-color-accent`, set on the
 * element through its `style` object, so a strict CSP without `'unsafe-inline'` styles allows it) —
 * unless the page set `--taba-color-accent` itself, which then wins.
 *
 * **Pages.** Home (`<taba-home>`: what needs the contact, soonest first) is the first section and
 * the default `section`; choosing one of its entries opens that item in its own section (a proposal
 * in Proposals, an invoice in Invoices…). Navigation lists every section; when the element itself is
 * narrower than 40em (a phone, or a narrow column of the host page) it collapses behind a Menu
 * button (`aria-expanded`; Escape closes it and returns focus to the button). A section id the portal
 * does not have, or an address like `#/nope`, shows a not-found page with a link to Home.
 *
 * **Following a host's router (`routing="none"`, the default).** Every move the contact makes
 * (navigation, a home entry, opening an item, Back) dispatches `taba-navigate` with
 * `{ section, item }` (`item`: the open item's id, `new` for a conversation being started, or
 * `null`). A host drives the portal by setting `section` and `item` (properties or attributes), e.g.
 * `portal.section = 'invoices'; portal.item = 'inv_…'` from its own route; setting `section` alone
 * shows the section's own page. Changes the host makes dispatch no `taba-navigate`, so a router can
 * follow the event and set the properties without a loop. Both reflect what is shown.
 *
 * With `routing="hash"` the address keeps the portal's place: `#/<section>` (e.g. `#/documents`) or
 * `#/<section>/<id>` for what is open in it (e.g. `#/invoices/inv_…`; `#/messages/new` for a
 * conversation being started). Each place the contact goes to is a new history entry, so the
 * browser's Back and Forward buttons move through them; a page loaded (or bookmarked) with such a
 * fragment opens it directly. Any other fragment — none, or the page's own anchor — shows the section
 * the portal started on. Use it on a page of its own and in an embedding page whose own router does
 * not use the fragment; one routed portal per page.
 *
 * **Focus and announcements.** Moving to another page puts focus on its heading (or on the opened
 * item). The shell owns a polite live region (`announcer`) that says what changed without moving
 * focus: "Signed out", "Signed in", an ended session, and a page shown by the host or the browser's
 * Back while focus stayed elsewhere. Any widget inside can ask it to say something by dispatching
 * `taba-announce` with `{ message }` (bubbling, composed; `announce(element, message)` from
 * `elements/taba-portal/announce.ts` does that).
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
 * @event taba-navigate - The contact moved to another page: `event.detail` is `{ section, item }` (see above).
 * @event taba-announce - Heard from the widgets inside: `event.detail.message` is said in the live region.
 * @event taba-home-select - From the home page; the shell opens the chosen item. See `<taba-home>`.
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
 * @csspart header - The bar above the navigation: the brand, and who is signed in.
 * @csspart brand - The business's logo and name.
 * @csspart brand-logo - The logo image (absent without one, or when it cannot be loaded).
 * @csspart brand-name - The business's name.
 * @csspart account - Who is signed in, and Sign out.
 * @csspart contact - The contact's name and their customer's.
 * @csspart contact-name - The contact's name.
 * @csspart customer-name - The customer they act for.
 * @csspart sign-out - The Sign out button, shown for a session this element started (email sign-in or `client-secret`).
 * @csspart nav - The navigation landmark.
 * @csspart menu-button - On a narrow portal: the button showing and hiding the navigation list.
 * @csspart nav-list - The list of sections.
 * @csspart nav-item - A section button; the current one also has `nav-item-current`.
 * @csspart nav-unread - On the Messages item: how many team messages are unread in the contact's 100 most recent conversations (the word "unread" is for screen readers).
 * @csspart content - The area showing the current section.
 * @csspart heading - The current section's heading (or "Page not found").
 * @csspart not-found - The not-found page's explanation and link.
 * @csspart not-found-home - The link to the home page on the not-found page.
 * @csspart section-loading - Below the heading while the section's elements load.
 * @csspart section-failed - Below the heading when the section's elements could not be loaded; holds an `error` alert with a `retry` button.
 * @csspart back - The button returning from a proposal, a conversation or a project to its list.
 * @csspart announcer - The polite live region (visually hidden) where status changes are said.
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
 * @attr {'light' | 'dark'} theme - The colour theme. Without it the element follows the `<taba-portal>` (or other element) it is in, else `--taba-color-scheme`, else the system's (`prefers-color-scheme`). See docs/theming.md.
 *
 * @cssprop --taba-color-scheme - The themes followed without a `theme` attribute: `light dark` (the system's), `light` or `dark`.
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-line-height - Line height of text.
 * @cssprop --taba-color-background - The element's own background (in light, none: the page shows through).
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Labels, dates and other secondary text.
 * @cssprop --taba-color-surface - Background of cards, rows, tables, buttons and fields.
 * @cssprop --taba-color-border - Borders of cards, rows, tables and buttons.
 * @cssprop --taba-color-field-border - Borders of text fields and selects (at least 3:1 against the surface).
 * @cssprop --taba-color-accent - Titles that open an item, links, primary buttons, the current tab.
 * @cssprop --taba-color-on-accent - Text on the accent: primary buttons, unread counts.
 * @cssprop --taba-color-accent-surface - A background tinted with the accent: a proof just sent, the team's messages.
 * @cssprop --taba-color-team-surface - Background of the team's messages and comments (defaults to the accent surface).
 * @cssprop --taba-color-focus - Focus ring (defaults to the accent).
 * @cssprop --taba-color-danger - Errors, overdue dates, the confirm-decline button.
 * @cssprop --taba-color-on-danger - Text on the danger colour.
 * @cssprop --taba-color-danger-surface - Background of error alerts and of declined, overdue or returned badges.
 * @cssprop --taba-color-warning - Text of waiting badges (pending, sent, awaiting response) and "expires soon".
 * @cssprop --taba-color-warning-surface - Background of those.
 * @cssprop --taba-color-success - Text of done badges (accepted, approved, paid, delivered).
 * @cssprop --taba-color-success-surface - Background of those.
 * @cssprop --taba-color-info - Text of moving badges (open, in progress, under review, in transit).
 * @cssprop --taba-color-info-surface - Background of those.
 * @cssprop --taba-color-neutral - Text of finished badges and notes (expired, void, cancelled, closed).
 * @cssprop --taba-color-neutral-surface - Background of those.
 * @cssprop --taba-radius - Corner radius of cards, buttons and fields.
 * @cssprop --taba-radius-badge - Corner radius of badges (a pill by default).
 * @cssprop --taba-space - Inner spacing of cards, alerts and notes.
 */
export class TabaPortal extends PortalElement {
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

  /** The section shown (`home` unless set); an id the portal does not have shows the not-found page. */
  @property({ reflect: true })
  accessor section: PortalSection = HOME;

  /**
   * The item open in the section instead of its own page: its id (`inv_…`), `new` for a
   * conversation being started, or `null`. Set it (with `section`) to open an item; it follows what
   * the contact opens.
   */
  @property({ reflect: true })
  accessor item: string | null = null;

  /**
   * `hash` keeps the section and the open item in the URL fragment, with a history entry for each
   * (see above); `none` (the default) leaves the page's address alone.
   */
  @property()
  accessor routing: 'hash' | 'none' = 'none';

  /** What the current section shows instead of its list (a proposal, a conversation), if anything. */
  @state()
  private accessor openItem: OpenItem | null = null;

  /** The address asked for a page the portal does not have. */
  @state()
  private accessor addressMissing = false;

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

  /** The signed-in contact, their customer and the business's brand, for the header. */
  readonly #profile = new Task(this, {
    args: () => [this.providedClient, this.#showsPortal] as const,
    task: async ([client, showsPortal]): Promise<PortalProfile | null> => {
      if (!client || !showsPortal) return null;
      return client.me();
    },
    onComplete: (profile) => {
      if (!profile) return;
      this.#applyBrand(profile.brand);
      this.#rememberLanguage(profile);
    },
  });

  /**
   * Emails follow the contact's language: when the portal shows another language than the one the
   * server has for the contact (none means English), the shell tells the server. A failure changes
   * nothing on the page; the next sign-in tries again.
   */
  #rememberLanguage(profile: PortalProfile): void {
    const language = portalLocale();
    if ((profile.contact.locale ?? 'en') === language) return;
    this.providedClient?.updateMe({ locale: language }).catch(() => undefined);
  }

  /** The logo that could not be loaded, if any: the name alone shows then. */
  @state()
  private accessor failedLogo: string | null = null;

  /** Whether the element is narrower than `NARROW_BELOW_EM`: navigation behind a Menu button. */
  @state()
  private accessor narrow = false;

  @state()
  private accessor menuOpen = false;

  /** The last thing said in the live region, keyed so that saying the same words again is heard again. */
  @state()
  private accessor announcement: { message: string; key: number } | null = null;

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

  /** A place read from the address or chosen by the contact, shown by the next update. */
  #pendingPlace: Place | null = null;

  /** The route last read from or written to the address: only a move away from it is written. */
  #addressedRoute: Route<PortalSection> | null = null;

  /** The page last shown (a section id, or `''` for not found), to tell a page change. */
  #shownPage: string | undefined;

  /** Whether the update under way moves focus to what it shows; a page change it makes is then not announced. */
  #focusMoves = false;

  /** Measures the element's own width (a narrow column of a wide page counts as narrow), in the next frame: the layout it changes is not measured again in the same one. */
  readonly #resizeObserver =
    typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => requestAnimationFrame(() => this.#measure()));

  constructor() {
    super();
    this.addEventListener('taba-announce', (event) => this.#announce(event.detail.message));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onAddressChange);
    window.addEventListener('hashchange', this.#onAddressChange);
    this.#resizeObserver?.observe(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('popstate', this.#onAddressChange);
    window.removeEventListener('hashchange', this.#onAddressChange);
    this.#resizeObserver?.disconnect();
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
    // Every move of the shell's own goes through a pending place, so `section` or `item` changed here was set by the host.
    const hostItem = changed.has('item') && this.item !== itemSegment(this.openItem);
    const hostMoved = this.hasUpdated && (changed.has('section') || hostItem);
    if (changed.has('section') || changed.has('client')) {
      this.openItem = null;
      this.addressMissing = false;
    }
    if (hostItem || (changed.has('section') && changed.has('item'))) this.openItem = itemFromSegment(this.item);
    if (hostMoved) this.#focusHeadingIfOurs();
    this.#homeSection ??= this.section;
    // The address decides what a routed portal shows when it starts, and when its session changes.
    if (this.routing === 'hash' && (!this.hasUpdated || changed.has('routing') || changed.has('client'))) {
      this.#pendingPlace ??= this.#addressPlace();
    }
    if (this.#pendingPlace) this.#showPlace(this.#pendingPlace);
    this.item = itemSegment(this.openItem);
    if (this.#showsPortal) this.#loadCurrentSection();
    this.#noticePageChange();
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
    if (this.routing !== 'hash' || !this.#showsPortal || this.addressMissing) return;
    const shown = this.#shownRoute;
    if (this.#addressedRoute && sameRoute(this.#addressedRoute, shown)) return;
    this.#addressedRoute = shown;
    const inAddress = this.#addressPlace();
    if (!inAddress.missing && sameRoute(inAddress.route, shown)) return;
    history.pushState(history.state, '', routeHash(shown));
  }

  override render(): TemplateResult {
    return html`${this.#renderBody()}
      <div part="announcer" class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
        ${this.announcement ? keyed(this.announcement.key, html`<span>${this.announcement.message}</span>`) : nothing}
      </div>`;
  }

  #renderBody(): TemplateResult {
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
    const section = this.#shownSection;
    return html`
      ${this.#renderHeader()}
      <nav part="nav" aria-label=${strings.portal.navLabel} @keydown=${this.#onNavKeydown}>
        ${this.narrow
          ? html`<button
              type="button"
              part="menu-button"
              aria-expanded=${this.menuOpen ? 'true' : 'false'}
              aria-controls="nav-list"
              @click=${this.#onMenuToggle}
            >
              ${shellStrings.menu}
            </button>`
          : nothing}
        <ul part="nav-list" id="nav-list" ?hidden=${this.narrow && !this.menuOpen}>
          ${PORTAL_SECTIONS.map((entry) => this.#renderNavItem(entry))}
        </ul>
      </nav>
      <div part="content" @taba-home-select=${this.#onHomeSelect}>
        ${section
          ? html`<h2 part="heading" tabindex="-1">${section.label}</h2>
              ${this.#renderSection(section)}`
          : this.#renderNotFound()}
      </div>
    `;
  }

  /**
   * The brand, and who is signed in; parts appear as the profile arrives (a failed one leaves them
   * out). With a logo, its alternative text names the business, so the name beside it is not read twice.
   */
  #renderHeader(): TemplateResult {
    // Only the current session's profile: none while it (re)loads, or if it could not be loaded.
    const profile = this.#profile.status === TaskStatus.COMPLETE ? this.#profile.value : null;
    const brand = profile?.brand;
    const logo = brand?.logoUrl && brand.logoUrl !== this.failedLogo ? brand.logoUrl : null;
    return html`
      <div part="header">
        ${brand
          ? html`<p part="brand">
              ${logo
                ? html`<img part="brand-logo" src=${logo} alt=${brand.name} @error=${() => (this.failedLogo = logo)} />`
                : nothing}
              <span part="brand-name" aria-hidden=${logo ? 'true' : nothing}>${brand.name}</span>
            </p>`
          : nothing}
        <div part="account">
          ${profile
            ? html`<p part="contact">
                <span class="visually-hidden">${shellStrings.signedInAs}</span>
                <span part="contact-name">${profile.contact.displayName}</span>
                <span part="customer-name">${profile.customer.name}</span>
              </p>`
            : nothing}
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
        </div>
      </div>
    `;
  }

  #renderNotFound(): TemplateResult {
    const home = { section: HOME, item: null };
    return html`
      <h2 part="heading" tabindex="-1">${shellStrings.notFoundTitle}</h2>
      <div part="not-found">
        <p>${shellStrings.notFoundDetail}</p>
        <p>
          <a
            part="not-found-home"
            href=${routeHash(home)}
            @click=${(event: MouseEvent) => {
              if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
              event.preventDefault();
              this.#moveTo(home, HEADING);
            }}
            >${shellStrings.notFoundHome}</a
          >
        </p>
      </div>
    `;
  }

  /** The current section's view once its elements have loaded; until then, loading or why it failed. */
  #renderSection(section: (typeof PORTAL_SECTIONS)[number]): TemplateResult {
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
    const section = this.#shownSection;
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
    focusAfterUpdate(this, HEADING);
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
    const current = section === this.#shownSection;
    return html`
      <li>
        <button
          type="button"
          part=${current ? 'nav-item nav-item-current' : 'nav-item'}
          aria-current=${current ? 'page' : nothing}
          @click=${() => this.#moveTo({ section: section.id, item: null }, HEADING)}
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
  #addressPlace(): Place {
    const route = parseRoute(location.hash, this.#sectionIds);
    if (route) return { route, missing: false, fromAddress: true };
    return { route: this.#homeRoute, missing: isPortalPath(location.hash), fromAddress: true };
  }

  /** Shows `place` in this update: a section's list back from an item hears `closed`, as with Back. */
  #showPlace(place: Place): void {
    this.#pendingPlace = null;
    if (place.missing) {
      this.#addressedRoute = null;
      this.addressMissing = true;
      this.openItem = null;
      return;
    }
    const { route } = place;
    if (place.fromAddress) this.#addressedRoute = route;
    const backToList = !this.addressMissing && route.section === this.section && route.item === null && this.openItem !== null;
    this.addressMissing = false;
    this.section = route.section;
    this.openItem = route.item;
    if (backToList) this.#currentSection?.closed?.(this.#sectionShell());
  }

  /** Back, Forward, or a changed fragment: show what the address now says. */
  readonly #onAddressChange = (): void => {
    if (this.routing !== 'hash') return;
    const place = this.#addressPlace();
    if (!place.missing && !this.addressMissing && sameRoute(place.route, this.#shownRoute)) return;
    if (place.missing && this.addressMissing) return;
    this.#pendingPlace = place;
    this.requestUpdate();
    this.#focusHeadingIfOurs();
  };

  /**
   * A move the contact made in the shell (navigation, a home entry, the not-found page's link): shown
   * by the next update, focus on `focus` (the heading, or the opened item), and `taba-navigate`.
   */
  #moveTo(route: Route<PortalSection>, focus: string): void {
    this.menuOpen = false;
    const moved = this.addressMissing || !this.#currentSection || !sameRoute(route, this.#shownRoute);
    this.#pendingPlace = { route, missing: false, fromAddress: false };
    this.requestUpdate();
    this.#focusMoves = true;
    focusAfterUpdate(this, focus);
    if (moved) this.#navigated(route);
  }

  #navigated(route: Route<PortalSection>): void {
    emit(this, 'taba-navigate', { section: route.section, item: itemSegment(route.item) });
  }

  /** Like a new page, focus starts at the heading — unless the contact is busy elsewhere on the page. */
  #focusHeadingIfOurs(): void {
    const active = document.activeElement;
    if (!active || active === document.body || active === this || this.contains(active)) {
      this.#focusMoves = true;
      focusAfterUpdate(this, HEADING);
    }
  }

  /** A page shown without focus moving to it (by the host, or Back while the contact is elsewhere) is announced. */
  #noticePageChange(): void {
    const focusMoved = this.#focusMoves;
    this.#focusMoves = false;
    if (!this.#showsPortal) return;
    const section = this.#shownSection;
    const page = section?.id ?? '';
    if (page === this.#shownPage) return;
    const first = this.#shownPage === undefined;
    this.#shownPage = page;
    if (!first && !focusMoved) this.#announce(shellStrings.pageShown(section?.label ?? shellStrings.notFoundTitle));
  }

  #announce(message: string): void {
    if (!message) return;
    this.announcement = { message, key: (this.announcement?.key ?? 0) + 1 };
  }

  /** The section definition of `section`, whatever the address says. */
  get #currentSection(): (typeof PORTAL_SECTIONS)[number] | undefined {
    return PORTAL_SECTIONS.find((section) => section.id === this.section);
  }

  /** The section shown: the current one, or none on the not-found page. */
  get #shownSection(): (typeof PORTAL_SECTIONS)[number] | undefined {
    return this.addressMissing ? undefined : this.#currentSection;
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
        this.#navigated({ section: this.section, item });
      },
      back: () => {
        if (this.#closeItem()) this.#navigated({ section: this.section, item: null });
        focusAfterUpdate(this, HEADING);
      },
      recountUnread: () => void this.#unreadTotal.run(),
    };
  }

  /** The home page's entry chosen: open it in its own section. */
  readonly #onHomeSelect = (event: CustomEvent<HomeSelectEventDetail>): void => {
    const page = HOME_ENTRY_PAGES[event.detail.kind];
    if (!page) return;
    this.#moveTo({ section: page.section, item: { id: event.detail.id } }, page.focus);
  };

  #measure(): void {
    const width = this.getBoundingClientRect().width;
    // A hidden portal measures 0: keep the layout it had.
    if (width === 0) return;
    const em = Number.parseFloat(getComputedStyle(this).fontSize) || 16;
    const narrow = width < NARROW_BELOW_EM * em;
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    this.menuOpen = false;
  }

  readonly #onMenuToggle = (): void => {
    this.menuOpen = !this.menuOpen;
  };

  /** Escape closes the open menu and puts focus back on its button. */
  readonly #onNavKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.narrow || !this.menuOpen) return;
    event.preventDefault();
    this.menuOpen = false;
    focusAfterUpdate(this, "[part~='menu-button']");
  };

  /**
   * Makes the brand's accent colour the portal's accent, in a shade readable in each theme
   * (`brandAccent`), with text on it to match. Set on the host's `style` object (which a strict CSP
   * allows, unlike a `style` attribute in markup), unless the page set the token itself.
   */
  #applyBrand(brand: PortalBrand): void {
    const colours = brandAccent(brand.accentColor);
    // Text on the accent follows the brand's accent only: not the page's own.
    if (this.#setOwnToken('--taba-color-accent', colours?.accent)) this.#setOwnToken('--taba-color-on-accent', colours?.onAccent);
  }

  /** The values this element set on its host from the brand, by token. */
  readonly #ownTokens = new Map<string, string>();

  /** Sets (or, with no value, removes) `token` on the host unless the page gave it a value of its own; whether it did. */
  #setOwnToken(token: string, value: string | undefined): boolean {
    const own = this.#ownTokens.get(token);
    const pageSet =
      own === undefined ? getComputedStyle(this).getPropertyValue(token).trim() !== '' : this.style.getPropertyValue(token).trim() !== own;
    if (pageSet) return false;
    if (value === undefined) {
      this.style.removeProperty(token);
      this.#ownTokens.delete(token);
    } else {
      this.style.setProperty(token, value);
      // As the browser keeps it, to tell it from a value the page sets later.
      this.#ownTokens.set(token, this.style.getPropertyValue(token).trim());
    }
    return true;
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
    } else if (this.#ownsSession && this.signedIn && call?.status === 401 && client.canAuthenticate !== true) {
      // The client already tried to refresh; a 401 that left it without a session means the session (or
      // its link) is over. One it still holds a session after (a public call refused) ends nothing.
      this.signedIn = false;
      this.signedOutReason = call.code === 'invalid_client_secret' ? 'link-expired' : 'session-ended';
      this.#announce(call.code === 'invalid_client_secret' ? strings.portal.linkExpiredTitle : shellStrings.sessionEnded);
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
    this.#announce(shellStrings.signedIn);
    this.#focusMoves = true;
    focusAfterUpdate(this, HEADING);
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
    this.#announce(shellStrings.signedOut);
    emit(this, 'taba-signed-out', {});
    await this.updateComplete;
    const login = this.renderRoot.querySelector('taba-login');
    await login?.updateComplete;
    login?.focus();
  };

  /** Back to the current section's list, which may refresh what changed meanwhile; whether an item was open. */
  #closeItem(): boolean {
    if (this.openItem === null) return false;
    this.openItem = null;
    this.#currentSection?.closed?.(this.#sectionShell());
    return true;
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
