import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalProject, PortalTask } from '../../sdk/contract/projects.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import type { CommentEventDetail } from '../shared/events.js';
import { errorAlert, loadingStatus } from '../shared/feedback.js';
import { formatDate, formatHours } from '../shared/format.js';
import { PortalElement, isRightToLeft } from '../shared/portal-element.js';
import { taskStatusBadge } from '../shared/status-badge.js';
import { strings } from '../shared/strings.js';
import '../taba-comment-thread/taba-comment-thread.js';
import '../taba-document-list/taba-document-list.js';
import { projectDetailStyles } from './taba-project-detail.styles.js';

/** The tabs, in order. */
const TABS = ['documents', 'tasks', 'comments'] as const;
export type ProjectTab = (typeof TABS)[number];

/**
 * @tagname taba-project-detail
 * @summary One project: summary cards for Total Hours, Billable Hours and Last Activity, and tabs
 * for its shared Documents, its Tasks and its Comments.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * The tabs follow the ARIA tabs pattern: Tab moves into the tab list and on to the open panel;
 * Left and Right (and Home, End) move between tabs and open them. A panel is loaded when it is
 * first opened and kept (with a comment being written) while another tab is shown.
 *
 * @event taba-comment-added - From the Comments tab; see `<taba-comment-thread>`.
 * @event taba-document-download - From the Documents tab; see `<taba-document-list>`.
 *
 * @csspart base - The project as a whole.
 * @csspart title - The project's name (a heading).
 * @csspart description - The project's description.
 * @csspart summary - The summary cards.
 * @csspart summary-card - One summary card; also `total-hours`, `billable-hours` or `last-activity`.
 * @csspart summary-value - A summary card's figure.
 * @csspart tabs - The tab list.
 * @csspart tab - A tab; the open one also has `tab-selected`.
 * @csspart panel - A tab panel.
 * @csspart documents - The `<taba-document-list>` in the Documents tab.
 * @csspart tasks - The table of tasks in the Tasks tab: in progress, open, done, cancelled, then by name.
 * @csspart task - One task.
 * @csspart task-name - A task's name.
 * @csspart assignee - Who a task is assigned to (the team member's display name), or "Unassigned".
 * @csspart status - A task's status badge, with `status-in-progress`, `status-open`, `status-done` or `status-cancelled`.
 * @csspart no-tasks - Shown in the Tasks tab when the project has none.
 * @csspart comments - The `<taba-comment-thread>` in the Comments tab.
 * @csspart loading - Shown while the project loads.
 * @csspart notice - Shown when there is no client or no `project-id`.
 * @csspart error - The alert shown when loading failed.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the alert.
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
export class TabaProjectDetail extends PortalElement {
  static override styles = [baseStyles, projectDetailStyles];

  /** The id of the project to show (`prj_…`). */
  @property({ attribute: 'project-id', reflect: true })
  accessor projectId: string | undefined;

  /** The open tab: `documents`, `tasks` or `comments`. */
  @property({ reflect: true })
  accessor tab: ProjectTab = 'documents';

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** The tabs opened so far: their panels stay rendered (hidden), so a draft comment survives a tab switch. */
  @state()
  private accessor opened: ReadonlySet<ProjectTab> = new Set();

  /** The newest comment posted here: it is the project's latest activity. */
  @state()
  private accessor commentedAt: string | null = null;

  /** Set by `focus()` before the project is shown: focus goes to it once it is. */
  #focusWhenShown = false;

  readonly #project = new Task(this, {
    args: () => [this.client, this.projectId] as const,
    task: async ([client, projectId]) => {
      if (!client || !projectId) return initialState;
      return client.projects.retrieve(projectId);
    },
  });

  /**
   * Focuses the project's heading, so that a screen reader reads what just opened. While the
   * project loads, focus moves there once it is shown (or to Retry if loading fails).
   */
  override focus(options?: FocusOptions): void {
    const title = this.renderRoot?.querySelector<HTMLElement>("[part~='title']");
    if (title && this.#project.status === TaskStatus.COMPLETE) title.focus(options);
    else this.#focusWhenShown = true;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('projectId') || changed.has('client')) {
      this.opened = new Set();
      this.commentedAt = null;
    }
    if (!TABS.includes(this.tab)) this.tab = 'documents';
    if (!this.opened.has(this.tab)) this.opened = new Set([...this.opened, this.tab]);
  }

  override updated(): void {
    if (!this.#focusWhenShown) return;
    const status = this.#project.status;
    const target = status === TaskStatus.COMPLETE ? "[part~='title']" : status === TaskStatus.ERROR ? "[part~='retry']" : null;
    const shown = target ? this.renderRoot.querySelector<HTMLElement>(target) : null;
    if (!shown) return;
    this.#focusWhenShown = false;
    shown.focus();
  }

  override render(): unknown {
    return this.#project.render({
      initial: () =>
        html`<p part="notice">${this.client ? strings.projectDetail.noneSelected : strings.common.notConnected}</p>`,
      pending: () => loadingStatus(strings.projectDetail.loading),
      complete: (project) => this.#renderProject(project),
      error: (error) => errorAlert(error, strings.projectDetail.loadFailed, () => void this.#project.run()),
    });
  }

  #renderProject(project: PortalProject): TemplateResult {
    const text = strings.projectDetail;
    const lastActivityAt =
      this.commentedAt && this.commentedAt > project.lastActivityAt ? this.commentedAt : project.lastActivityAt;
    return html`
      <article part="base" aria-labelledby="title">
        <h3 id="title" part="title" tabindex="-1">${project.name}</h3>
        ${project.description ? html`<p part="description" dir="auto">${project.description}</p>` : nothing}
        <dl part="summary" aria-label=${text.summary}>
          ${this.#card('total-hours', text.totalHours, text.hours(formatHours(project.totalHours)))}
          ${this.#card('billable-hours', text.billableHours, text.hours(formatHours(project.billableHours)))}
          ${this.#card(
            'last-activity',
            text.lastActivity,
            html`<time datetime=${lastActivityAt}>${formatDate(lastActivityAt)}</time>`,
          )}
        </dl>
        <div part="tabs" role="tablist" aria-label=${text.tabsLabel} @keydown=${this.#onTabKeydown}>
          ${TABS.map((tab) => this.#renderTab(tab))}
        </div>
        ${TABS.map((tab) => this.#renderPanel(tab, project))}
      </article>
    `;
  }

  #card(name: string, label: string, value: unknown): TemplateResult {
    return html`
      <div part="summary-card ${name}">
        <dt>${label}</dt>
        <dd part="summary-value">${value}</dd>
      </div>
    `;
  }

  #renderTab(tab: ProjectTab): TemplateResult {
    const selected = tab === this.tab;
    return html`
      <button
        type="button"
        role="tab"
        id="tab-${tab}"
        part=${selected ? 'tab tab-selected' : 'tab'}
        aria-selected=${selected ? 'true' : 'false'}
        aria-controls="panel-${tab}"
        tabindex=${selected ? '0' : '-1'}
        @click=${() => this.#select(tab, false)}
      >
        ${tabLabel(tab)}
      </button>
    `;
  }

  #renderPanel(tab: ProjectTab, project: PortalProject): TemplateResult {
    // Every panel exists for aria-controls; its content only once the tab was opened.
    return html`
      <div
        role="tabpanel"
        id="panel-${tab}"
        part="panel"
        aria-labelledby="tab-${tab}"
        tabindex="0"
        ?hidden=${tab !== this.tab}
      >
        ${this.opened.has(tab) ? this.#renderPanelContent(tab, project) : nothing}
      </div>
    `;
  }

  #renderPanelContent(tab: ProjectTab, project: PortalProject): TemplateResult {
    switch (tab) {
      case 'documents':
        return html`<taba-document-list part="documents" project-id=${project.id}></taba-document-list>`;
      case 'tasks':
        return this.#renderTasks(project.tasks);
      case 'comments':
        return html`<taba-comment-thread
          part="comments"
          project-id=${project.id}
          @taba-comment-added=${this.#onCommentAdded}
        ></taba-comment-thread>`;
    }
  }

  #renderTasks(tasks: PortalTask[]): TemplateResult {
    const text = strings.projectDetail;
    if (tasks.length === 0) return html`<p part="no-tasks">${text.noTasks}</p>`;
    // In the server's order: what is being worked on first.
    return html`
      <div class="scroller">
        <table part="tasks" aria-label=${text.tasksTab}>
          <thead>
            <tr>
              <th scope="col">${text.task}</th>
              <th scope="col">${text.assignee}</th>
              <th scope="col">${text.status}</th>
            </tr>
          </thead>
          <tbody>
            ${tasks.map(
              (task) => html`
                <tr part="task">
                  <th scope="row" part="task-name">${task.name}</th>
                  <td part=${task.assigneeName ? 'assignee' : 'assignee assignee-none'}>
                    ${task.assigneeName ?? text.unassigned}
                  </td>
                  <td>${taskStatusBadge(task.status)}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  /** Opens `tab`; from the keyboard, focus follows to it. */
  #select(tab: ProjectTab, focus: boolean): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  readonly #onTabKeydown = (event: KeyboardEvent): void => {
    const index = TABS.indexOf(this.tab);
    const step = isRightToLeft(this) ? -1 : 1;
    const next: Partial<Record<string, number>> = {
      // Right to left (Arabic), ArrowLeft moves on to the next tab.
      ArrowRight: (index + step + TABS.length) % TABS.length,
      ArrowLeft: (index - step + TABS.length) % TABS.length,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.#select(TABS[target]!, true);
  };

  readonly #onCommentAdded = (event: CustomEvent<CommentEventDetail>): void => {
    this.commentedAt = event.detail.comment.createdAt;
  };
}

function tabLabel(tab: ProjectTab): string {
  const text = strings.projectDetail;
  return tab === 'documents' ? text.documentsTab : tab === 'tasks' ? text.tasksTab : text.commentsTab;
}
