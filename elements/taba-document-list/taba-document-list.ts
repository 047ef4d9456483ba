import { TabaDocumentList } from './taba-document-list.component.js';

export { TabaDocumentList };

if (!customElements.get('taba-document-list')) customElements.define('taba-document-list', TabaDocumentList);

declare global {
  interface HTMLElementTagNameMap {
    'taba-document-list': TabaDocumentList;
  }
}
