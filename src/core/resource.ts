import { type FetchedPage, fetchPage, walkPages } from './page-walk.js';
import { type ListSpec, PageIterator, ScrollIterator, SearchIterator, type SearchSpec } from './pagination.js';
import type { PageRequest, PaginationStrategy } from './pagination-strategies.js';
import type { ApiRequest, RequestOptions } from './request-pipeline.js';
import type { RequestSender } from './request-sender.js';
import type { RequestSafety } from './retry-decision.js';
import type { QueryParams } from './url.js';

/** What a verb of {@link APIResource} sends besides its method and path. */
export interface VerbInit {
  query?: QueryParams | undefined;
  /** JSON-serialisable body. */
  body?: unknown;
  options?: RequestOptions | undefined;
}

/** A POST's {@link VerbInit}: a POST is not repeated after a lost answer unless it opts in. */
export interface PostInit extends VerbInit {
  /**
   * True for a POST whose repetition has the effect of sending it once (an upsert keyed by an
   * identifier, a tag by name): it may then be sent again after its answer was lost.
   */
  idempotent?: boolean | undefined;
}

/**
 * The HTTP verbs a resource sends its requests with. Whether a request may be repeated after a lost
 * answer defaults by verb: GET, PUT and DELETE may, a POST may not unless it opts in with
 * `idempotent: true`. Each answers the parsed JSON body (`null` when empty).
 */
export class ResourceHttp {
  readonly #pipeline: RequestSender;

  /** @internal */
  constructor(pipeline: RequestSender) {
    this.#pipeline = pipeline;
  }

  get(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('GET', path, init, IDEMPOTENT));
  }

  post(path: string, init: PostInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('POST', path, init, init.idempotent === true ? IDEMPOTENT : NOT_IDEMPOTENT));
  }

  /** A PUT sets a state: repeatable. */
  put(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('PUT', path, init, IDEMPOTENT));
  }

  /** A PATCH sets the fields it names: repeatable. */
  patch(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('PATCH', path, init, IDEMPOTENT));
  }

  /** A second DELETE finds nothing left to delete: repeatable. */
  delete(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('DELETE', path, init, IDEMPOTENT));
  }

  /**
   * A 1.x paged list (`GET path`, following `pages.next`): a lazy {@link PageIterator} of models.
   * Nothing is sent until it is iterated.
   */
  list<T>(path: string, spec: Omit<ListSpec<T>, 'path'>): PageIterator<T> {
    return new PageIterator(this.#pipeline, { ...spec, path });
  }

  /**
   * A scroll (`GET path`, following `scroll_param`): a lazy {@link ScrollIterator} of models. Its pages
   * move a server-side cursor: one whose answer was lost is not sent again.
   */
  scroll<T>(path: string, spec: Omit<ListSpec<T>, 'path' | 'query' | 'untypedPages'>): ScrollIterator<T> {
    return new ScrollIterator(this.#pipeline, { ...spec, path });
  }

  /**
   * A 1.x search (`POST path` with a query, following `pages.next.starting_after`): a lazy
   * {@link SearchIterator} of models. A search changes nothing: its POSTs are repeated like reads.
   */
  search<T>(path: string, spec: Omit<SearchSpec<T>, 'path'>): SearchIterator<T> {
    return new SearchIterator(this.#pipeline, { ...spec, path });
  }

  /**
   * The first page of a list read with `strategy` (see `pagination-strategies.ts`); the page's
   * `fetchNext` reads the next one. What a page object with `hasNextPage()` and `getNextPage()` wraps.
   */
  firstPage(first: PageRequest, strategy: PaginationStrategy): Promise<FetchedPage> {
    return fetchPage(this.#pipeline, first, strategy);
  }

  /** Every page of a list read with `strategy`, fetched as the iteration asks for it. */
  pages(first: PageRequest, strategy: PaginationStrategy): AsyncGenerator<FetchedPage, void, undefined> {
    return walkPages(this.#pipeline, first, strategy);
  }
}

/** Base of every resource, for both API families: `this.http` sends its requests. */
export abstract class APIResource {
  /** @internal */
  protected readonly http: ResourceHttp;

  /** @internal */
  constructor(pipeline: RequestSender) {
    this.http = new ResourceHttp(pipeline);
  }
}

function request(method: ApiRequest['method'], path: string, init: VerbInit, safety: RequestSafety): ApiRequest {
  return { method, path, query: init.query, body: init.body, idempotent: safety.idempotent, options: init.options };
}

/** GET, PUT, PATCH and DELETE, and a POST that opts in: sending twice has the effect of sending once. */
const IDEMPOTENT: RequestSafety = Object.freeze({ idempotent: true });
/** A POST that creates, sends or converts: never sent again once it may have reached the server. */
const NOT_IDEMPOTENT: RequestSafety = Object.freeze({ idempotent: false });
