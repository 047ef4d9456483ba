import { TabaProjectList } from './taba-project-list.component.js';

export { TabaProjectList };

if (!customElements.get('taba-project-list')) customElements.define('taba-project-list', TabaProjectList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-project-list': TabaProjectList;
  }
}
