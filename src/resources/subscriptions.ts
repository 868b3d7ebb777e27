import { WEBHOOK_TOPICS, type WebhookTopic } from '../contract/v1.js';
import { InvalidParameterError } from '../core/errors.js';
import { entity, type JsonObject } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { describe, requireId, requireObject } from '../core/validation.js';

// The topics are a fact of API 1.x (src/contract/v1.ts); re-exported for the modules that read them here.
export { WEBHOOK_TOPICS, type WebhookTopic } from '../contract/v1.js';

/** `a` | `a.b` for `a.b.c`: the prefixes of a dotted name. */
type PrefixesOf<T extends string> = T extends `${infer Head}.${infer Rest}` ? Head | `${Head}.${PrefixesOf<Rest>}` : never;

/** A topic prefix, which subscribes to every topic under it: `company`, `conversation.admin`, `user.tag`... */
export type WebhookTopicPrefix = PrefixesOf<WebhookTopic>;

/** What a subscription may name: a topic, or a prefix of topics. */
export type SubscriptionTopic = WebhookTopic | WebhookTopicPrefix;

/** A webhook subscription (`notification_subscription`). Timestamps are epoch seconds. */
export interface Subscription {
  type: 'notification_subscription';
  /** `nsub_` and a UUID. */
  id: string;
  created_at: number;
  updated_at: number;
  /** Always `web`. */
  service_type: 'web';
  /** Where notifications are POSTed. */
  url: string;
  topics: SubscriptionTopic[];
  active: boolean;
  /** Key of the `X-Hub-Signature` HMAC, or null. */
  hub_secret: string | null;
  /** `event_names` for `event.created`. */
  metadata: SubscriptionMetadata;
  mode?: 'point';
  notes?: unknown[];
  app_id?: string;
  self?: string;
  /** Feeds of sent and failed notifications. */
  links?: { sent?: string; retry?: string; errors?: string; [link: string]: string | undefined };
  [field: string]: unknown;
}

/** A subscription's metadata. */
export type SubscriptionMetadata = {
  /** The event names an `event.created` subscription is notified of. */
  event_names?: string[];
  [field: string]: unknown;
};

/** The writable fields of a subscription. */
export type SubscriptionFields = {
  /** An http(s) URL that receives the notifications. */
  url: string;
  /** Topics or topic prefixes; at least one. */
  topics: SubscriptionTopic[];
  /** Signs each notification: `X-Hub-Signature: sha1=<HMAC-SHA1(hub_secret, body)>`. */
  hub_secret?: string;
  /** Only `web`, the default. */
  service_type?: 'web';
  /** Required with `event.created` (or the `event` prefix): `{ event_names: [...] }`. */
  metadata?: SubscriptionMetadata;
};

/** Parameters of {@link Subscriptions.create}. */
export type CreateSubscriptionParams = SubscriptionFields;

/** Parameters of {@link Subscriptions.update}: the subscription's `id` and the fields to replace. */
export type UpdateSubscriptionParams = { id: string } & Partial<SubscriptionFields>;

const KNOWN_TOPICS: ReadonlySet<string> = new Set<string>([
  ...WEBHOOK_TOPICS,
  ...WEBHOOK_TOPICS.flatMap((topic) => {
    const parts = topic.split('.');
    return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('.'));
  }),
]);

