import { Task, TaskStatus, initialState } from '@lit/task';
import { html, nothing, type LitElement, type TemplateResult } from 'lit';
import type { Page } from '../../sdk/contract/common.js';
import type { PortalApi } from './context.js';
import { errorAlert, loadingStatus } from './feedback.js';
import { strings } from './strings.js';

const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** An element showing a paged list: it has a portal client and a `page-size`. */
export interface PagedListHost extends LitElement {
  client: PortalApi | undefined;
  pageSize: number;
}

/** The texts a paged list shows around its rows. */
export interface PagedListLabels {
  loading: string;
  loadFailed: string;
  loadMore: string;
  loadingMore: string;
  loadMoreFailed: string;
}

export interface PagedListOptions<T> {
  load: (client: PortalApi, query: { limit: number; cursor?: string }) => Promise<Page<T>>;
  /** Read at render time, so that strings changed after construction still show. */
  labels: () => PagedListLabels;
  /** Counts the rows shown, to know which row a further page starts at. */
  rowSelector: string;
  /** The element in each row that takes focus when a further page arrives. */
  focusSelector: string;
}

/** The first page, remembered with the client that loaded it. */
interface FirstPage<T> {
  client: PortalApi;
  page: Page<T>;
}

/** A further page, remembered with the first page it continues. */
interface FollowingPage<T> {
  first: FirstPage<T>;
  page: Page<T>;
}

/**
 * A list loaded one page at a time: the first page reloads when the client or page size changes,
 * further pages come through "Load more", and focus moves to the first row a further page brought.
 * Its two tasks are the host's reactive controllers, so it needs no lifecycle hooks of its own.
 */
export class PagedListController<T> {
  readonly #host: PagedListHost;
  readonly #options: PagedListOptions<T>;
  #followingPages: FollowingPage<T>[] = [];
  /** The first page the next-page task was last started for. */
  #nextPageFor: FirstPage<T> | undefined;

  readonly #firstPage: Task<readonly [PortalApi | undefined, number], FirstPage<T>>;
  readonly #nextPage: Task<readonly [FirstPage<T>, string, number], FollowingPage<T>>;

  constructor(host: PagedListHost, options: PagedListOptions<T>) {
    this.#host = host;
    this.#options = options;
    this.#firstPage = new Task(host, {
      args: () => [host.client, this.#limit] as const,
      task: async ([client, limit]): Promise<FirstPage<T> | typeof initialState> => {
        if (!client) return initialState;
        return { client, page: await options.load(client, { limit }) };
      },
      onComplete: () => {
        this.#setFollowingPages([]);
      },
    });
    this.#nextPage = new Task(host, {
      autoRun: false,
      task: async ([first, cursor, limit]: readonly [FirstPage<T>, string, number]): Promise<FollowingPage<T>> => ({
        first,
        page: await options.load(first.client, { limit, cursor }),
      }),
      onComplete: (following) => {
        // A page that arrives after a reload continues a list that is no longer shown.
        if (following.first !== this.#firstPage.value) return;
        const firstNewRow = host.renderRoot.querySelectorAll(options.rowSelector).length;
        this.#setFollowingPages([...this.#followingPages, following]);
        // The Load more button may be gone now: focus moves to the first row the page brought.
        void host.updateComplete.then(() =>
          host.renderRoot.querySelectorAll<HTMLElement>(options.focusSelector)[firstNewRow]?.focus(),
        );
      },
    });
  }

  /** Reloads the list from its first page. */
  refresh(): Promise<void> {
    return this.#firstPage.run();
  }

  /**
   * The notice, loading status, error alert or — through `list` — the rows loaded so far;
   * `busy` is true while a reload for the same client runs.
   */
  render(list: (items: T[], busy: boolean) => unknown): unknown {
    const labels = this.#options.labels();
    return this.#firstPage.render({
      initial: () => html`<p part="notice">${strings.common.notConnected}</p>`,
      pending: () => {
        // On a reload for the same client, keep showing what we have instead of flashing a spinner.
        const shown = this.#firstPage.value;
        return shown && shown.client === this.#host.client
          ? list(this.#items(shown), true)
          : loadingStatus(labels.loading);
      },
      complete: (first) => list(this.#items(first), false),
      error: (error) => errorAlert(error, labels.loadFailed, () => void this.refresh()),
    });
  }

  /** The "Load more" button while there are further pages, and the alert when one failed. */
  renderMore(): TemplateResult | typeof nothing {
    const first = this.#firstPage.value;
    if (!first) return nothing;
    const labels = this.#options.labels();
    const cursor = this.#nextCursor;
    const current = this.#nextPageFor === first;
    const loading = current && this.#nextPage.status === TaskStatus.PENDING;
    const failed = current && this.#nextPage.status === TaskStatus.ERROR;
    if (!cursor && !failed) return nothing;
    return html`
      ${failed ? errorAlert(this.#nextPage.error, labels.loadMoreFailed) : nothing}
      ${cursor
        ? html`<button
            type="button"
            part="load-more"
            aria-disabled=${loading ? 'true' : 'false'}
            @click=${() => this.#loadMore(first, cursor, loading)}
          >
            ${loading ? labels.loadingMore : labels.loadMore}
          </button>`
        : nothing}
    `;
  }

  get #limit(): number {
    const size = Math.trunc(this.#host.pageSize);
    return Number.isFinite(size) && size >= 1 ? Math.min(size, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
  }

  get #nextCursor(): string | null {
    const last = this.#followingPages.at(-1)?.page ?? this.#firstPage.value?.page;
    return last?.nextCursor ?? null;
  }

  #items(first: FirstPage<T>): T[] {
    return [first.page, ...this.#followingPages.map((following) => following.page)].flatMap((page) => page.items);
  }

  #setFollowingPages(pages: FollowingPage<T>[]): void {
    this.#followingPages = pages;
    this.#host.requestUpdate();
  }

  #loadMore(first: FirstPage<T>, cursor: string, loading: boolean): void {
    // aria-disabled rather than disabled, so the button keeps focus while the page loads.
    if (loading) return;
    this.#nextPageFor = first;
    void this.#nextPage.run([first, cursor, this.#limit]);
  }
}
