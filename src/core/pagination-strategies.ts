/**
 * Pagination strategies: how each wire scheme of Intercom's lists says where the next page is, and
 * the request that fetches it. A strategy is pure (no I/O); {@link walkPages} and {@link fetchPage}
 * in `page-walk.ts` send the requests.
 *
 * | Strategy | API | `pages.next` | Next request |
 * | --- | --- | --- | --- |
 * | {@link nextUrlPaging} | 1.x | a URL (or a 2.x cursor object) | `GET` that URL |
 * | {@link cursorPaging} | 2.x | `{ starting_after, per_page? }` | the same `GET`, `starting_after` in the query |
 * | {@link searchCursorPaging} | 2.x | `{ starting_after, per_page? }` | the same `POST`, `pagination.starting_after` in the body |
 * | {@link pageNumberPaging} | 2.x | (`pages.page` below `pages.total_pages`) | the same `GET`, `page` + 1 in the query |
 * | {@link scrollParamPaging} | 1.x, 2.x | (`scroll_param`, until a page is empty) | the same `GET`, `scroll_param` in the query |
 *
 * A `pages.next` of a shape a strategy cannot follow is an {@link UnexpectedResponseError}, never a
 * silent end of the list.
 *
 * @module
 */
import { UnexpectedResponseError } from './errors.js';
import type { JsonObject } from './models.js';
import type { RequestOptions } from './request-pipeline.js';
import type { QueryParams } from './url.js';

/** The request of one page of a list. */
export interface PageRequest {
  method: 'GET' | 'POST';
  /** A path such as `/users` (built with `apiPath`), or an absolute URL from `pages.next`. */
  path: string;
  query?: QueryParams | undefined;
  /** JSON body (searches). */
  body?: JsonObject | undefined;
  options?: RequestOptions | undefined;
}

/**
 * How a list asks for its next page. Page requests are reads: they are repeated after an error answer
 * or a lost answer, except where {@link PaginationStrategy.advancesCursor} says otherwise.
 */
export interface PaginationStrategy {
  /** A short name for messages (`'1.x next URL'`, `'2.x cursor'`...). */
  readonly name: string;
  /**
   * True when reading a page moves a cursor kept by the server (a scroll), so that a page request
   * whose answer was lost is not sent again (it could skip a page), and the same request legitimately
   * comes back page after page (no loop check).
   */
  readonly advancesCursor?: boolean;
  /**
   * The request of the page after the one `body` answered to `request`, or `undefined` on the last
   * page. Throws {@link UnexpectedResponseError} when the body says there is a next page in a shape
   * this strategy cannot follow.
   */
  next(request: PageRequest, body: JsonObject): PageRequest | undefined;
}

const asObject = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** Where `pages.next` points: a URL, a cursor, or nowhere (the last page). */
export type NextLink = { url: string } | { startingAfter: string } | undefined;

/**
 * Reads `pages.next`: a non-empty string is a URL (1.x), an object with a non-empty `starting_after`
 * is a cursor (2.x); `null`, `undefined`, `''` and an object without a cursor (`{}`) mean the last
 * page. Any other value throws {@link UnexpectedResponseError}.
 */
export function readNextLink(next: unknown): NextLink {
  if (next === undefined || next === null || next === '') return undefined;
  if (typeof next === 'string') return { url: next };
  const object = asObject(next);
  if (object !== undefined) {
    const cursor = object.starting_after;
    if (cursor === undefined || cursor === null || cursor === '') return undefined;
    if (typeof cursor === 'string') return { startingAfter: cursor };
  }
  throw new UnexpectedResponseError(`Cannot follow 'pages.next' of this shape: ${shapeOf(next)}`);
}

function shapeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  const object = asObject(value);
  if (object === undefined) return typeof value;
  const cursor = object.starting_after;
  return `an object with ${cursor === undefined ? 'no starting_after' : `a starting_after of type ${typeof cursor}`}`;
}

/** `request` with `starting_after` set in its query (any previous cursor replaced). */
function withQueryCursor(request: PageRequest, startingAfter: string): PageRequest {
  return { ...request, query: { ...request.query, starting_after: startingAfter } };
}

