import { ApiError, invalid, missing } from '../api-error.js';
import { type Body, bodyObject, optionalIdentifier, optionalString, optionalTimestamp, queryInteger } from '../payload.js';
import type { RouteContext, Router } from '../router.js';
import { type EventMetadataValue, type EventRecord, nowSeconds, type Store, type UserRecord } from '../store.js';
import { findUser, userNotFound } from './users.js';

/** Metadata keys an event keeps; the API silently drops the rest (the first ones sent are kept). */
export const MAX_METADATA_KEYS = 10;
/** Only events of the last 90 days are listed (summaries count older ones too). */
const LISTED_SECONDS = 90 * 86_400;
const DEFAULT_PER_PAGE = 15;
const MAX_PER_PAGE = 100;
const SEQ_DIGITS = 8;

/** Event names are case-insensitive; `.` and `$` become `-`. */
export function normaliseEventName(name: string): string {
  return name.trim().toLowerCase().replace(/[.$]/g, '-');
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const hasExactKeys = (value: Record<string, unknown>, keys: readonly string[]): boolean => {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => own.includes(key));
};

/** One metadata value, checked; anything but the four forms answers 400 naming the key. */
function metadataValue(key: string, v: unknown): EventMetadataValue {
  const field = `metadata.${key}`;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (isObject(v) && hasExactKeys(v, ['url', 'value'])) {
    if (typeof v.url !== 'string' || !/^https?:\/\/\S+$/i.test(v.url)) {
      throw invalid(`metadata '${key}' is a rich link whose url must be an http(s) URL`, field);
    }
    if (typeof v.value !== 'string') throw invalid(`metadata '${key}' is a rich link whose value must be a string`, field);
    return { url: v.url, value: v.value };
  }
  if (isObject(v) && hasExactKeys(v, ['amount', 'currency'])) {
    if (typeof v.amount !== 'number' || !Number.isInteger(v.amount) || v.amount <= 0) {
      throw invalid(`metadata '${key}' is an amount whose amount must be a positive whole number of cents`, field);
    }
    if (typeof v.currency !== 'string' || !/^[a-z]{3}$/i.test(v.currency)) {
      throw invalid(`metadata '${key}' is an amount whose currency must be a 3-letter currency code`, field);
    }
    return { amount: v.amount, currency: v.currency };
  }
  throw invalid(`metadata '${key}' must be a string, a number, a rich link {url, value} or an amount {amount, currency}`, field);
}

/**
 * Event metadata: strings, numbers, rich links `{url, value}` and amounts `{amount, currency}`
 * (amount in cents). Keys past the tenth are dropped, as the API does; any other value answers 400.
 */
export function readMetadata(value: unknown): Record<string, EventMetadataValue> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalid('metadata must be an object', 'metadata');
  const kept = Object.entries(value).slice(0, MAX_METADATA_KEYS);
  if (kept.some(([key]) => key === '')) throw invalid('metadata keys must not be empty', 'metadata');
  // fromEntries defines own properties: a key such as `__proto__` stays data.
  return Object.fromEntries(kept.map(([key, v]) => [key, metadataValue(key, v)]));
}

/**
 * Records an event from a `POST /events` body (also a bulk event item). Checks everything first;
 * the user must exist (events never create users). `id` may name a lead.
 */
export function createEventRecord(store: Store, body: Body): EventRecord {
  const rawName = optionalString(body, 'event_name');
  if (rawName === undefined || rawName === null) throw missing('event_name');
  const eventName = normaliseEventName(rawName);
  if (eventName === '') throw invalid("event_name can't be blank", 'event_name');
  const createdAt = optionalTimestamp(body, 'created_at');
  if (createdAt === undefined || createdAt === null) throw missing('created_at');
  const id = optionalIdentifier(body, 'id');
  const userId = optionalIdentifier(body, 'user_id');
  const email = optionalString(body, 'email');
  if (id === undefined && userId === undefined && (email === undefined || email === null)) {
    throw new ApiError(400, 'parameter_not_found', 'One of user_id, email or id is required');
  }
  const metadata = readMetadata(body.metadata);
  const owner = findUser(store, { id, user_id: userId, email }, { leads: true });
  if (owner === undefined) throw userNotFound();
  const record = store.addEvent(owner.id, eventName, createdAt, metadata);
  store.emit('event.created', () => renderEvent(record, owner));
  return record;
}

