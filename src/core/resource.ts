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
