/**
 * Live webhook subscriptions: the dispatcher is the domain's event sink. It turns each domain event
 * into a notification in the API family of each subscription (its `api_version`, else the sandbox's
 * webhook version): 1.x topics and items (`user.created`, a user), or 2.x ones (`contact.user.created`,
 * a contact). It POSTs a signed `notification_event` to every active subscription of the topic,
 * in the background (never delaying the API's answer), retrying failures with bounded exponential
 * backoff. Deliveries only ever go to loopback addresses.
 */
import { createHmac, randomUUID } from 'node:crypto';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { type ApiError, invalid } from './api-error.js';
import { type ApiVersion, apiFamilyOf } from './api-version.js';
import { normaliseEventName } from './domain/data-events.js';
import type { DomainEvent, EventSink } from './domain/event-sink.js';
import { nowSeconds, type SubscriptionRecord } from './domain/records.js';
import type { Store } from './domain/store.js';
import { type Notification, notificationOf } from './renderers/v1/notifications.js';
import { v2NotificationOf } from './renderers/v2/notifications.js';

/** How the sandbox delivers notifications. */
export interface WebhookOptions {
  /** Attempts per notification, the first included. Default: 5. */
  maxAttempts?: number;
  /** Delay before the first retry, in ms; each further retry waits twice as long. Default: 1,000. */
  retryDelayMs?: number;
  /** Longest wait between two attempts, in ms. Default: 60,000. */
  maxRetryDelayMs?: number;
  /** How long a receiver has to answer, in ms; a slower one counts as a failed attempt. Default: 5,000. */
  timeoutMs?: number;
}

/** The defaults of {@link WebhookOptions}. */
export const DEFAULT_WEBHOOK_OPTIONS: Readonly<Required<WebhookOptions>> = {
  maxAttempts: 5,
  retryDelayMs: 1_000,
  maxRetryDelayMs: 60_000,
  timeoutMs: 5_000,
};

/** One POST of a notification. */
export interface WebhookAttempt {
  /** 1 for the first attempt. */
  number: number;
  /** When it was sent (epoch milliseconds). */
  sentAt: number;
  /** The receiver's status, or null when no answer came (refused connection, timeout). */
  status: number | null;
  /** Why the attempt failed, or null when it succeeded (a 2xx answer). */
  error: string | null;
  /** The `X-Hub-Signature` sent, or null without a `hub_secret`. */
  signature: string | null;
}

/** A notification on its way to one subscription. */
export interface WebhookDelivery {
  /** The notification's id (`notif_<uuid>`; null for pings, as Intercom sends them). */
  id: string | null;
  subscriptionId: string;
  url: string;
  topic: string;
  /** The API version the notification is rendered in: the subscription's, else the sandbox's webhook version. */
  apiVersion: ApiVersion;
  /**
   * `pending` while attempts remain, `delivered` after a 2xx, `failed` after the last failed attempt,
   * `cancelled` when the subscription was deleted or the sandbox reset or closed first.
   */
  state: 'pending' | 'delivered' | 'failed' | 'cancelled';
  attempts: WebhookAttempt[];
  /** The notification as last sent (`delivery_attempts` and `first_sent_at` filled in). */
  notification: Record<string, unknown>;
}

const USER_AGENT = 'intercom-parrot-service-client/1.0';
/** Entries kept per feed, and deliveries kept for assertions; the oldest go first. */
const MAX_FEED = 200;
const MAX_DELIVERIES = 10_000;
/** Bytes of a receiver's answer kept in the error feed. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** True for 127.0.0.0/8, ::1 (and IPv4-mapped 127/8) and `localhost`: the receivers on this machine. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return (
    host === 'localhost' ||
    host === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host) ||
    /^::ffff:(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|7f[0-9a-f]{2}:[0-9a-f]{1,4})$/.test(host)
  );
}

/** 400 unless the URL points at this machine: the sandbox never sends notifications anywhere else. */
export function assertLoopbackUrl(url: URL): void {
  if (isLoopbackHost(url.hostname)) return;
  const error: ApiError = invalid(
    `The sandbox delivers webhooks only to loopback addresses (127.0.0.0/8, ::1 or localhost), and '${url.hostname}' is not one: ` +
      'run your receiver on this machine, e.g. http://127.0.0.1:8080/webhooks',
    'url',
  );
  throw error;
}

