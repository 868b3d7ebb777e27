/**
 * Typed webhook notifications (`notification_event`): the envelope Intercom POSTs, discriminated on
 * `topic`, with `data.item` built into the client's models.
 *
 * @module
 */
import { IntercomError } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import { Company } from '../resources/companies.js';
import { Contact } from '../resources/contacts.js';
import { type Conversation, toConversation } from '../resources/conversations.js';
import type { DataEvent } from '../resources/events.js';
import { WEBHOOK_TOPICS, type WebhookTopic } from '../resources/subscriptions.js';
import { User } from '../resources/users.js';
import { Visitor } from '../resources/visitors.js';
import { type RawBody, rawText } from './signature.js';

/** A body that is not a notification Intercom sends: not JSON, not a `notification_event`, a field missing. */
export class WebhookPayloadError extends IntercomError {}

/** The item of a `ping` notification (`POST /subscriptions/{id}/ping`, or Intercom checking the endpoint). */
export interface PingItem {
  type: 'ping';
  message: string;
  [field: string]: unknown;
}

/** A tag as embedded in a {@link UserTagItem} or {@link ContactTagItem}. */
export interface NotificationTag {
  type: 'tag';
  id: string;
  name: string;
  [field: string]: unknown;
}

/** The item of `user.tag.created` and `user.tag.deleted`: which tag, on which user (a webhook-only object). */
export interface UserTagItem {
  type: 'user_tag';
  /** When the user was tagged or untagged (epoch seconds). */
  created_at: number;
  tag: NotificationTag;
  user: User;
  [field: string]: unknown;
}

/** The item of `contact.tag.created` and `contact.tag.deleted` (API 1.2+): which tag, on which lead. */
export interface ContactTagItem {
  type: 'contact_tag';
  /** When the lead was tagged or untagged (epoch seconds). */
  created_at: number;
  tag: NotificationTag;
  contact: Contact;
  [field: string]: unknown;
}

/**
 * What `data.item` of a `conversation.*` notification is: the conversation, with the parts the
 * change added (Intercom lists only those) and its tags, unwrapped from their `X.list` wrappers.
 */
export type ConversationItem = Conversation;

/** The item a topic carries (Intercom's "Item Type" column of its topic table). */
export type NotificationItemOf<T extends string> = T extends 'user.tag.created' | 'user.tag.deleted'
  ? UserTagItem
  : T extends `user.${string}`
    ? User
    : T extends 'contact.tag.created' | 'contact.tag.deleted'
      ? ContactTagItem
      : T extends `contact.${string}`
        ? Contact
        : T extends `visitor.${string}`
          ? Visitor
          : T extends `company.${string}`
            ? Company
            : T extends `conversation.${string}` | `conversation_part.${string}`
              ? ConversationItem
              : T extends 'event.created'
                ? DataEvent
                : T extends 'ping'
                  ? PingItem
                  : unknown;

/** The envelope of every notification. Timestamps are epoch seconds (strings on the wire are converted). */
export interface NotificationEnvelope<T extends string, Item> {
  type: 'notification_event';
  /** `notif_` and a UUID; `null` on pings. */
  id: T extends 'ping' ? string | null : string;
  topic: T;
  app_id: string;
  /** When the change happened. */
  created_at: number;
  /** How many times Intercom has tried to deliver this notification, this attempt included. */
  delivery_attempts: number;
  /** When the first attempt was sent. */
  first_sent_at: number;
  /** `pending` as sent (`null` on pings). */
  delivery_status?: string | null;
  delivered_at?: number;
  links?: Record<string, unknown>;
  self?: string | null;
  data: { type: 'notification_event_data'; item: Item; [field: string]: unknown };
  [field: string]: unknown;
}

/** The notification of one topic: `NotificationOf<'user.created'>` has a {@link User} item. */
export type NotificationOf<T extends WebhookTopic> = NotificationEnvelope<T, NotificationItemOf<T>>;

/** A notification of any 1.x topic, discriminated on `topic`. */
export type KnownNotification = { [T in WebhookTopic]: NotificationOf<T> }[WebhookTopic];

/** A notification of a topic intercom-ts does not know (one Intercom added later): parsed, its item as sent. */
export type UnknownNotification = NotificationEnvelope<string, unknown>;

/**
 * What {@link parseNotification} returns. {@link isKnownNotification} tells a known topic apart;
 * then a `switch` on `topic` gives each branch its item's type.
 */
export type Notification = KnownNotification | UnknownNotification;

const KNOWN_TOPICS: ReadonlySet<string> = new Set<string>(WEBHOOK_TOPICS);

/** True when `topic` is one of the 1.x topics intercom-ts types. */
export function isKnownTopic(topic: string): topic is WebhookTopic {
  return KNOWN_TOPICS.has(topic);
}

/**
 * True when the notification's topic is one intercom-ts types; it narrows the notification to
 * {@link KnownNotification}, on which a `switch (notification.topic)` types each item.
 *
 * ```ts
 * const notification = parseNotification(rawBody);
 * if (isKnownNotification(notification)) {
 *   switch (notification.topic) {
 *     case 'user.created': console.log(notification.data.item.email); break; // a User
 *     case 'conversation.user.replied': console.log(notification.data.item.id); break; // a conversation
 *   }
 * }
 * ```
 */
