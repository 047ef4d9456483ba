import { TabaRequestProgress } from './taba-request-progress.component.js';

export { TabaRequestProgress };

if (!customElements.get('taba-request-progress')) customElements.define('taba-request-progress', TabaRequestProgress);

declare global {
  interface HTMLElementTagNameMap {
    'taba-request-progress': TabaRequestProgress;
  }
}