/** A DNS lookup that refuses names resolving outside loopback (`localhost` mapped elsewhere). */
const loopbackLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const outside = addresses.find((a) => !isLoopbackHost(a.address));
    if (outside !== undefined || addresses.length === 0) {
      const refused: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to ${outside?.address ?? 'nothing'}, not a loopback address`,
      );
      refused.code = 'ENOTLOOPBACK';
      callback(refused, '', 0);
      return;
    }
    if (options.all) callback(null, addresses);
    else callback(null, addresses[0]?.address ?? '', addresses[0]?.family ?? 4);
  });
};

/** What a receiver answered, or why it did not. */
type Outcome = { status: number; headers: Record<string, string>; body: string } | { error: string };

/** One POST, on its own connection, within `timeoutMs`. */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? https.request : http.request;
    let settled = false;
    const done = (outcome: Outcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = send(url, { method: 'POST', headers, agent: false, lookup: loopbackLookup, signal }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < MAX_RESPONSE_BYTES) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('error', (error) => done({ error: error.message }));
      res.on('end', () => {
        const responseHeaders: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        const text = Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BYTES);
        done({ status: res.statusCode ?? 0, headers: responseHeaders, body: text });
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      done({ error: `no answer within ${timeoutMs} ms` });
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) =>
      done({ error: error.code ? `${error.code}: ${error.message}` : error.message }),
    );
    req.end(body);
  });
}

/** How long to wait after failed attempt `number` (1, 2, ...): `retryDelayMs` doubled each time, at most `maxRetryDelayMs`. */
export function retryDelay(number: number, options: Pick<Required<WebhookOptions>, 'retryDelayMs' | 'maxRetryDelayMs'>): number {
  return Math.min(options.retryDelayMs * 2 ** (number - 1), options.maxRetryDelayMs);
}

/** True when the subscription names the topic or a prefix of it; `ping` is always subscribed. */
function subscribes(subscription: SubscriptionRecord, topic: string): boolean {
  return topic === 'ping' || subscription.topics.some((t) => t === topic || topic.startsWith(`${t}.`));
}

/** `event.created` goes only to subscriptions that name the event in `metadata.event_names`. */
function wantsEvent(subscription: SubscriptionRecord, item: Record<string, unknown>): boolean {
  const names = subscription.metadata.event_names;
  if (!Array.isArray(names) || typeof item.event_name !== 'string') return false;
  const name = normaliseEventName(item.event_name);
  return names.some((n) => typeof n === 'string' && normaliseEventName(n) === name);
}

/** A delivery in progress: its timer or request, to cancel on reset. */
interface Pending {
  delivery: WebhookDelivery;
  store: Store;
  url: URL;
  secret: string | null;
  /** The first attempt, queued to run once the request that made the change is handled. */
  immediate: NodeJS.Immediate | undefined;
  /** The next retry. */
  timer: NodeJS.Timeout | undefined;
  abort: AbortController;
  cancelled: boolean;
}

/** What item renderers get: the app's webhook API version, no request specifics. */
export interface RenderContextSource {
  version: ApiVersion;
  origin: string;
  adminId: string;
}

/** Delivers the notifications of one sandbox. */
export class WebhookDispatcher {
  readonly deliveries: WebhookDelivery[] = [];
  readonly #options: Readonly<Required<WebhookOptions>>;
  readonly #context: () => RenderContextSource;
  readonly #pending = new Set<Pending>();
  #waiters: Array<() => void> = [];

  constructor(options: WebhookOptions | undefined, context: () => RenderContextSource) {
    const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => value !== undefined));
    const merged: Required<WebhookOptions> = { ...DEFAULT_WEBHOOK_OPTIONS, ...given };
    for (const [name, value] of Object.entries(merged)) {
      if (!Number.isFinite(value) || value < (name === 'maxAttempts' || name === 'timeoutMs' ? 1 : 0)) {
        throw new TypeError(`webhooks.${name} must be a number >= ${name === 'maxAttempts' || name === 'timeoutMs' ? 1 : 0}`);
      }
    }
    this.#options = merged;
    this.#context = context;
  }

  /** The event sink of the store `current` returns (the sandbox's store, replaced on reset). */
  sinkOf(current: () => Store): EventSink {
    return { publish: (event) => this.#publish(current(), event) };
  }

  #publish(store: Store, event: DomainEvent): void {
    if (event.type === 'subscription.deleted') {
      const id = event.subscription.id;
      this.#cancel((p) => p.store === store && p.delivery.subscriptionId === id);
      return;
    }
    this.#emit(store, event);
  }

  /** Resolves when no delivery is pending: every one delivered, failed for good, or cancelled. */
  idle(): Promise<void> {
    if (this.#pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Cancels every pending delivery and forgets the recorded ones. */
  reset(): void {
    this.#cancel(() => true);
    this.deliveries.length = 0;
  }

  /** Cancels every pending delivery (the sandbox is closing). */
  close(): void {
    this.#cancel(() => true);
  }

  /** Delivers `event` to each subscription it concerns, rendered in that subscription's API version. */
  #emit(store: Store, event: DomainEvent): void {
    if (store.subscriptions.size === 0) return;
    const source = this.#context();
    const byFamily = new Map<1 | 2, Notification | undefined>();
    // Rendered now, as the state is at the change, once per version; sent after the answer.
    const items = new Map<ApiVersion, Record<string, unknown>>();
    const createdAt = nowSeconds();
    for (const subscription of [...store.subscriptions.values()]) {
      const version = (
        apiFamilyOf(subscription.api_version ?? '') === undefined ? source.version : subscription.api_version
      ) as ApiVersion;
      const family = apiFamilyOf(version) ?? 1;
      if (!byFamily.has(family)) byFamily.set(family, family === 2 ? v2NotificationOf(event) : notificationOf(event));
      const shape = byFamily.get(family);
      if (shape === undefined) continue;
      const { topic, render, subscriptionId } = shape;
      const target =
        subscriptionId !== undefined
          ? subscription.id === subscriptionId
          : subscription.active && subscribes(subscription, topic);
      if (!target) continue;
      let item = items.get(version);
      if (item === undefined) {
        item = render({ store, version, query: new URLSearchParams() });
        items.set(version, item);
      }
      if (topic === 'event.created' && !wantsEvent(subscription, item)) continue;
      const ping = topic === 'ping';
      const id = ping ? null : `notif_${randomUUID()}`;
      // Field order as Intercom sends it.
      const notification: Record<string, unknown> = {
        type: 'notification_event',
        app_id: store.appId,
        data: { type: 'notification_event_data', item },
        links: {},
        id,
        topic,
        delivery_status: ping ? null : 'pending',
        delivery_attempts: 0,
        delivered_at: 0,
        first_sent_at: 0,
        created_at: createdAt,
        self: null,
      };
      const delivery: WebhookDelivery = {
        id,
        subscriptionId: subscription.id,
        url: subscription.url,
        topic,
        apiVersion: version,
        state: 'pending',
        attempts: [],
        notification,
      };
      if (this.deliveries.length >= MAX_DELIVERIES) this.deliveries.splice(0, MAX_DELIVERIES / 10);
      this.deliveries.push(delivery);
      const pending: Pending = {
        delivery,
        store,
        url: new URL(subscription.url),
        secret: subscription.hub_secret,
        immediate: undefined,
        timer: undefined,
        abort: new AbortController(),
        cancelled: false,
      };
      this.#pending.add(pending);
      // In the background: the request that made the change is answered without waiting.
      pending.immediate = setImmediate(() => void this.#attempt(pending));
    }
  }

  async #attempt(pending: Pending): Promise<void> {
    const { delivery, store, url, secret } = pending;
    pending.immediate = undefined;
    pending.timer = undefined;
    if (!store.subscriptions.has(delivery.subscriptionId)) {
      this.#finish(pending, 'cancelled');
      return;
    }
    const number = delivery.attempts.length + 1;
    const sentAt = Date.now();
    const notification = delivery.notification;
    if (number === 1) notification.first_sent_at = Math.floor(sentAt / 1000);
    notification.delivery_attempts = number;
    const body = JSON.stringify(notification);
    const signature = secret === null || secret === '' ? null : `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'content-length': String(Buffer.byteLength(body)),
    };
    if (signature !== null) headers['x-hub-signature'] = signature;
    const outcome: Outcome = isLoopbackHost(url.hostname)
      ? await post(url, headers, body, this.#options.timeoutMs, pending.abort.signal)
      : { error: `refused: ${url.hostname} is not a loopback address` };
    if (pending.cancelled) return;
    const ok = 'status' in outcome && outcome.status >= 200 && outcome.status < 300;
    const status = 'status' in outcome ? outcome.status : null;
    const error = ok ? null : 'error' in outcome ? outcome.error : `the receiver answered ${outcome.status}`;
    delivery.attempts.push({ number, sentAt, status, error, signature });
    const feeds = store.feedsOf(delivery.subscriptionId);
    if (ok) {
      pushBounded(feeds.sent, { ...notification, delivery_status: 'delivered', delivered_at: nowSeconds() });
      this.#finish(pending, 'delivered');
      return;
    }
    pushBounded(feeds.errors, {
      ...notification,
      delivery_status: 'failed',
      http_request: {
        request_method: 'POST',
        request_uri: delivery.url,
        request_headers: headers,
        request_entity: body,
        response_status_code: status,
        response_headers: 'headers' in outcome ? outcome.headers : {},
        response_entity: 'body' in outcome ? outcome.body : error,
      },
    });
    if (number >= this.#options.maxAttempts) {
      this.#finish(pending, 'failed');
      return;
    }
    pending.timer = setTimeout(() => void this.#attempt(pending), retryDelay(number, this.#options));
    pending.timer.unref();
  }

  #finish(pending: Pending, state: WebhookDelivery['state']): void {
    pending.delivery.state = state;
    this.#pending.delete(pending);
    if (this.#pending.size > 0) return;
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiters) resolve();
  }

  #cancel(which: (pending: Pending) => boolean): void {
    for (const pending of [...this.#pending].filter(which)) {
      pending.cancelled = true;
      if (pending.immediate !== undefined) clearImmediate(pending.immediate);
      if (pending.timer !== undefined) clearTimeout(pending.timer);
      pending.abort.abort();
      this.#finish(pending, 'cancelled');
    }
  }
}

function pushBounded(feed: Record<string, unknown>[], entry: Record<string, unknown>): void {
  if (feed.length >= MAX_FEED) feed.shift();
  feed.push(entry);
}
