/**
 * The 1.x client's lists as lazy async iterables: paged lists that follow `pages.next`, searches that
 * follow a cursor, and scrolls. Paged lists and searches read their pages with the engine of
 * `page-walk.ts`, with the strategies of `pagination-strategies.ts`.
 *
 * @module
 */
import {
  BadRequestError,
  HttpError,
  InvalidParameterError,
  ResourceNotFound,
  ScrollExpiredError,
  UnexpectedResponseError,
} from './errors.js';
import { itemsKeyOf, type JsonObject } from './models.js';
import { walkPages } from './page-walk.js';
import { nextUrlPaging, type PageRequest, searchCursorPaging } from './pagination-strategies.js';
import type { RequestOptions } from './request-pipeline.js';
import type { RequestSender } from './request-sender.js';
import { encodeQuery, type QueryParams } from './url.js';

/** One page of a paged list. */
export interface ListPage<T> {
  /** The page's items, as models. */
  items: T[];
  /** `pages.page` (1-based), when the API sent it. */
  page: number | undefined;
  /** `pages.total_pages`, when the API sent it. */
  totalPages: number | undefined;
  /** `total_count`, when the API sent it. */
  totalCount: number | undefined;
  /**
   * The URL of the next page (`pages.next`; for a list that pages with a cursor, the path and query
   * of the next page), or null on the last page. Pass it to {@link PageIterator.pages} as `from` to
   * resume there.
   */
  next: string | null;
}

/** Options of {@link PageIterator.toArray} and {@link ScrollIterator.toArray}. */
export interface ToArrayOptions {
  /** Stop after this many items. Default: no limit (the whole list). */
  limit?: number;
}

/** How a list endpoint is read. */
export interface ListSpec<T> {
  path: string;
  query?: QueryParams | undefined;
  /** Items key to use when the list's type does not name one. */
  itemsKey: string;
  /** Turns one raw item into a model. */
  toModel: (raw: JsonObject) => T;
  /**
   * Event lists carry `pages: { next }` without a `type`; other lists only page when `pages.type` is
   * set (as the gem reads them).
   */
  untypedPages?: boolean;
  /**
   * An answer of this entity type (not a list) is a list of that one item, and a 404 an empty list:
   * API 1.0 answers `GET /users?email=` with the one user, where later versions answer a `user.list`.
   */
  singleItemType?: string;
  options?: RequestOptions | undefined;
}

const asObject = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

const asNumber = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

function readItems<T>(body: JsonObject, defaultKey: string, toModel: (raw: JsonObject) => T, singleItemType?: string): T[] {
  if (singleItemType !== undefined && body.type === singleItemType) return [toModel(body)];
  const type = typeof body.type === 'string' && body.type.endsWith('.list') ? body.type : undefined;
  const key = type && Array.isArray(body[itemsKeyOf(type)]) ? itemsKeyOf(type) : defaultKey;
  const raw = body[key];
  if (!Array.isArray(raw)) {
    throw new UnexpectedResponseError(`Expected a list under '${key}' in a '${String(body.type)}' response`);
  }
  const items: T[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const item = asObject(raw[i]);
    if (item === undefined) throw new UnexpectedResponseError(`Item ${i} of '${key}' is not an object`);
    items[i] = toModel(item);
  }
  return items;
}

function requireBody(body: unknown): JsonObject {
  const object = asObject(body);
  if (object === undefined) throw new HttpError('Http Error - No response entity returned');
  return object;
}

/**
 * A paged list (`user.list`, `admin.list`, ...). Nothing is requested until it is iterated; every
 * iteration starts again from the first page and follows `pages.next`. An explicit `page` parameter
 * fetches exactly that page.
 *
 * ```ts
 * for await (const user of intercom.users.all()) console.log(user.email);
 * const firstTen = await intercom.users.all().toArray({ limit: 10 });
 * ```
 */
export class PageIterator<T> implements AsyncIterable<T> {
  readonly #sender: RequestSender;
  readonly #spec: ListSpec<T>;

  /** @internal */
  constructor(sender: RequestSender, spec: ListSpec<T>) {
    this.#sender = sender;
    this.#spec = spec;
  }

