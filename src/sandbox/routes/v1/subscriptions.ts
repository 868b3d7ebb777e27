/** `/subscriptions` (API 1.x): create, list, find, update and delete webhook subscriptions. */
import { randomUUID } from 'node:crypto';
import { MAX_SUBSCRIPTIONS, WEBHOOK_TOPICS, WEBHOOK_TOPICS_SINCE_1_2 } from '../../../contract/v1.js';
import { invalid, missing, notFound } from '../../api-error.js';
import { API_VERSIONS, apiFamilyOf, versionAtLeast } from '../../api-version.js';
import { nowSeconds, type SubscriptionRecord } from '../../domain/records.js';
import { renderSubscription } from '../../renderers/v1/subscriptions.js';
import { V2_WEBHOOK_TOPICS } from '../../renderers/v2/notifications.js';
import { type Body, bodyObject, optionalString } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';
import { assertLoopbackUrl } from '../../webhooks.js';

/**
 * True when `topic` is a topic of this version, or a prefix of one (`company`, `conversation.admin`).
 * A subscription rendered in 2.x (`family` 2) takes 2.x topics; one with no version of its own, either.
 */
function knownTopic(topic: string, ctx: RouteContext, family: 1 | 2 | undefined): boolean {
  const v1 = WEBHOOK_TOPICS.filter((t) => !WEBHOOK_TOPICS_SINCE_1_2.has(t) || versionAtLeast(ctx.version, '1.2'));
  const available = family === 1 ? v1 : family === 2 ? V2_WEBHOOK_TOPICS : [...v1, ...V2_WEBHOOK_TOPICS];
  return available.some((t) => t === topic || t.startsWith(`${topic}.`));
}

/**
 * The API version the subscription's notifications are rendered in (`api_version`, the sandbox's
 * stand-in for the Developer Hub's webhook version); undefined when not given.
 */
function readApiVersion(body: Body): string | undefined {
  const version = optionalString(body, 'api_version');
  if (version === undefined || version === null) return undefined;
  if (apiFamilyOf(version) === undefined) throw invalid(`api_version must be one of ${API_VERSIONS.join(', ')}`, 'api_version');
  return version;
}

function readTopics(body: Body, ctx: RouteContext, family: 1 | 2 | undefined): string[] | undefined {
  const topics = body.topics;
  if (topics === undefined || topics === null) return undefined;
  if (!Array.isArray(topics) || topics.length === 0 || topics.some((t) => typeof t !== 'string')) {
    throw invalid('topics must be a non-empty array of topic names', 'topics');
  }
  for (const topic of topics as string[]) {
    if (!knownTopic(topic, ctx, family)) throw invalid(`'${topic}' is not a valid topic`, 'topics');
  }
  return [...new Set(topics as string[])];
}

function readUrl(body: Body): string | undefined {
  const url = optionalString(body, 'url');
  if (url === undefined || url === null) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid('url must be a valid http(s) URL', 'url');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw invalid('url must be a valid http(s) URL', 'url');
  assertLoopbackUrl(parsed);
  return url;
}

function readMetadata(body: Body): Record<string, unknown> | undefined {
  const metadata = body.metadata;
  if (metadata === undefined || metadata === null) return undefined;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw invalid('metadata must be an object', 'metadata');
  const eventNames = (metadata as Body).event_names;
  if (
    eventNames !== undefined &&
    (!Array.isArray(eventNames) || eventNames.some((name) => typeof name !== 'string' || name === ''))
  ) {
    throw invalid('metadata.event_names must be an array of event names', 'metadata.event_names');
  }
  return { ...(metadata as Body) };
}

/** The fields of a create or update body, checked before anything changes. */
function readSubscription(ctx: RouteContext, existing: SubscriptionRecord | undefined) {
  const body = bodyObject(ctx.body);
  const url = readUrl(body);
  const apiVersion = readApiVersion(body) ?? existing?.api_version;
  const topics = readTopics(body, ctx, apiVersion === undefined ? undefined : apiFamilyOf(apiVersion));
  if (existing === undefined) {
    if (url === undefined) throw missing('url');
    if (topics === undefined) throw missing('topics');
  }
  const serviceType = optionalString(body, 'service_type');
  if (serviceType !== undefined && serviceType !== null && serviceType !== 'web') {
    throw invalid("service_type must be 'web'", 'service_type');
  }
  const hubSecret = optionalString(body, 'hub_secret');
  const metadata = readMetadata(body);
  const finalTopics = topics ?? existing?.topics ?? [];
  const finalMetadata = metadata ?? existing?.metadata ?? {};
  if (finalTopics.includes('event.created') || finalTopics.includes('event')) {
    if (!Array.isArray(finalMetadata.event_names) || finalMetadata.event_names.length === 0) {
      throw invalid('event.created needs metadata.event_names: the event names to be notified of', 'metadata.event_names');
    }
  }
  return { url, topics: finalTopics, hubSecret, metadata: finalMetadata, apiVersion };
}

const render = (ctx: RouteContext, record: SubscriptionRecord): Record<string, unknown> =>
  renderSubscription(record, ctx.origin, ctx.store.appId);

function find(ctx: RouteContext): SubscriptionRecord {
  const record = ctx.store.subscriptions.get(ctx.params.id as string);
  if (record === undefined) throw notFound('Subscription Not Found');
  return record;
}

/** Registers `/subscriptions` and `/subscriptions/{id}` (create, list, find, update, delete). */
export function subscriptionRoutes(router: Router): void {
  router.add('POST', '/subscriptions', (ctx) => {
    const fields = readSubscription(ctx, undefined);
    const { store } = ctx;
    if (store.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw invalid(`An app may have at most ${MAX_SUBSCRIPTIONS} subscriptions`);
    }
    const now = nowSeconds();
    const record: SubscriptionRecord = {
      id: `nsub_${randomUUID()}`,
      created_at: now,
      updated_at: now,
      service_type: 'web',
      url: fields.url as string,
      topics: fields.topics,
      hub_secret: fields.hubSecret ?? null,
      metadata: fields.metadata,
      active: true,
      ...(fields.apiVersion === undefined ? {} : { api_version: fields.apiVersion }),
    };
    store.addSubscription(record);
    return { status: 200, body: render(ctx, record) };
  });

  router.add('GET', '/subscriptions', (ctx) => ({
    status: 200,
    body: {
      type: 'notification_subscription.list',
      items: [...ctx.store.subscriptions.values()].map((record) => render(ctx, record)),
    },
  }));

  router.add('GET', '/subscriptions/:id', (ctx) => ({ status: 200, body: render(ctx, find(ctx)) }));

  router.add('POST', '/subscriptions/:id', (ctx) => {
    const record = find(ctx);
    const fields = readSubscription(ctx, record);
    if (fields.url !== undefined) record.url = fields.url;
    record.topics = fields.topics;
    if (fields.hubSecret !== undefined) record.hub_secret = fields.hubSecret;
    record.metadata = fields.metadata;
    if (fields.apiVersion !== undefined) record.api_version = fields.apiVersion;
    record.updated_at = nowSeconds();
    return { status: 200, body: render(ctx, record) };
  });

  router.add('DELETE', '/subscriptions/:id', (ctx) => {
    const record = find(ctx);
    ctx.store.removeSubscription(record);
    return { status: 200, body: render(ctx, record) };
  });
}