/** Checks the fields present and returns them as a body, in the order given. */
function subscriptionBody(params: JsonObject, purpose: 'create' | 'update'): JsonObject {
  const required = purpose === 'create';
  const body: JsonObject = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'id' || value === undefined) continue;
    body[key] = value;
  }
  if (body.url !== undefined || required) {
    let url: URL | undefined;
    try {
      url = typeof body.url === 'string' ? new URL(body.url) : undefined;
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw new InvalidParameterError('params.url', 'must be an http(s) URL');
    }
  }
  if (body.topics !== undefined || required) {
    const topics = body.topics;
    if (!Array.isArray(topics) || topics.length === 0) {
      throw new InvalidParameterError('params.topics', `must be a non-empty array of topics (got ${describe(topics)})`);
    }
    topics.forEach((topic: unknown, i) => {
      if (typeof topic !== 'string' || !KNOWN_TOPICS.has(topic)) {
        throw new InvalidParameterError(`params.topics[${i}]`, `'${String(topic)}' is not a webhook topic of API 1.x`);
      }
    });
  }
  if (body.hub_secret !== undefined && typeof body.hub_secret !== 'string') {
    throw new InvalidParameterError('params.hub_secret', 'must be a string');
  }
  if (body.service_type !== undefined && body.service_type !== 'web') {
    throw new InvalidParameterError('params.service_type', "must be 'web'");
  }
  if (body.metadata !== undefined) requireObject(body.metadata, 'params.metadata');
  const topics = Array.isArray(body.topics) ? (body.topics as string[]) : [];
  if (topics.includes('event.created') || topics.includes('event')) {
    const names = (body.metadata as SubscriptionMetadata | undefined)?.event_names;
    if (!Array.isArray(names) || names.length === 0 || names.some((name) => typeof name !== 'string' || name === '')) {
      throw new InvalidParameterError('params.metadata.event_names', 'event.created needs the event names to be notified of');
    }
  }
  return body;
}

/**
 * Webhook subscriptions: `intercom.subscriptions`.
 *
 * ```ts
 * const sub = await intercom.subscriptions.create({ url: 'https://example.org/hooks', topics: ['user.created'] });
 * await intercom.subscriptions.delete(sub);
 * ```
 */
export class Subscriptions extends APIResource {
  /** Subscribes a URL to topics (`POST /subscriptions`). Not repeated after a lost answer. */
  async create(params: CreateSubscriptionParams, options?: RequestOptions): Promise<Subscription> {
    requireObject(params, 'params');
    const body = subscriptionBody(params, 'create');
    return entity<Subscription>(await this.http.post('/subscriptions', { body, options }));
  }

  /** One subscription (`GET /subscriptions/{id}`). */
  async find(params: { id: string }, options?: RequestOptions): Promise<Subscription> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    return entity<Subscription>(await this.http.get(apiPath`/subscriptions/${id}`, { options }));
  }

  /**
   * Replaces fields of a subscription (`POST /subscriptions/{id}`); `metadata`, when given, replaces
   * the stored one entirely.
   */
  async update(params: UpdateSubscriptionParams, options?: RequestOptions): Promise<Subscription> {
    requireObject(params, 'params');
    const id = requireId(params.id, 'params.id');
    const body = subscriptionBody(params, 'update');
    return entity<Subscription>(await this.http.post(apiPath`/subscriptions/${id}`, { body, idempotent: true, options }));
  }

  /**
   * Asks Intercom to send a `ping` notification to the subscription's URL now
   * (`POST /subscriptions/{id}/ping`), whatever its topics: a check that the receiver is reachable.
   */
  async ping(subscription: { id: string }, options?: RequestOptions): Promise<void> {
    requireObject(subscription, 'subscription');
    const id = requireId(subscription.id, 'subscription.id');
    // Sending it twice only sends a second ping.
    await this.http.post(apiPath`/subscriptions/${id}/ping`, { body: {}, idempotent: true, options });
  }

  /** Deletes a subscription (`DELETE /subscriptions/{id}`). */
  async delete(subscription: { id: string }, options?: RequestOptions): Promise<void> {
    requireObject(subscription, 'subscription');
    const id = requireId(subscription.id, 'subscription.id');
    await this.http.delete(apiPath`/subscriptions/${id}`, { body: {}, options });
  }

  /** Every subscription of the app (`GET /subscriptions`; the list's items are under `items`). */
  all(options?: RequestOptions): PageIterator<Subscription> {
    return this.http.list('/subscriptions', { itemsKey: 'items', toModel: (raw: JsonObject) => raw as Subscription, options });
  }
}
