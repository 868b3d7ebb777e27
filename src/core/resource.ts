import { type FetchedPage, fetchPage, walkPages } from './page-walk.js';
import { type ListSpec, PageIterator } from './pagination.js';
import type { PageRequest, PaginationStrategy } from './pagination-strategies.js';
import type { ApiRequest, RequestOptions, RequestPipeline } from './request-pipeline.js';
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
  readonly #pipeline: RequestPipeline;

  /** @internal */
  constructor(pipeline: RequestPipeline) {
    this.#pipeline = pipeline;
  }

  get(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('GET', path, init, true));
  }

  post(path: string, init: PostInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('POST', path, init, init.idempotent === true));
  }

  /** A PUT sets a state: repeatable. */
  put(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('PUT', path, init, true));
  }

  /** A PATCH sets the fields it names: repeatable. */
  patch(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('PATCH', path, init, true));
  }

  /** A second DELETE finds nothing left to delete: repeatable. */
  delete(path: string, init: VerbInit = {}): Promise<unknown> {
    return this.#pipeline.send(request('DELETE', path, init, true));
  }

  /**
   * A 1.x paged list (`GET path`, following `pages.next`): a lazy {@link PageIterator} of models.
   * Nothing is sent until it is iterated.
   */
  list<T>(path: string, spec: Omit<ListSpec<T>, 'path'>): PageIterator<T> {
    return new PageIterator(this.#pipeline, { ...spec, path });
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
  protected readonly pipeline: RequestPipeline;
  /** @internal */
  protected readonly http: ResourceHttp;

  /** @internal */
  constructor(pipeline: RequestPipeline) {
    this.pipeline = pipeline;
    this.http = new ResourceHttp(pipeline);
  }
}

function request(method: ApiRequest['method'], path: string, init: VerbInit, idempotent: boolean): ApiRequest {
  return { method, path, query: init.query, body: init.body, idempotent, options: init.options };
}
