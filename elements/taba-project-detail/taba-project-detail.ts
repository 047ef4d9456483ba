import { TabaProjectDetail } from './taba-project-detail.component.js';

export { TabaProjectDetail };

if (!customElements.get('taba-project-detail')) customElements.define('taba-project-detail', TabaProjectDetail);

declare global {
  interface HTMLElementTagNameMap {
    'taba-project-detail': TabaProjectDetail;
  }
}