  /**
   * Iterates page by page. `from` resumes at a page's `next` URL (from {@link ListPage.next}), for
   * example after an iteration failed: pages already read are not fetched again. A `pages.next` that
   * points back at a page already read throws {@link PaginationLoopError}.
   */
  async *pages(options: { from?: string } = {}): AsyncGenerator<ListPage<T>, void, undefined> {
    const spec = this.#spec;
    const explicitPage = spec.query?.page;
    const first: PageRequest =
      options.from === undefined
        ? { method: 'GET', path: spec.path, query: spec.query, options: spec.options }
        : { method: 'GET', path: options.from, options: spec.options };
    const strategy = nextUrlPaging({ untypedPages: spec.untypedPages === true });
    let read = 0;
    try {
      for await (const fetched of walkPages(this.#sender, first, strategy)) {
        const body = fetched.body;
        const items = readItems(body, spec.itemsKey, spec.toModel, spec.singleItemType);
        const pages = asObject(body.pages);
        const page = asNumber(pages?.page);
        const next = fetched.nextRequest === undefined ? null : resumePoint(fetched.nextRequest);
        read++;
        yield { items, page, totalPages: asNumber(pages?.total_pages), totalCount: asNumber(body.total_count), next };
        if (explicitPage !== undefined && explicitPage !== null && page !== undefined && page >= Number(explicitPage)) return;
      }
    } catch (error) {
      // A one-item answer's "none": the first request answered 404.
      if (!(spec.singleItemType !== undefined && read === 0 && error instanceof ResourceNotFound)) throw error;
      yield { items: [], page: undefined, totalPages: undefined, totalCount: undefined, next: null };
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects the items into an array, stopping after `limit` items when given. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    return collect(this, options.limit);
  }
}

/** A GET page request as one string (its URL, or its path and query) that {@link PageIterator.pages} resumes at. */
function resumePoint(request: PageRequest): string {
  const query = encodeQuery(request.query);
  if (query === '') return request.path;
  return `${request.path}${request.path.includes('?') ? `&${query.slice(1)}` : query}`;
}

async function collect<T>(iterable: AsyncIterable<T>, limit: number | undefined): Promise<T[]> {
  const out: T[] = [];
  if (limit !== undefined && limit <= 0) return out;
  for await (const item of iterable) {
    out.push(item);
    if (limit !== undefined && out.length >= limit) break;
  }
  return out;
}

/** One page of a scroll. */
export interface ScrollPage<T> {
  /** Up to 100 records; empty at the end of the scroll. */
  records: T[];
  /** Pass it to {@link ScrollIterator.next} for the following page; null when `records` is empty. */
  scrollParam: string | null;
}

/** A scroll param as given by a page: a non-empty string (an empty one would be sent as `scroll_param=`). */
function checkedScrollParam(param: unknown): string {
  if (typeof param !== 'string' || param === '') {
    throw new InvalidParameterError('scroll_param', "must be a non-empty string (a page's scrollParam)");
  }
  return param;
}

/**
 * A scroll (`/users/scroll`, `/companies/scroll`, `/contacts/scroll`): the way to read more than
 * 10,000 records. Iterating opens a scroll and reads it to its end; {@link ScrollIterator.next}
 * fetches one page. A scroll param expires one minute after its last use, and an app may have only
 * one scroll open at a time.
 */
export class ScrollIterator<T> implements AsyncIterable<T> {
  readonly #sender: RequestSender;
  readonly #spec: ListSpec<T>;

  /** @internal */
  constructor(sender: RequestSender, spec: ListSpec<T>) {
    this.#sender = sender;
    this.#spec = spec;
  }

  /**
   * Fetches one page: the first one without an argument (or with `null`, as the gem's
   * `next(nil)`), the following ones with the previous page (or its `scrollParam`). After the last
   * page (its `scrollParam` is null) it answers an empty page without a request. A refused (expired
   * or unknown) param throws {@link ScrollExpiredError}; an empty or non-string param throws
   * {@link InvalidParameterError} before any request.
   *
   * ```ts
   * let page = await scroll.next();
   * while (page.records.length > 0) page = await scroll.next(page);
   * ```
   */
  async next(after?: string | ScrollPage<T> | null, options?: RequestOptions): Promise<ScrollPage<T>> {
    if (after === undefined || after === null) return this.#page(undefined, options, undefined);
    if (typeof after === 'object') {
      if (after.scrollParam === null) return { records: [], scrollParam: null };
      return this.#page(checkedScrollParam(after.scrollParam), options, undefined);
    }
    return this.#page(checkedScrollParam(after), options, undefined);
  }

  async #page(
    scrollParam: string | undefined,
    options: RequestOptions | undefined,
    recordsRead: number | undefined,
  ): Promise<ScrollPage<T>> {
    const spec = this.#spec;
    let response: unknown;
    try {
      response = await this.#sender.send({
        method: 'GET',
        path: spec.path,
        query: scrollParam === undefined ? undefined : { scroll_param: scrollParam },
        idempotent: true,
        // A lost answer may have moved the scroll on: sending the same param again could skip a page.
        advancesCursor: true,
        options: options ?? spec.options,
      });
    } catch (error) {
      if (
        scrollParam !== undefined &&
        (error instanceof ResourceNotFound || (error instanceof BadRequestError && error.field === 'scroll_param'))
      ) {
        throw new ScrollExpiredError(scrollParam, recordsRead, error);
      }
      throw error;
    }
    const body = requireBody(response);
    const records = readItems(body, spec.itemsKey, spec.toModel);
    const param = typeof body.scroll_param === 'string' && records.length > 0 ? body.scroll_param : null;
    return { records, scrollParam: param };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    let read = 0;
    let page = await this.#page(undefined, undefined, read);
    while (page.records.length > 0 && page.scrollParam !== null) {
      yield* page.records;
      read += page.records.length;
      page = await this.#page(page.scrollParam, undefined, read);
    }
    yield* page.records;
  }

  /** Collects the records into an array, stopping after `limit` records when given. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    return collect(this, options.limit);
  }
}

/** One page of a search. */
export interface SearchPage<T> {
  /** The page's items, as models. */
  items: T[];
  /** `pages.page` (1-based), when the API sent it. */
  page: number | undefined;
  /** `pages.total_pages`, when the API sent it. */
  totalPages: number | undefined;
  /** `total_count`, when the API sent it. */
  totalCount: number | undefined;
  /** The cursor of the next page (`pages.next.starting_after`), or null on the last page. */
  startingAfter: string | null;
}

