/**
 * The bridge's translation of webhook subscriptions to API 2.x: there is none. API 2.x has no
 * `/subscriptions`: an app's webhook topics and its endpoint URL are set on the app's Webhooks page in
 * the Intercom Developer Hub (`/subscription_types` in 2.x is another thing: email subscription
 * preferences of contacts). Every 1.x subscription call throws {@link UnavailableOnApi2Error} before
 * anything is sent. Notifications still arrive in the 1.x shape their topic has, so the webhook
 * receiver (`intercom-ts/webhooks`) keeps working.
 *
 * @module
 */
import { UnavailableOnApi2Error } from '../core/errors.js';
import type { ApiRequest } from '../core/request-pipeline.js';
import type { BridgeRoute, BridgeRoutes } from './route-table.js';

/** Where webhook subscriptions went on API 2.x. */
export const WEBHOOK_SUBSCRIPTIONS_MOVED =
  "webhook topics and the URL they are sent to are configured on your app's Webhooks page in the Intercom Developer Hub, not over the API (2.x /subscription_types are email subscription preferences, another thing)";

const CALLS: ReadonlyArray<[ApiRequest['method'], string]> = [
  ['POST', '/subscriptions'],
  ['GET', '/subscriptions'],
  ['GET', '/subscriptions/:id'],
  ['POST', '/subscriptions/:id'],
  ['DELETE', '/subscriptions/:id'],
  ['POST', '/subscriptions/:id/ping'],
];

/** The 1.x routes of webhook subscriptions: each refuses, saying where subscriptions moved. */
export const subscriptionRoutes: BridgeRoutes = () =>
  CALLS.map(
    ([method, path]): BridgeRoute => ({
      method,
      path,
      handle: async () => {
        throw new UnavailableOnApi2Error('webhook subscriptions', WEBHOOK_SUBSCRIPTIONS_MOVED);
      },
    }),
  );