function renderEvent(record: EventRecord, owner: UserRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'event',
    id: record.id,
    event_name: record.event_name,
    created_at: record.created_at,
    user_id: owner.user_id,
    email: owner.email,
    intercom_user_id: owner.id,
  };
  if (Object.keys(record.metadata).length > 0) out.metadata = record.metadata;
  return out;
}

/** Newest first; ties by insertion, latest first. */
const newestFirst = (a: EventRecord, b: EventRecord): number => b.created_at - a.created_at || b.seq - a.seq;

/** The `before` cursor of an event: its `created_at` then its sequence number, as digits. */
const cursorOf = (record: EventRecord): string => `${record.created_at}${String(record.seq).padStart(SEQ_DIGITS, '0')}`;

function readCursor(raw: string): { created_at: number; seq: number } {
  if (!/^\d+$/.test(raw) || raw.length <= SEQ_DIGITS) throw invalid('before is not a valid cursor', 'before');
  return { created_at: Number(raw.slice(0, -SEQ_DIGITS)), seq: Number(raw.slice(-SEQ_DIGITS)) };
}

/** The user or lead `GET /events` names: `intercom_user_id` (users and leads), `user_id` or `email`. */
function listedOwner(ctx: RouteContext): UserRecord {
  const { query, store } = ctx;
  const intercomUserId = query.get('intercom_user_id');
  const userId = query.get('user_id');
  const email = query.get('email');
  if (intercomUserId === null && userId === null && email === null) {
    throw new ApiError(400, 'parameter_not_found', 'One of user_id, email or intercom_user_id is required');
  }
  const owner = findUser(
    store,
    { id: intercomUserId ?? undefined, user_id: userId ?? undefined, email: email ?? undefined },
    { leads: true },
  );
  if (owner === undefined) throw userNotFound();
  return owner;
}

function summary(owner: UserRecord, events: readonly EventRecord[]): Record<string, unknown> {
  const byName = new Map<string, { first: number; last: number; count: number }>();
  for (const event of [...events].sort((a, b) => a.created_at - b.created_at || a.seq - b.seq)) {
    const entry = byName.get(event.event_name);
    if (entry === undefined) byName.set(event.event_name, { first: event.created_at, last: event.created_at, count: 1 });
    else {
      entry.last = event.created_at;
      entry.count += 1;
    }
  }
  const iso = (seconds: number): string => new Date(seconds * 1000).toISOString();
  return {
    type: 'event.summary',
    email: owner.email,
    intercom_user_id: owner.id,
    user_id: owner.user_id,
    events: [...byName].map(([name, entry]) => ({
      name,
      first: iso(entry.first),
      last: iso(entry.last),
      count: entry.count,
      description: null,
    })),
  };
}

/**
 * Registers `POST /events` (202, empty body) and `GET /events?type=user&...` (newest first, paged by a
 * `before` cursor; `summary=true` counts events per name).
 */
export function eventRoutes(router: Router): void {
  router.add('POST', '/events', (ctx) => {
    createEventRecord(ctx.store, bodyObject(ctx.body));
    return { status: 202 };
  });

  router.add('GET', '/events', (ctx) => {
    const { query } = ctx;
    const type = query.get('type');
    if (type === null) throw missing('type');
    if (type !== 'user') throw invalid("type must be 'user'", 'type');
    const perPage = queryInteger(query, 'per_page', DEFAULT_PER_PAGE, MAX_PER_PAGE);
    const rawBefore = query.get('before');
    const before = rawBefore === null ? undefined : readCursor(rawBefore);
    const owner = listedOwner(ctx);
    const all = ctx.store.events.get(owner.id) ?? [];
    if (query.get('summary') === 'true') return { status: 200, body: summary(owner, all) };

    const since = nowSeconds() - LISTED_SECONDS;
    const listed = all
      .filter((event) => event.created_at >= since)
      .filter(
        (event) =>
          before === undefined ||
          event.created_at < before.created_at ||
          (event.created_at === before.created_at && event.seq < before.seq),
      )
      .sort(newestFirst);
    const page = listed.slice(0, perPage);
    let next: string | null = null;
    const last = page[page.length - 1];
    if (listed.length > perPage && last !== undefined) {
      const nextQuery = new URLSearchParams(query);
      nextQuery.delete('before');
      nextQuery.set('before', cursorOf(last));
      next = `${ctx.origin}/events?${nextQuery.toString()}`;
    }
    return {
      status: 200,
      body: { type: 'event.list', events: page.map((event) => renderEvent(event, owner)), pages: { next } },
    };
  });
}
