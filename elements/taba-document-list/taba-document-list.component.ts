import { consume } from '@lit/context';
import { html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { PortalDocument } from '../../sdk/contract/documents.js';
import { baseStyles } from '../shared/base.styles.js';
import { portalClientContext, type PortalApi } from '../shared/context.js';
import { emit } from '../shared/events.js';
import { errorAlert } from '../shared/feedback.js';
import { formatDate, formatFileSize } from '../shared/format.js';
import { DEFAULT_PAGE_SIZE, PagedListController } from '../shared/paged-list.js';
import { PortalElement } from '../shared/portal-element.js';
import { strings } from '../shared/strings.js';
import { openLink } from '../shared/open-link.js';
import { documentListStyles } from './taba-document-list.styles.js';

/**
 * @tagname taba-document-list
 * @summary The documents the team shared with the signed-in contact's customer, newest upload
 * first, one page at a time, each with a Download button.
 *
 * Needs a portal client from `<taba-portal>` or any other provider of `portalClientContext`.
 * Without `project-id` it lists the shared documents of every active project; with it, one
 * project's (and leaves out the Project column).
 *
 * Download asks the server for a new short-lived link at the moment it is pressed (never one made
 * earlier, which may have expired) and then opens it; the server answers the file as an attachment,
 * so the page stays where it is.
 *
 * @event taba-document-download - A download is about to open its fresh link; `event.detail` has
 *   `document` and `link` (`url`, `expiresAt`). Cancelable: call `preventDefault()` to open the
 *   link yourself (or not at all).
 *
 * @csspart table - The table of documents.
 * @csspart row - One document.
 * @csspart name - The file name.
 * @csspart project - The project's name (only without `project-id`).
 * @csspart size - The file size, e.g. "2.4 MB".
 * @csspart uploaded - The upload date.
 * @csspart download - A document's Download button; says "Preparing…" (and is `aria-disabled`) while the link is made.
 * @csspart load-more - The "Load more" button, shown while there are further pages; once a page
 *   arrives, focus moves to its first document's Download button.
 * @csspart loading - Shown while the first page loads.
 * @csspart empty - Shown when there are no shared documents.
 * @csspart notice - Shown when no portal client is provided.
 * @csspart error - An alert: loading failed, or a download link could not be made.
 * @csspart error-advice - Inside the alert: what to do, when the failure itself does not say it.
 * @csspart retry - The Retry button inside the alert shown when loading failed.
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
export class TabaDocumentList extends PortalElement {
  static override styles = [baseStyles, documentListStyles];

  /** Only this project's documents (`prj_…`); every active project's when unset. */
  @property({ attribute: 'project-id', reflect: true })
  accessor projectId: string | undefined;

  /** How many documents to fetch per page (1–100). */
  @property({ type: Number, attribute: 'page-size' })
  accessor pageSize = DEFAULT_PAGE_SIZE;

  /** The portal client; normally provided by `<taba-portal>` through context. */
  @consume({ context: portalClientContext, subscribe: true })
  @property({ attribute: false })
  accessor client: PortalApi | undefined;

  /** The documents whose download link is being made. */
  @state()
  private accessor preparing: ReadonlySet<string> = new Set();

  /** The last download that failed (wrapped: anything can be thrown). */
  @state()
  private accessor downloadFailure: { document: PortalDocument; error: unknown } | null = null;

  readonly #list = new PagedListController<PortalDocument, string | undefined>(this, {
    key: () => this.projectId || undefined,
    load: (client, query, projectId) => client.documents.list(projectId ? { ...query, projectId } : query),
    labels: () => strings.documentList,
    rowSelector: "[part~='row']",
    focusSelector: "[part~='download']",
  });

  /** Reloads the list from its first page. */
  refresh(): Promise<void> {
    return this.#list.refresh();
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('projectId') || changed.has('client')) this.downloadFailure = null;
  }

  override render(): unknown {
    return this.#list.render((documents, busy) => this.#renderDocuments(documents, busy));
  }

  #renderDocuments(documents: PortalDocument[], busy: boolean): TemplateResult {
    const text = strings.documentList;
    if (documents.length === 0) {
      return html`<p part="empty" role="status">${text.empty}</p>`;
    }
    const withProject = !this.projectId;
    const failure = this.downloadFailure;
    return html`
      ${failure ? errorAlert(failure.error, text.downloadFailed(failure.document.name)) : nothing}
      <div class="scroller">
        <table part="table" aria-label=${text.tableLabel} aria-busy=${busy ? 'true' : 'false'}>
          <thead>
            <tr>
              <th scope="col">${text.name}</th>
              ${withProject ? html`<th scope="col">${text.project}</th>` : nothing}
              <th scope="col" class="number">${text.size}</th>
              <th scope="col">${text.uploadedAt}</th>
              <th scope="col"><span class="visually-hidden">${text.actions}</span></th>
            </tr>
          </thead>
          <tbody>
            ${documents.map((document) => this.#renderRow(document, withProject))}
          </tbody>
        </table>
      </div>
      ${this.#list.renderMore()}
    `;
  }

  #renderRow(document: PortalDocument, withProject: boolean): TemplateResult {
    const text = strings.documentList;
    const preparing = this.preparing.has(document.id);
    return html`
      <tr part="row">
        <th scope="row" part="name">${document.name}</th>
        ${withProject ? html`<td part="project">${document.projectName}</td>` : nothing}
        <td part="size" class="number">${formatFileSize(document.size)}</td>
        <td part="uploaded"><time datetime=${document.uploadedAt}>${formatDate(document.uploadedAt)}</time></td>
        <td class="action">
          <button
            type="button"
            part="download"
            aria-disabled=${preparing ? 'true' : 'false'}
            @click=${() => void this.#download(document)}
          >
            ${preparing ? text.downloading : text.download}<span class="visually-hidden"> ${document.name}</span>
          </button>
        </td>
      </tr>
    `;
  }

  async #download(document: PortalDocument): Promise<void> {
    const client = this.client;
    // aria-disabled rather than disabled, so the button keeps focus while the link is made.
    if (!client || this.preparing.has(document.id)) return;
    this.preparing = new Set([...this.preparing, document.id]);
    this.downloadFailure = null;
    try {
      // A new link at every press: one made earlier may have expired (they last minutes).
      const link = await client.documents.createDownloadLink(document.id);
      if (client !== this.client) return;
      if (emit(this, 'taba-document-download', { document, link }, { cancelable: true })) openLink(link.url, document.name);
    } catch (error) {
      if (client === this.client) this.downloadFailure = { document, error };
    } finally {
      const rest = new Set(this.preparing);
      rest.delete(document.id);
      this.preparing = rest;
    }
  }
}
