import type { ApiVersion } from './api-version.js';
import type { Store } from './domain/store.js';

/** What a route handler gets. */
export interface RouteContext {
  method: string;
  /** Path parameters (`/users/:id` → `{ id }`), percent-decoded. */
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body, or undefined without one. */
  body: unknown;
  version: ApiVersion;
  store: Store;
  /** `http://127.0.0.1:4010`: for absolute links such as `pages.next`. */
  origin: string;
  /** The admin the request's token belongs to. */
  adminId: string;
}

/** What a route handler answers. A body of `undefined` is sent as an empty body. */
export interface RouteResult {
  status: number;
  body?: unknown;
}

export type RouteHandler = (ctx: RouteContext) => RouteResult;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: RouteHandler;
}

/** A match: the handler and its path parameters; `methodMismatch` when only the method differed. */
export type RouteMatch = { handler: RouteHandler; params: Record<string, string> } | { methodMismatch: true } | undefined;

/** Maps method and path to a handler. Patterns use `:name` segments; static routes win over parameters. */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, path: string, handler: RouteHandler): this {
    const names: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    this.#routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    // Static segments first: `/users/scroll` must win over `/users/:id`.
    this.#routes.sort((a, b) => a.names.length - b.names.length);
    return this;
  }

  match(method: string, path: string): RouteMatch {
    let methodMismatch = false;
    for (const route of this.#routes) {
      const m = route.pattern.exec(path);
      if (m === null) continue;
      if (route.method !== method) {
        methodMismatch = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] as string);
      });
      return { handler: route.handler, params };
    }
    return methodMismatch ? { methodMismatch: true } : undefined;
  }
}
