/**
 * The page of a 2.x list: its items (`data`), the response it came in, and the way to the next page,
 * as the official SDK's `Page`. A page is async-iterable over the items of every page from it on.
 * The pages are read by the core's pagination engine (`core/page-walk.ts`), which never stops or
 * loops silently.
 *
 * @module
 */

/** How a list asks for its next page. */
export type PagingKind =
  /** `GET` lists: `starting_after` in the query, from `pages.next.starting_after`. */
  | 'cursor'
  /** Searches: `pagination.starting_after` in the body, from `pages.next.starting_after`. */
  | 'search'
  /** Page-numbered lists: `page` in the query, while `pages.page` is below `pages.total_pages`. */
  | 'offset'
  /** `companies.scroll`: `scroll_param` in the query, from the response's `scroll_param`, until a page is empty. */
  | 'scroll';

/** One page of a list. */
export class Page<Item, Response> implements AsyncIterable<Item> {
  /** The items of this page. */
  readonly data: Item[];
  /** The response this page came in (its `pages`, `total_count`...). */
  readonly response: Response;
  readonly #next: (() => Promise<Page<Item, Response>>) | undefined;

  /** @internal */
  constructor(data: Item[], response: Response, next: (() => Promise<Page<Item, Response>>) | undefined) {
    this.data = data;
    this.response = response;
    this.#next = next;
  }

  /** Whether there is a page after this one. */
  hasNextPage(): boolean {
    return this.#next !== undefined;
  }

  /** The next page. Throws when there is none ({@link Page.hasNextPage} is false). */
  getNextPage(): Promise<Page<Item, Response>> {
    if (this.#next === undefined) return Promise.reject(new RangeError('There is no next page'));
    return this.#next();
  }

  /** The items of this page and of every page after it, fetched as the iteration reaches them. */
  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    let page: Page<Item, Response> = this;
    for (;;) {
      yield* page.data;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }

  /** The items of this page and the pages after it, at most `limit` of them (default: all). */
  async toArray({ limit = Number.POSITIVE_INFINITY }: { limit?: number } = {}): Promise<Item[]> {
    const items: Item[] = [];
    if (limit <= 0) return items;
    for await (const item of this) {
      items.push(item);
      if (items.length >= limit) break;
    }
    return items;
  }
}
