/**
 * The pagination engine: given the request of a list's first page and a {@link PaginationStrategy},
 * fetches page after page and hands over each page's body. Both API families read their lists with
 * it: the 1.x iterators (`pagination.ts`) and the 2.x page objects.
 *
 * ```ts
 * // Every page, as a stream:
 * for await (const page of walkPages(pipeline, { method: 'GET', path: '/contacts', query: { per_page: 50 } }, cursorPaging)) {
 *   console.log(page.body.data);
 * }
 * // One page at a time (what a page object with hasNextPage() and getNextPage() wraps):
 * let page = await fetchPage(pipeline, { method: 'POST', path: '/contacts/search', body }, searchCursorPaging);
 * while (page.fetchNext !== undefined) page = await page.fetchNext();
 * ```
 *
 * A list whose next page is a page already read in the same walk (`pages.next` pointing back at the
 * current page, or two pages pointing at each other) throws {@link PaginationLoopError} instead of
 * looping forever.
 *
 * @module
 */
import { HttpError, PaginationLoopError } from './errors.js';
import type { JsonObject } from './models.js';
import type { PageRequest, PaginationStrategy } from './pagination-strategies.js';
import type { RequestSender } from './request-sender.js';
import { encodeQuery } from './url.js';

/** One page read by the engine. */
export interface FetchedPage {
  /** The page's response body (a JSON object). */
  readonly body: JsonObject;
  /** The request that fetched it. */
  readonly request: PageRequest;
  /** 1 for the first page of the walk, 2 for the next... */
  readonly number: number;
  /** The request of the next page, or `undefined` on the last page. */
  readonly nextRequest: PageRequest | undefined;
  /**
   * Fetches the next page (the same strategy, the same loop check); `undefined` on the last page. It
   * may be called more than once: each call sends the request again. Rejects with
   * {@link PaginationLoopError}, before sending anything, when the next page was read before in this
   * walk.
   */
  readonly fetchNext: (() => Promise<FetchedPage>) | undefined;
}

/**
 * The pages a walk has read: each request's key with the number of the first page it fetched. A
 * page whose key was first read at a lower number is a loop; the same number again is a page read
 * twice (a `fetchNext` called twice), which is allowed.
 */
type Visited = Map<string, number>;

/** Fetches the first page of a list; its {@link FetchedPage.fetchNext} reads on. */
export function fetchPage(sender: RequestSender, first: PageRequest, strategy: PaginationStrategy): Promise<FetchedPage> {
  return fetchAt(sender, strategy, first, 1, new Map());
}

/**
 * Every page of a list, from `first` on, fetched as the iteration asks for it. Nothing is sent until
 * the iteration starts.
 */
export async function* walkPages(
  sender: RequestSender,
  first: PageRequest,
  strategy: PaginationStrategy,
): AsyncGenerator<FetchedPage, void, undefined> {
  let page = await fetchPage(sender, first, strategy);
  for (;;) {
    yield page;
    if (page.fetchNext === undefined) return;
    page = await page.fetchNext();
  }
}

async function fetchAt(
  sender: RequestSender,
  strategy: PaginationStrategy,
  request: PageRequest,
  number: number,
  visited: Visited,
): Promise<FetchedPage> {
  const checksLoops = strategy.advancesCursor !== true;
  if (checksLoops) {
    const key = requestKey(request);
    const firstSeen = visited.get(key);
    if (firstSeen !== undefined && firstSeen < number) {
      throw new PaginationLoopError(
        `Page ${number} of this list is page ${firstSeen} again (${strategy.name}): the list loops; stopped before sending it again`,
      );
    }
    if (firstSeen === undefined) visited.set(key, number);
  }
  const response = await sender.send({
    method: request.method,
    path: request.path,
    query: request.query,
    body: request.body,
    // Reading a page changes nothing: safe to repeat, unless it moves a server-side cursor.
    idempotent: true,
    advancesCursor: strategy.advancesCursor,
    options: request.options,
  });
  const body = requireBody(response);
  const nextRequest = strategy.next(request, body);
  return {
    body,
    request,
    number,
    nextRequest,
    fetchNext: nextRequest === undefined ? undefined : () => fetchAt(sender, strategy, nextRequest, number + 1, visited),
  };
}

function requireBody(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('Http Error - No response entity returned');
  }
  return body as JsonObject;
}

/**
 * What identifies a page request: method, path and query (an absolute URL reduced to its path and
 * query, as the pipeline sends it), and the body.
 */
function requestKey(request: PageRequest): string {
  let path = request.path;
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
    try {
      const url = new URL(path);
      path = `${url.pathname}${url.search}`;
    } catch {
      // The pipeline rejects it when it is sent.
    }
  }
  const query = encodeQuery(request.query);
  const joined = query === '' ? path : `${path}${path.includes('?') ? `&${query.slice(1)}` : query}`;
  return request.body === undefined
    ? `${request.method} ${joined}`
    : `${request.method} ${joined} ${JSON.stringify(request.body)}`;
}
