import { consume } from '@lit/context';
import { Task, initialState } from '@lit/task';
import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalProfile } from '../../sdk/contract/profile.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
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
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Labels.
 * @cssprop --taba-color-accent - Focus colour.
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaProfile extends LitElement {
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
        <div class="fact"><dt>${text.name}</dt><dd part="name">${contact.displayName}</dd></div>
        <div class="fact"><dt>${text.email}</dt><dd part="email">${contact.email}</dd></div>
        <div class="fact">
          <dt>${text.role}</dt>
          <dd part=${contact.role.trim() ? 'role' : 'role not-on-file'}>${contact.role.trim() || text.notOnFile}</dd>
        </div>
        <div class="fact"><dt>${text.customer}</dt><dd part="customer">${customer.name}</dd></div>
      </dl>
    `;
  }
}
