/**
 * How the bridge finds the translation of a 1.x request: each family of the seed-style client
 * (people, conversations, counts, jobs...) gives a table of {@link BridgeRoute}s, one per 1.x method and
 * path, each answering the body the 1.x API would have answered.
 *
 * @module
 */
import type { ApiRequest, RequestOptions } from '../core/request-pipeline.js';
import type { RequestSender } from '../core/request-sender.js';

/** One 1.x request as a route sees it. */
export interface BridgeCall {
  /** The request as the 1.x resource made it. */
  readonly request: ApiRequest;
  /** The 1.x path, without query: `/users/5f1...`. */
  readonly path: string;
  /** The route's `:name` segments, percent-decoded. */
  readonly params: Readonly<Record<string, string>>;
  /** The query of the path (a `pages.next` link) and of `request.query`, as strings, the latter winning. */
  readonly query: Readonly<Record<string, string>>;
  /** The JSON body, if any. */
  readonly body: unknown;
  /** The caller's per-call options: pass them on to every 2.x request the route sends. */
  readonly options: RequestOptions | undefined;
}

/** What a family's routes work with. Built once per client. */
export interface BridgeContext {
  /** Sends a 2.x request (`Intercom-Version` 2.x) through the client's pipeline: retries, pacing, hooks. */
  readonly v2: RequestSender;
  /** Sends a 1.x request through the bridge itself (a bulk job's items are 1.x writes). */
  readonly bridge: RequestSender;
  /**
   * The client's base URL without a trailing slash. `pages.next` links the bridge answers point here, so
   * the 1.x iterators send them back to the bridge: `${baseUrl}/users?starting_after=...`.
   */
  readonly baseUrl: string;
  /** The 2.x version the client sends (`'2.7'` to `'2.16'`): a route may choose its calls by it. */
  readonly apiVersion: string;
}

/** The translation of one 1.x method and path. */
export interface BridgeRoute {
  readonly method: ApiRequest['method'];
  /** The 1.x path, with `:name` for a variable segment: `/users/:id`. */
  readonly path: string;
  /** Sends the 2.x calls and answers the 1.x body (`null` for an empty one). */
  handle(call: BridgeCall): Promise<unknown>;
}

/** A family's routes, built with the client's {@link BridgeContext} (a family may keep state in it). */
export type BridgeRoutes = (context: BridgeContext) => readonly BridgeRoute[];

/** A route and the values of its variable segments, or `undefined` when `path` is not its path. */
export function matchRoute(route: BridgeRoute, method: string, segments: readonly string[]): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const pattern = route.path.split('/');
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith(':')) {
      if (actual === '') return undefined;
      params[expected.slice(1)] = decodeURIComponent(actual);
    } else if (expected !== actual) return undefined;
  }
  return params;
}

/** How many literal segments a route's path has: of two matching routes, the more literal one wins. */
export function literalSegments(route: BridgeRoute): number {
  return route.path.split('/').filter((segment) => segment !== '' && !segment.startsWith(':')).length;
}
