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

export interface PagedListOptions<T, K = undefined> {
  /** Loads one page; `key` is what `key()` answered when the first page loaded. */
  load: (client: PortalApi, query: { limit: number; cursor?: string }, key: K) => Promise<Page<T>>;
  /** What else selects the list (e.g. a project id): the list reloads from its first page when it changes. */
  key?: () => K;
  /** Read at render time, so that strings changed after construction still show. */
  labels: () => PagedListLabels;
  /** Counts the rows shown, to know which row a further page starts at. */
  rowSelector: string;
  /** The element in each row that takes focus when a further page arrives. */
  focusSelector: string;
}

/** The first page, remembered with the client and key that loaded it. */
interface FirstPage<T, K> {
  client: PortalApi;
  key: K;
  page: Page<T>;
}

/** A further page, remembered with the first page it continues. */
interface FollowingPage<T, K> {
  first: FirstPage<T, K>;
  page: Page<T>;
}

/**
 * A list loaded one page at a time: the first page reloads when the client or page size changes,
 * further pages come through "Load more", and focus moves to the first row a further page brought.
 * Its two tasks are the host's reactive controllers, so it needs no lifecycle hooks of its own.
 */
export class PagedListController<T, K = undefined> {
  readonly #host: PagedListHost;
  readonly #options: PagedListOptions<T, K>;
  #followingPages: FollowingPage<T, K>[] = [];
  /** The first page the next-page task was last started for. */
  #nextPageFor: FirstPage<T, K> | undefined;

  readonly #firstPage: Task<readonly [PortalApi | undefined, number, K], FirstPage<T, K>>;
  readonly #nextPage: Task<readonly [FirstPage<T, K>, string, number], FollowingPage<T, K>>;

  constructor(host: PagedListHost, options: PagedListOptions<T, K>) {
    this.#host = host;
    this.#options = options;
    this.#firstPage = new Task(host, {
      args: () => [host.client, this.#limit, options.key?.() as K] as const,
      task: async ([client, limit, key]): Promise<FirstPage<T, K> | typeof initialState> => {
        if (!client) return initialState;
        return { client, key, page: await options.load(client, { limit }, key) };
      },
      onComplete: () => {
        this.#setFollowingPages([]);
      },
    });
    this.#nextPage = new Task(host, {
      autoRun: false,
      task: async ([first, cursor, limit]: readonly [FirstPage<T, K>, string, number]): Promise<FollowingPage<T, K>> => ({
        first,
        page: await options.load(first.client, { limit, cursor }, first.key),
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
   * `busy` is true while a reload for the same client and key runs.
   */
  render(list: (items: T[], busy: boolean) => unknown): unknown {
    const labels = this.#options.labels();
    return this.#firstPage.render({
      initial: () => html`<p part="notice">${strings.common.notConnected}</p>`,
      pending: () => {
        // On a reload of the same list, keep showing what we have instead of flashing a spinner.
        const shown = this.#firstPage.value;
        return shown && shown.client === this.#host.client && shown.key === this.#options.key?.()
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

  #items(first: FirstPage<T, K>): T[] {
    return [first.page, ...this.#followingPages.map((following) => following.page)].flatMap((page) => page.items);
  }

  #setFollowingPages(pages: FollowingPage<T, K>[]): void {
    this.#followingPages = pages;
    this.#host.requestUpdate();
  }

  #loadMore(first: FirstPage<T, K>, cursor: string, loading: boolean): void {
    // aria-disabled rather than disabled, so the button keeps focus while the page loads.
    if (loading) return;
    this.#nextPageFor = first;
    void this.#nextPage.run([first, cursor, this.#limit]);
  }
}
