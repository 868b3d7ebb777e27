/**
 * The base of every 2.x resource: `send` turns an operation's path, query and body into a call of
 * the core verbs (so retries, pacing, hooks and timeouts are the core's), with the official SDK's
 * per-call options; `page` makes a list's first {@link Page}.
 *
 * @module
 */

import type { JsonObject } from '../core/models.js';
import type { FetchedPage } from '../core/page-walk.js';
import {
  cursorPaging,
  type PaginationStrategy,
  pageNumberPaging,
  scrollParamPaging,
  searchCursorPaging,
} from '../core/pagination-strategies.js';
import type { RequestPipeline } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { refinedError } from './errors.js';
import { Page, type PagingKind } from './page.js';
import { pageQuery, withQuery } from './query.js';
import { coreOptions, type RequestOptions } from './request-options.js';
import { checkSearchRequest } from './search.js';

/** One request of a 2.x operation. */
export interface OperationRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path, its parameters already encoded (`apiPath`). */
  path: string;
  query?: Readonly<Record<string, unknown>> | undefined;
  body?: unknown;
  /** A POST that may be sent again after its answer was lost. */
  idempotent?: boolean | undefined;
}

/** What the client's options add to every call of its resources. */
export interface V2Context {
  /** The client's `headers`, under each call's own. */
  readonly headers: Readonly<Record<string, string>>;
  /** The client's `timeoutInSeconds`, in milliseconds: each call's default. */
  readonly timeoutMs: number | undefined;
}

/** Base of the 2.x resources. */
export abstract class V2Resource extends APIResource {
  readonly #context: V2Context;

  /** @internal */
  constructor(pipeline: RequestPipeline, context: V2Context) {
    super(pipeline);
    this.#context = context;
  }

  /** @internal Sends one request of an operation and answers its parsed body. */
  protected async send<T>(request: OperationRequest, options: RequestOptions | undefined): Promise<T> {
    if (request.method === 'POST') checkSearchRequest(request.path, request.body);
    const init = { body: request.body, options: coreOptions(options, this.#context) };
    const path = withQuery(request.path, request.query, options?.queryParams);
    try {
      switch (request.method) {
        case 'GET':
          return (await this.http.get(path, init)) as T;
        case 'POST':
          return (await this.http.post(path, { ...init, idempotent: request.idempotent === true })) as T;
        case 'PUT':
          return (await this.http.put(path, init)) as T;
        case 'PATCH':
          return (await this.http.patch(path, init)) as T;
        case 'DELETE':
          return (await this.http.delete(path, init)) as T;
      }
    } catch (error) {
      throw refinedError(error, request.method, request.path);
    }
  }

  /** @internal The first page of a list operation, read by the core's pagination engine. */
  protected async page<Item, Response>(
    kind: PagingKind,
    items: string,
    request: OperationRequest,
    options: RequestOptions | undefined,
  ): Promise<Page<Item, Response>> {
    if (request.method !== 'GET' && request.method !== 'POST')
      throw new TypeError(`a list is read with GET or POST, not ${request.method}`);
    if (request.method === 'POST') checkSearchRequest(request.path, request.body);
    const first = await this.http.firstPage(
      {
        method: request.method,
        path: request.path,
        query: pageQuery(request.query, options?.queryParams),
        body: request.body as JsonObject | undefined,
        options: coreOptions(options, this.#context),
      },
      strategyOf(kind, items),
    );
    return pageOf<Item, Response>(first, items);
  }
}

function strategyOf(kind: PagingKind, items: string): PaginationStrategy {
  switch (kind) {
    case 'cursor':
      return cursorPaging;
    case 'search':
      return searchCursorPaging;
    case 'offset':
      return pageNumberPaging;
    case 'scroll':
      return scrollParamPaging(items);
  }
}

function pageOf<Item, Response>(fetched: FetchedPage, items: string): Page<Item, Response> {
  const found = fetched.body[items];
  const next = fetched.fetchNext;
  return new Page<Item, Response>(
    (Array.isArray(found) ? found : []) as Item[],
    fetched.body as Response,
    next === undefined ? undefined : async () => pageOf<Item, Response>(await next(), items),
  );
}
