import { html, nothing } from 'lit';
import type { ThreadEventDetail } from '../shared/events.js';
import { strings } from '../shared/strings.js';
import { formatNumber } from '../shared/format.js';
import { msg } from '../shared/localize.js';
import type { PortalSectionDefinition } from './section.js';

/** Messages: the conversation list, and one conversation (or a new one) with a Back button. */
export const messagesSection: PortalSectionDefinition<'messages'> = {
  id: 'messages',
  get label() {
    return msg('Messages', { id: 'section.messages' });
  },
  load: () => import('./messages.elements.js'),
  render(shell) {
    return html`
      <taba-message-threads
        ?hidden=${shell.openItem !== null}
        @taba-thread-select=${(event: CustomEvent<ThreadEventDetail>) =>
          shell.open({ id: event.detail.thread.id }, 'taba-message-thread')}
        @taba-thread-new=${() => shell.open({}, 'taba-message-thread')}
      ></taba-message-threads>
      ${shell.openItem === null
        ? nothing
        : html`
            <button type="button" part="back" @click=${() => shell.back()}>
              ${strings.portal.backToConversations}
            </button>
            <taba-message-thread .threadId=${shell.openItem.id}></taba-message-thread>
          `}
    `;
  },
  navBadge(shell) {
    if (shell.unreadTotal === 0) return nothing;
    return html`<span part="nav-unread">
      <span aria-hidden="true">${formatNumber(shell.unreadTotal)}</span
      ><span class="visually-hidden">${strings.portal.unreadTotal(shell.unreadTotal)}</span>
    </span>`;
  },
  /** The list stays mounted behind a conversation; reload it for what was read and written there. */
  closed(shell) {
    void shell.root.querySelector('taba-message-threads')?.refresh();
    shell.recountUnread();
  },
};
