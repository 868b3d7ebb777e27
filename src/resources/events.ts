import { InvalidParameterError } from '../core/errors.js';
import { entity, type JsonObject, type Timestamp, toEpochSeconds } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import type { QueryParams } from '../core/url.js';
import { describe, isPlainObject, requireAnyOf, requireObject, requireOneOf } from '../core/validation.js';
import { bulkItems, type Job, submitBulk } from './jobs.js';

/** A rich link in event metadata: Intercom shows `value` linked to `url`. */
export interface RichLink {
  /** An http(s) URL. */
  url: string;
  value: string;
}

/** A monetary amount in event metadata. */
export interface Amount {
  /** In cents (the smallest unit of the currency): a positive whole number. */
  amount: number;
  /** An ISO 4217 code such as `usd` or `eur`. */
  currency: string;
}

/**
 * A metadata value: a string (an http(s) URL shows as a link), a number (a key ending in `_date`
 * holding epoch seconds shows as a date; a `Date` is sent as epoch seconds), a {@link RichLink} or an
 * {@link Amount}. Nothing else nests.
 */
export type EventMetadataValue = string | number | Date | RichLink | Amount;

/**
 * Metadata of an event: flat, at most 10 keys. The API keeps the first 10 keys sent and silently drops
 * the rest, and so does intercom-ts (it sends what it is given).
 */
export type EventMetadata = Record<string, EventMetadataValue>;

/** The fields of an event to record. */
export type EventFields = {
  /** Past-tense verb-noun, such as `invited-friend`. Case-insensitive; `.` and `$` become `-`. */
  event_name: string;
  /** When it happened: epoch seconds or a `Date`. */
  created_at: Timestamp;
  metadata?: EventMetadata;
};

/** Parameters of {@link Events.create}: the event and its user, by `user_id`, `email` or Intercom `id` (which also names leads). */
export type CreateEventParams = EventFields &
  (
    | { user_id: string; email?: string; id?: string }
    | { email: string; user_id?: string; id?: string }
    | { id: string; user_id?: string; email?: string }
  );

/** Names the user (or lead, by `intercom_user_id`) whose events to read: exactly one identifier. */
export type EventOwner =
  | { user_id: string; email?: never; intercom_user_id?: never }
  | { email: string; user_id?: never; intercom_user_id?: never }
  | { intercom_user_id: string; user_id?: never; email?: never };

/** Parameters of {@link Events.findAll}, sent as query parameters in the order given. */
export type ListEventsParams = {
  /** Must be `user`. */
  type: 'user';
  /** Events a page. */
  per_page?: number;
} & EventOwner;

/** Parameters of {@link Events.summary}. */
export type EventSummaryParams = { type: 'user' } & EventOwner;

/** Parameters of {@link Events.submitBulkJob}. Events cannot be deleted in bulk. */
export type SubmitEventBulkJobParams = {
  /** Events to record; each as {@link Events.create} takes it. */
  create_items: CreateEventParams[];
  /** Appends the items to this open job instead of starting a new one. */
  job_id?: string;
  /** Not supported by the API: passing it throws {@link InvalidParameterError}. */
  delete_items?: never;
};

/** A metadata value as the API returns it. */
export type EventMetadataResult = string | number | RichLink | Amount;

/**
 * A data event as `events.findAll` lists it. Named `DataEvent` (Intercom's term) so that it does not
 * shadow the DOM/Node `Event` class.
 */
export interface DataEvent {
  type: 'event';
  id?: string;
  event_name: string;
  /** Epoch seconds. */
  created_at: number;
  user_id?: string | null;
  email?: string | null;
  /** Intercom's id of the user or lead. */
  intercom_user_id?: string;
  metadata?: Record<string, EventMetadataResult>;
  [field: string]: unknown;
}

/** How often a user did each event (`summary=true`); older events than the list's 90 days count too. */
export interface EventSummary {
  type: 'event.summary';
  email: string | null;
  intercom_user_id: string;
  user_id: string | null;
  events: Array<{
    name: string;
    /** ISO 8601. */
    first: string;
    /** ISO 8601. */
    last: string;
    count: number;
    description: string | null;
  }>;
  [field: string]: unknown;
}

const hasExactKeys = (value: Record<string, unknown>, keys: readonly string[]): boolean => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
};

/** One metadata value, checked; a `Date` becomes epoch seconds. */
function metadataValue(v: unknown, name: string): unknown {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new InvalidParameterError(name, 'must be a finite number');
    return v;
  }
  if (v instanceof Date) return toEpochSeconds(v, name);
  if (isPlainObject(v) && hasExactKeys(v, ['url', 'value'])) {
    if (typeof v.url !== 'string' || !/^https?:\/\/\S+$/i.test(v.url)) {
      throw new InvalidParameterError(`${name}.url`, 'must be an http(s) URL');
    }
    if (typeof v.value !== 'string') throw new InvalidParameterError(`${name}.value`, 'must be a string');
    return v;
  }
  if (isPlainObject(v) && hasExactKeys(v, ['amount', 'currency'])) {
    if (typeof v.amount !== 'number' || !Number.isInteger(v.amount) || v.amount <= 0) {
      throw new InvalidParameterError(`${name}.amount`, 'must be a positive whole number of cents');
    }
    if (typeof v.currency !== 'string' || !/^[a-z]{3}$/i.test(v.currency)) {
      throw new InvalidParameterError(`${name}.currency`, 'must be a 3-letter currency code such as usd');
    }
    return v;
  }
  throw new InvalidParameterError(
    name,
    `must be a string, a number, a Date, a rich link { url, value } or an amount { amount, currency } (got ${describe(v)})`,
  );
}

