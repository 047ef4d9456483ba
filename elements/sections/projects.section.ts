import { html, nothing } from 'lit';
import type { ProjectEventDetail } from '../shared/events.js';
import { strings } from '../shared/strings.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Projects: the grid of projects, and one project opened from it with a Back button. */
export const projectsSection: PortalSectionDefinition<'projects'> = {
  id: 'projects',
  get label() {
    return msg('Projects', { id: 'section.projects' });
  },
  load: () => import('./projects.elements.js'),
  render(shell) {
    const projectId = shell.openItem?.id;
    return html`
      <taba-project-list
        ?hidden=${shell.openItem !== null}
        @taba-project-select=${(event: CustomEvent<ProjectEventDetail>) =>
          shell.open({ id: event.detail.project.id }, 'taba-project-detail')}
      ></taba-project-list>
      ${projectId === undefined
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>${strings.portal.backToProjects}</button>
            <taba-project-detail project-id=${projectId}></taba-project-detail>
          `}
    `;
  },
  /** The list stays mounted behind the project; reload it for the activity (a comment) added there. */
  closed(shell) {
    void shell.root.querySelector('taba-project-list')?.refresh();
  },
};
