import { consume } from '@lit/context';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalProjectCard } from '../../sdk/contract/projects.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDate } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { projectListStyles } from './taba-project-list.styles.js';

/**
 * @tagname taba-project-list
 * @summary The signed-in contact's customer's active projects as a grid of cards, most recent
 * activity first, one page at a time.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 *
 * @event taba-project-select - The contact opened a project (click, Enter or Space on its card);
 *   `event.detail.project` is the chosen `PortalProjectCard`.
 *
 * @csspart list - The grid of project cards.
 * @csspart card - One project.
 * @csspart name - The project's name (a heading holding the button that opens the project; the whole card is its hit area).
 * @csspart open - The button inside the name that opens the project.
 * @csspart description - The project's description, or a note that it has none.
 * @csspart meta - The line with the document count and the last activity.
 * @csspart document-count - How many documents the team shared on the project.
 * @csspart last-activity - When something last happened on the project.
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first project.
 * @csspart loading - Shown while the first page loads.
 * @csspart empty - Shown when there are no projects.
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
export class TabaProjectList extends PortalElement {
  static override styles = [baseStyles, projectListStyles];

  /** How many projects to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  readonly #list = new PagedListController<PortalProjectCard>(this, {
    load: (client, query) => client.projects.list(query),
    labels: () => strings.projectList,
    rowSelector: "[part~='card']",
    focusSelector: "[part~='open']",
  });

  /** Reloads the list from its first page, e.g. after something changed in a project. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override render(): unknown {
    return this.#list.render((projects, busy) => this.#renderProjects(projects, busy));
  }

  #renderProjects(projects: PortalProjectCard[], busy: boolean): TemplateResult {
    if (projects.length === 0) {
      return html`<p part="empty" role="status">${strings.projectList.empty}</p>`;
    }
    return html`
      <ul part="list" aria-label=${strings.projectList.listLabel} aria-busy=${busy ? 'true' : 'false'}>
        ${projects.map((project) => this.#renderCard(project))}
      </ul>
      ${this.#list.renderMore()}
    `;
  }

  #renderCard(project: PortalProjectCard): TemplateResult {
    const text = strings.projectList;
    return html`
      <li part="card">
        <h3 part="name">
          <button type="button" part="open" @click=${() => this.#select(project)}>${project.name}</button>
        </h3>
        <p part=${project.description ? 'description' : 'description description-none'}>
          ${project.description || text.noDescription}
        </p>
        <p part="meta">
          <span part="document-count">${text.documentCount(project.documentCount)}</span>
          <span part="last-activity">
            <time datetime=${project.lastActivityAt}>${text.lastActivity(formatDate(project.lastActivityAt))}</time>
          </span>
        </p>
      </li>
    `;
  }

  #select(project: PortalProjectCard): void {
    emit(this, 'taba-project-select', { project });
  }
}