export function isKnownNotification(notification: Notification): notification is KnownNotification {
  return isKnownTopic(notification.topic);
}

/** Keys whose string values are timestamps, besides every key ending in `_at`. */
const TIMESTAMP_KEYS = new Set(['waiting_since', 'snoozed_until']);

/** Epoch seconds of a timestamp sent as a string: an integer string, or an ISO 8601 date. */
function epochOf(text: string): number | undefined {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return Math.floor(ms / 1000);
  }
  return undefined;
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Converts, at any depth, string timestamps (keys ending in `_at`, `waiting_since`, `snoozed_until`)
 * to epoch seconds, and drops own `__proto__` keys (so that building a model can never swap its
 * prototype). Iterative: a deeply nested payload cannot overflow the stack.
 */
export function normaliseTimestamps(root: unknown): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (Array.isArray(value)) {
      for (const element of value) if (typeof element === 'object' && element !== null) stack.push(element);
      continue;
    }
    if (!isObject(value)) continue;
    if (Object.hasOwn(value, '__proto__')) Reflect.deleteProperty(value, '__proto__');
    for (const [key, field] of Object.entries(value)) {
      if (typeof field === 'string') {
        if (key.endsWith('_at') || TIMESTAMP_KEYS.has(key)) {
          const epoch = epochOf(field);
          if (epoch !== undefined) value[key] = epoch;
        }
      } else if (typeof field === 'object' && field !== null) stack.push(field);
    }
  }
}

/** The model of a known topic's item. */
function buildItem(topic: WebhookTopic, item: JsonObject): unknown {
  if (topic === 'user.tag.created' || topic === 'user.tag.deleted') {
    if (isObject(item.user)) item.user = new User(item.user);
    return item;
  }
  if (topic === 'contact.tag.created' || topic === 'contact.tag.deleted') {
    if (isObject(item.contact)) item.contact = new Contact(item.contact);
    return item;
  }
  const [family] = topic.split('.');
  switch (family) {
    case 'user':
      return new User(item);
    case 'contact':
      return new Contact(item);
    case 'visitor':
      return new Visitor(item);
    case 'company':
      return new Company(item);
    case 'conversation':
    case 'conversation_part':
      return toConversation(item);
    default:
      // event.created (a DataEvent) and ping: plain objects.
      return item;
  }
}

function requireField(notification: JsonObject, key: string, kind: 'string' | 'number'): void {
  const value = notification[key];
  if (typeof value !== kind || (kind === 'string' && value === '') || (kind === 'number' && !Number.isFinite(value))) {
    throw new WebhookPayloadError(
      `The notification's ${key} must be a ${kind === 'string' ? 'non-empty string' : 'number'} (got ${JSON.stringify(value) ?? 'nothing'})`,
      { field: key },
    );
  }
}

/**
 * Parses the raw body of a webhook request into a typed {@link Notification}. Switch on `topic` and
 * `data.item` has the topic's type: a {@link User} for `user.created`, a conversation for
 * `conversation.user.replied`, a {@link Company} for `company.created`, and so on; a topic intercom-ts
 * does not know still parses, with its item as sent. Timestamps sent as strings (epoch or ISO 8601)
 * become epoch seconds. Verify the signature first ({@link verifySignature}): parsing does not.
 *
 * Throws {@link WebhookPayloadError} for a body that is not JSON or not a `notification_event`, and
 * {@link InvalidParameterError} for a body that was already parsed into an object.
 *
 * ```ts
 * const notification = parseNotification(rawBody);
 * if (notification.topic === 'user.created') console.log(notification.data.item.email);
 * ```
 */
export function parseNotification(rawBody: RawBody): Notification {
  const text = rawText(rawBody);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new WebhookPayloadError(`The notification is not valid JSON (${(error as Error).message})`, { cause: error });
  }
  if (!isObject(parsed) || parsed.type !== 'notification_event') {
    throw new WebhookPayloadError(
      `The body is not an Intercom notification: its type must be 'notification_event' (got ${
        isObject(parsed) ? (JSON.stringify(parsed.type) ?? 'none') : Array.isArray(parsed) ? 'an array' : typeof parsed
      })`,
      { field: 'type' },
    );
  }
  normaliseTimestamps(parsed);
  if (typeof parsed.delivery_attempts === 'string' && /^\d+$/.test(parsed.delivery_attempts)) {
    parsed.delivery_attempts = Number(parsed.delivery_attempts);
  }
  requireField(parsed, 'topic', 'string');
  // Intercom sends pings with a null id.
  if (!(parsed.topic === 'ping' && parsed.id === null)) requireField(parsed, 'id', 'string');
  requireField(parsed, 'app_id', 'string');
  requireField(parsed, 'created_at', 'number');
  requireField(parsed, 'delivery_attempts', 'number');
  requireField(parsed, 'first_sent_at', 'number');
  const data = parsed.data;
  if (!isObject(data) || !isObject(data.item)) {
    throw new WebhookPayloadError('The notification has no data.item: the object it is about (a user, a conversation, ...)', {
      field: 'data.item',
    });
  }
  const topic = parsed.topic as string;
  if (isKnownTopic(topic)) data.item = buildItem(topic, data.item);
  return parsed as unknown as Notification;
}
