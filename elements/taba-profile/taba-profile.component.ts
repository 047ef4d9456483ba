import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalProfile } from '../../sdk/contract/profile.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { profileStyles } from './taba-profile.styles.js';

/**
 * @tagname taba-profile
 * @summary The signed-in contact's name, email and role, and the customer they act for. Read-only:
 * the tenant's team manages these on the customer record.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * @csspart details - The list of profile facts.
 * @csspart fact - One fact: its term and value.
 * @csspart name - The contact's display name.
 * @csspart email - The contact's email address.
 * @csspart role - The contact's role.
 * @csspart not-on-file - Added to a fact the business has not filled in (shown as "Not on file").
 * @csspart customer - The customer's name.
 * @csspart loading - Shown while the profile loads.
 * @csspart notice - Shown when no portal client is provided.
 * @csspart error - The alert shown when loading failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the error alert.
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
export class TabaProfile extends PortalElement {
  static override styles = [baseStyles, profileStyles];

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #profile = new Task(this, {
    args: () => [this.client] as const,
    task: async ([client]) => {
      if (!client) return initialState;
      return client.me();
    },
  });

  override render(): unknown {
    return this.#profile.render({
      initial: () => html`<p part="notice">${strings.common.notConnected}</p>`,
      pending: () => loadingStatus(strings.profile.loading),
      complete: (profile) => this.#renderProfile(profile),
      error: (error) => errorAlert(error, strings.profile.loadFailed, () => void this.#profile.run()),
    });
  }

  #renderProfile({ contact, customer }: PortalProfile): TemplateResult {
    const text = strings.profile;
    return html`
      <dl part="details" aria-label=${text.details}>
        <div class="fact" part="fact"><dt>${text.name}</dt><dd part="name">${contact.displayName}</dd></div>
        <div class="fact" part="fact"><dt>${text.email}</dt><dd part="email">${contact.email}</dd></div>
        <div class="fact" part="fact">
          <dt>${text.role}</dt>
          <dd part=${contact.role.trim() ? 'role' : 'role not-on-file'}>${contact.role.trim() || text.notOnFile}</dd>
        </div>
        <div class="fact" part="fact"><dt>${text.customer}</dt><dd part="customer">${customer.name}</dd></div>
      </dl>
    `;
  }
}