/** How a search endpoint (`POST` with a query, cursor paging) is read. */
export interface SearchSpec<T> {
  path: string;
  /** The request body of the first page; later pages add `pagination.starting_after`. */
  body: JsonObject;
  /** Items key to use when the list's type does not name one. */
  itemsKey: string;
  toModel: (raw: JsonObject) => T;
  options?: RequestOptions | undefined;
}

/**
 * A search (`POST /customers/search`): a lazy async iterable across pages that follows the cursor in
 * `pages.next.starting_after`. Every iteration starts again from the first page (the cursor lives in
 * the iteration, never in the iterator).
 */
export class SearchIterator<T> implements AsyncIterable<T> {
  readonly #sender: RequestSender;
  readonly #spec: SearchSpec<T>;

  /** @internal */
  constructor(sender: RequestSender, spec: SearchSpec<T>) {
    this.#sender = sender;
    this.#spec = spec;
  }

  /** Iterates page by page. A cursor that comes back throws {@link PaginationLoopError}. */
  async *pages(): AsyncGenerator<SearchPage<T>, void, undefined> {
    const spec = this.#spec;
    // A search sends its query in a POST but changes nothing: the engine repeats it like a read.
    const first: PageRequest = { method: 'POST', path: spec.path, body: spec.body, options: spec.options };
    for await (const fetched of walkPages(this.#sender, first, searchCursorPaging)) {
      const response = fetched.body;
      const pages = asObject(response.pages);
      const cursor = asObject(fetched.nextRequest?.body?.pagination)?.starting_after;
      yield {
        items: readItems(response, spec.itemsKey, spec.toModel),
        page: asNumber(pages?.page),
        totalPages: asNumber(pages?.total_pages),
        totalCount: asNumber(response.total_count),
        startingAfter: typeof cursor === 'string' ? cursor : null,
      };
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Collects the items into an array, stopping after `limit` items when given. */
  async toArray(options: ToArrayOptions = {}): Promise<T[]> {
    return collect(this, options.limit);
  }
}