/** Checks metadata and converts `Date` values to epoch seconds. */
function metadataBody(value: unknown, parameter: string): JsonObject {
  if (!isPlainObject(value)) throw new InvalidParameterError(parameter, `must be an object (got ${describe(value)})`);
  const entries = Object.entries(value);
  if (entries.some(([key]) => key === '')) throw new InvalidParameterError(parameter, 'keys must not be empty');
  return Object.fromEntries(entries.map(([key, v]) => [key, metadataValue(v, `${parameter}.${key}`)]));
}

/**
 * @internal The wire form of an event: checked, `created_at` and metadata dates as epoch seconds.
 * (The CLI's event import checks each row with it before sending anything.)
 */
export function eventBody(params: JsonObject, parameter: string): JsonObject {
  if (typeof params.event_name !== 'string' || params.event_name.trim() === '') {
    throw new InvalidParameterError(`${parameter}.event_name`, 'must be a non-empty string');
  }
  if (params.created_at === undefined) throw new InvalidParameterError(`${parameter}.created_at`, 'is required');
  requireAnyOf(params, ['user_id', 'email', 'id'], parameter);
  const body: JsonObject = { ...params, created_at: toEpochSeconds(params.created_at as Timestamp, `${parameter}.created_at`) };
  if (params.metadata !== undefined) body.metadata = metadataBody(params.metadata, `${parameter}.metadata`);
  return body;
}

/** The query of a list or summary: `type=user` and exactly one identifier, in the order given. */
function ownerQuery(params: JsonObject): QueryParams {
  if (params.type !== 'user') throw new InvalidParameterError('params.type', "must be 'user'");
  requireOneOf(params, ['user_id', 'email', 'intercom_user_id'], 'params');
  return params as QueryParams;
}

/**
 * Data events: `intercom.events`.
 *
 * ```ts
 * await intercom.events.create({ event_name: 'invited-friend', created_at: new Date(), email: 'bob@example.com' });
 * for await (const event of intercom.events.findAll({ type: 'user', email: 'bob@example.com' })) console.log(event.event_name);
 * ```
 */
export class Events extends APIResource {
  /**
   * Records an event for an existing user or lead (`POST /events`; the API answers 202 with no body).
   * An unknown user throws `ResourceNotFound`: events never create users. Not repeated after a lost
   * answer (that could record the event twice).
   */
  async create(params: CreateEventParams, options?: RequestOptions): Promise<void> {
    requireObject(params, 'params');
    const body = eventBody(params, 'params');
    await this.http.post('/events', { body, options });
  }

  /**
   * A user's events of the last 90 days, newest first (`GET /events?type=user&...`); pages follow the
   * `before` cursor in `pages.next`.
   */
  findAll(params: ListEventsParams, options?: RequestOptions): PageIterator<DataEvent> {
    requireObject(params, 'params');
    const query = ownerQuery(params);
    if (params.per_page !== undefined && (!Number.isInteger(params.per_page) || params.per_page < 1)) {
      throw new InvalidParameterError('params.per_page', 'must be a whole number >= 1');
    }
    return this.http.list('/events', {
      query,
      itemsKey: 'events',
      toModel: (raw: JsonObject) => raw as DataEvent,
      untypedPages: true,
      options,
    });
  }

  /** How many times a user did each event, with the first and last time (`GET /events?...&summary=true`). */
  async summary(params: EventSummaryParams, options?: RequestOptions): Promise<EventSummary> {
    requireObject(params, 'params');
    const query = { ...ownerQuery(params), summary: true };
    return entity<EventSummary>(await this.http.get('/events', { query, options }));
  }

  /**
   * Records many events in one asynchronous bulk job (`POST /bulk/events`). Returns the job
   * (`running`); follow it with `intercom.jobs.wait(job)`. Events cannot be deleted in bulk.
   */
  async submitBulkJob(params: SubmitEventBulkJobParams, options?: RequestOptions): Promise<Job> {
    requireObject(params, 'params');
    if (params.delete_items !== undefined) {
      throw new InvalidParameterError('params.delete_items', 'events do not support bulk delete operations');
    }
    if (params.create_items === undefined) throw new InvalidParameterError('params.create_items', 'is required');
    const items = bulkItems(params.create_items, 'params.create_items').map((item, i) => ({
      method: 'post' as const,
      data_type: 'event' as const,
      data: eventBody(item, `params.create_items[${i}]`),
    }));
    return submitBulk(this.http, '/bulk/events', items, params.job_id, options);
  }
}
