import { TabaCommentThread } from './taba-comment-thread.component.js';

export { TabaCommentThread };

if (!customElements.get('taba-comment-thread')) customElements.define('taba-comment-thread', TabaCommentThread);

declare global {
  interface HTMLElementTagNameMap {
    'taba-comment-thread': TabaCommentThread;
  }
}
