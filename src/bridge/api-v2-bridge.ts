/**
 * The seed-style client on API 2.x: every request its 1.x resources make is translated into the
 * 2.x calls that do the same, and the 2.x answers into the body 1.x would have given, so the
 * resources, models and iterators work unchanged. Built by `new Client({ apiVersion: '2.16' })`.
 *
 * @module
 */
import { InvalidParameterError, UnavailableOnApi2Error } from '../core/errors.js';
import type { ApiRequest } from '../core/request-pipeline.js';
import type { RequestSender } from '../core/request-sender.js';
import { conversationRoutes } from './conversation-routes.js';
import { countRoutes } from './count-routes.js';
import { jobRoutes } from './job-routes.js';
import { peopleRoutes } from './people-routes.js';
import { type BridgeContext, type BridgeRoute, literalSegments, matchRoute } from './route-table.js';
import { subscriptionRoutes } from './subscription-routes.js';

/** The families of the seed-style client, each translating its own 1.x paths. */
const FAMILIES = [peopleRoutes, conversationRoutes, countRoutes, jobRoutes, subscriptionRoutes];

/** Sends 1.x requests by translating them to API 2.x (see the module comment). */
export class ApiV2Bridge implements RequestSender {
  readonly #routes: readonly BridgeRoute[];
  readonly #baseUrl: string;

  /**
   * @param v2 sends the 2.x requests: the client's pipeline, whose `Intercom-Version` is a 2.x version.
   * @param baseUrl the client's base URL, without a trailing slash.
   * @param apiVersion the 2.x version `v2` sends.
   */
  constructor(v2: RequestSender, baseUrl: string, apiVersion: string) {
    this.#baseUrl = baseUrl;
    const context: BridgeContext = { v2, bridge: this, baseUrl, apiVersion };
    // The more literal path wins (`/contacts/convert` before `/contacts/:id`), whatever the family order.
    this.#routes = FAMILIES.flatMap((family) => family(context)).sort((a, b) => literalSegments(b) - literalSegments(a));
  }

  /** Translates one 1.x request; a 1.x call with no 2.x equivalent throws {@link UnavailableOnApi2Error}. */
  send(request: ApiRequest): Promise<unknown> {
    const { path, query } = this.#target(request);
    const segments = path.split('/');
    for (const route of this.#routes) {
      const params = matchRoute(route, request.method, segments);
      if (params !== undefined) {
        return route.handle({ request, path, params, query, body: request.body, options: request.options });
      }
    }
    return Promise.reject(
      new UnavailableOnApi2Error(`equivalent of the 1.x call ${request.method} ${path}`, 'it is not translated'),
    );
  }

  /** The 1.x path and query of a request: a path, or a link the bridge answered under the base URL. */
  #target(request: ApiRequest): { path: string; query: Record<string, string> } {
    let target = request.path;
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
      if (!target.startsWith(`${this.#baseUrl}/`)) {
        throw new InvalidParameterError('path', 'is a link outside the API base URL');
      }
      target = target.slice(this.#baseUrl.length);
    }
    const queryAt = target.indexOf('?');
    const query: Record<string, string> = {};
    if (queryAt >= 0) {
      for (const [key, value] of new URLSearchParams(target.slice(queryAt + 1))) query[key] = value;
      target = target.slice(0, queryAt);
    }
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) query[key] = value === null ? '' : String(value);
    }
    return { path: target, query };
  }
}
