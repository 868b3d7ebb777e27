/**
 * The base of every 2.x resource: `send` turns an operation's path, query and body into a call of
 * the core verbs (so retries, pacing, hooks and timeouts are the core's), with the official SDK's
 * per-call options; `page` makes a list's first {@link Page}.
 *
 * @module
 */

import { InvalidParameterError } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import { type FetchedPage, fetchPage } from '../core/page-walk.js';
import {
  cursorPaging,
  type PaginationStrategy,
  pageNumberPaging,
  scrollParamPaging,
  searchCursorPaging,
} from '../core/pagination-strategies.js';
import type { RequestPipeline } from '../core/request-pipeline.js';
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

/**
 * Base of the 2.x resources. It sends through the pipeline itself rather than the 1.x base's verbs, so
 * that a 2.x bundle carries none of the 1.x list iterators; the safety rule is the same (GET, PUT,
 * PATCH and DELETE repeat after a lost answer, a POST only when its operation says so).
 */
export abstract class V2Resource {
  readonly #pipeline: RequestPipeline;
  readonly #context: V2Context;

  /** @internal */
  constructor(pipeline: RequestPipeline, context: V2Context) {
    this.#pipeline = pipeline;
    this.#context = context;
  }

  /** @internal Sends one request of an operation and answers its parsed body. */
  protected async send<T>(request: OperationRequest, options: RequestOptions | undefined): Promise<T> {
    if (request.method === 'POST') checkSearchRequest(request.path, request.body);
    const path = withQuery(request.path, request.query, options?.queryParams);
    try {
      return (await this.#pipeline.send({
        method: request.method,
        path,
        body: request.body,
        idempotent: request.method !== 'POST' || request.idempotent === true,
        options: coreOptions(options, this.#context),
      })) as T;
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
    const first = await fetchPage(
      this.#pipeline,
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

/** A 2.x resource class, whose prototype receives the table's methods. */
type ResourceClass = abstract new (pipeline: RequestPipeline, context: V2Context) => V2Resource;

/** What `send` and `page` are to the methods {@link defineOperations} installs. */
interface OperationSender {
  send(request: OperationRequest, options: RequestOptions | undefined): Promise<unknown>;
  page(kind: PagingKind, items: string, request: OperationRequest, options: RequestOptions | undefined): Promise<unknown>;
}

/** One row of an operations table, read once when its group is defined. */
interface OperationRow {
  method: OperationRequest['method'];
  /** The path split around its parameters: `['/contacts/', '/tags']` around `['contact_id']`. */
  pathParts: string[];
  pathParams: string[];
  queryKeys: string[];
  body: 'none' | 'flat' | 'wrapped';
  idempotent: boolean;
  paging: { kind: PagingKind; items: string } | undefined;
  literals: Record<string, unknown>;
}

/**
 * Reads a row of a generated operations table: `METHOD /path/{param}`, then `?key,key` (the query
 * keys), `body` (the request's fields other than its parameters) or `body=wrapped` (its `body` field),
 * `retry` (a POST repeated after a lost answer), `page=kind:items` (a list), and a JSON object of the
 * body fields the description fixes.
 */
function operationRow(row: string): OperationRow {
  const [method, path, ...tokens] = row.split(' ') as [OperationRequest['method'], string, ...string[]];
  const pieces = path.split(/\{([^}]+)\}/);
  const out: OperationRow = {
    method,
    pathParts: pieces.filter((_, i) => i % 2 === 0),
    pathParams: pieces.filter((_, i) => i % 2 === 1),
    queryKeys: [],
    body: 'none',
    idempotent: method !== 'POST',
    paging: undefined,
    literals: {},
  };
  for (const token of tokens) {
    if (token.startsWith('?')) out.queryKeys = token.slice(1).split(',');
    else if (token === 'body') out.body = 'flat';
    else if (token === 'body=wrapped') out.body = 'wrapped';
    else if (token === 'retry') out.idempotent = true;
    else if (token.startsWith('page=')) {
      const [kind, items] = token.slice(5).split(':') as [PagingKind, string];
      out.paging = { kind, items };
    } else if (token.startsWith('{')) out.literals = JSON.parse(token) as Record<string, unknown>;
    else throw new TypeError(`unknown token ${token} in the operation ${row}`);
  }
  return out;
}

/** The request an operation sends for a call's `request` object. */
function requestOf(row: OperationRow, request: Record<string, unknown> | undefined): OperationRequest {
  if (request !== undefined && (typeof request !== 'object' || request === null || Array.isArray(request))) {
    throw new InvalidParameterError('request', 'must be an object');
  }
  const given = request ?? {};
  let path = row.pathParts[0] as string;
  row.pathParams.forEach((name, i) => {
    path += encodeURIComponent(pathValue(given[name], name)) + (row.pathParts[i + 1] as string);
  });
  const out: OperationRequest = { method: row.method, path };
  if (row.queryKeys.length > 0) out.query = Object.fromEntries(row.queryKeys.map((key) => [key, given[key]]));
  if (row.body === 'wrapped') out.body = given.body;
  if (row.body === 'flat') {
    const body: Record<string, unknown> = { ...row.literals };
    for (const key of Object.keys(given))
      if (!row.pathParams.includes(key) && !row.queryKeys.includes(key)) body[key] = given[key];
    out.body = body;
  }
  if (row.method === 'POST' && row.idempotent) out.idempotent = true;
  return out;
}

/**
 * A path parameter's text: a non-empty string or a finite number. Anything else would send
 * `/contacts/undefined`, or `/contacts/` (another operation), so it is refused before sending.
 */
function pathValue(value: unknown, name: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InvalidParameterError(name, 'is required: a non-empty string or a number');
}

/**
 * Installs a group's operations on its class from a generated table (method name to row, see
 * {@link operationRow}): one small function per operation instead of one method body each. The
 * group's interface declares the same methods with their types and documentation.
 */
export function defineOperations(target: ResourceClass, table: Readonly<Record<string, string>>): void {
  for (const [name, text] of Object.entries(table)) {
    // Read on the method's first call: importing the client parses none of its 231 rows.
    let row: OperationRow | undefined;
    let takesRequest = false;
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      writable: true,
      value(this: OperationSender, ...args: unknown[]): Promise<unknown> {
        if (row === undefined) {
          row = operationRow(text);
          takesRequest = row.pathParams.length > 0 || row.queryKeys.length > 0 || row.body !== 'none';
        }
        const [request, options] = (takesRequest ? args : [undefined, args[0]]) as [
          Record<string, unknown> | undefined,
          RequestOptions | undefined,
        ];
        let sent: OperationRequest;
        try {
          sent = requestOf(row, request);
        } catch (error) {
          return Promise.reject(error);
        }
        return row.paging === undefined ? this.send(sent, options) : this.page(row.paging.kind, row.paging.items, sent, options);
      },
    });
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