/** The GET of a URL taken from `pages.next` (it carries its own query). */
function urlRequest(request: PageRequest, url: string): PageRequest {
  return { method: 'GET', path: url, query: undefined, options: request.options };
}

/**
 * API 1.x paged lists (`user.list`, `company.list`...): `pages.next` is the URL of the next page.
 * As the gem reads them, a list pages only when `pages.type` is set, unless `untypedPages` (event
 * lists carry `pages: { next }` without a type). A `pages.next` that is a 2.x cursor object is followed
 * as a cursor (the same request, `starting_after` in the query), whatever `pages.type` says.
 */
export function nextUrlPaging(options: { untypedPages?: boolean } = {}): PaginationStrategy {
  const untypedPages = options.untypedPages === true;
  return {
    name: '1.x next URL',
    next(request, body) {
      const pages = asObject(body.pages);
      if (pages === undefined) return undefined;
      const link = readNextLink(pages.next);
      if (link === undefined) return undefined;
      if ('startingAfter' in link) return withQueryCursor(request, link.startingAfter);
      return untypedPages || pages.type ? urlRequest(request, link.url) : undefined;
    },
  };
}

/**
 * API 2.x cursor lists (`GET /contacts`, `GET /conversations`...): `pages.next` is
 * `{ starting_after, per_page? }`, and the next page is the same GET with `starting_after` in the
 * query (the request's own `per_page` is kept). A `pages.next` URL is followed as a URL.
 */
export const cursorPaging: PaginationStrategy = Object.freeze({
  name: '2.x cursor',
  next(request: PageRequest, body: JsonObject): PageRequest | undefined {
    const link = readNextLink(asObject(body.pages)?.next);
    if (link === undefined) return undefined;
    return 'startingAfter' in link ? withQueryCursor(request, link.startingAfter) : urlRequest(request, link.url);
  },
});

/**
 * API 2.x searches (`POST /contacts/search`...): `pages.next` is `{ starting_after, per_page? }` and
 * the next page is the same POST with `pagination.starting_after` in the body (the body's other
 * `pagination` keys, such as `per_page`, kept). A search cannot follow a URL: a string `pages.next`
 * throws {@link UnexpectedResponseError}.
 */
export const searchCursorPaging: PaginationStrategy = Object.freeze({
  name: '2.x search cursor',
  next(request: PageRequest, body: JsonObject): PageRequest | undefined {
    const link = readNextLink(asObject(body.pages)?.next);
    if (link === undefined) return undefined;
    if (!('startingAfter' in link)) {
      throw new UnexpectedResponseError("A search's 'pages.next' must be a cursor object, not a URL");
    }
    const previous = request.body ?? {};
    const pagination = { ...asObject(previous.pagination), starting_after: link.startingAfter };
    return { ...request, body: { ...previous, pagination } };
  },
});

/**
 * Page-numbered lists: while `pages.page` is below `pages.total_pages`, the next page is the same GET
 * with `page` set to `pages.page + 1` in the query.
 */
export const pageNumberPaging: PaginationStrategy = Object.freeze({
  name: 'page number',
  next(request: PageRequest, body: JsonObject): PageRequest | undefined {
    const pages = asObject(body.pages);
    const page = pages?.page;
    const total = pages?.total_pages;
    if (typeof page !== 'number' || typeof total !== 'number' || !Number.isInteger(page) || page >= total) return undefined;
    return { ...request, query: { ...request.query, page: page + 1 } };
  },
});

/**
 * Scrolls (`GET /users/scroll`, `GET /companies/scroll`...): the next page is the same GET with the
 * response's `scroll_param` in the query, until a page has no items under `itemsKey`. The server
 * moves the scroll on with every read ({@link PaginationStrategy.advancesCursor}).
 */
export function scrollParamPaging(itemsKey: string): PaginationStrategy {
  return {
    name: 'scroll',
    advancesCursor: true,
    next(request, body) {
      const items = body[itemsKey];
      const param = body.scroll_param;
      if (!Array.isArray(items) || items.length === 0 || typeof param !== 'string' || param === '') return undefined;
      return { ...request, query: { ...request.query, scroll_param: param } };
    },
  };
}
