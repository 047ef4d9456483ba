import { consume } from '@lit/context';
import { LitElement, html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import type { PortalProjectCard } from '../../sdk/contract/projects.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { formatDate } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
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
 * @cssprop --taba-font-family - Font stack.
 * @cssprop --taba-font-size - Base font size.
 * @cssprop --taba-color-text - Text colour.
 * @cssprop --taba-color-text-muted - Secondary text colour.
 * @cssprop --taba-color-surface - Card background.
 * @cssprop --taba-color-border - Card border.
 * @cssprop --taba-color-accent - Project names, hover and focus colour.
 * @cssprop --taba-color-focus - Focus ring colour (defaults to the accent).
 * @cssprop --taba-color-danger - Error text and border.
 * @cssprop --taba-color-danger-surface - Error background.
 * @cssprop --taba-radius - Corner radius.
 * @cssprop --taba-space - Inner spacing.
 */
export class TabaProjectList extends LitElement {
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
            <time datetime=${project.lastActivityAt}>${text.lastActivity(formatDate(project.lastActivityAt, strings.locale))}</time>
          </span>
        </p>
      </li>
    `;
  }

  #select(project: PortalProjectCard): void {
    emit(this, 'taba-project-select', { project });
  }
}
