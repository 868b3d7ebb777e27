/** Reading a data event out of a 1.x body (`POST /events`, bulk event items). */
import { ApiError, invalid, missing } from '../../api-error.js';
import { MAX_METADATA_KEYS, normaliseEventName } from '../../domain/data-events.js';
import type { PersonIdentifiers } from '../../domain/people.js';
import type { EventMetadataValue } from '../../domain/records.js';
import { type Body, optionalString, optionalTimestamp } from './payload.js';
import { noIdentifier, readIdentifiers } from './people.js';

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

/** A data event as a body gives it, checked. */
export interface EventWrite {
  eventName: string;
  createdAt: number;
  owner: PersonIdentifiers;
  metadata: Record<string, EventMetadataValue>;
}

/** Reads and checks a data event body; the owner is named by `id` (user or lead), `user_id` or `email`. */
export function readEventWrite(body: Body): EventWrite {
  const rawName = optionalString(body, 'event_name');
  if (rawName === undefined || rawName === null) throw missing('event_name');
  if (normaliseEventName(rawName) === '') throw invalid("event_name can't be blank", 'event_name');
  const createdAt = optionalTimestamp(body, 'created_at');
  if (createdAt === undefined || createdAt === null) throw missing('created_at');
  const owner = readIdentifiers(body);
  if (noIdentifier(owner)) throw new ApiError(400, 'parameter_not_found', 'One of user_id, email or id is required');
  return { eventName: rawName, createdAt, owner, metadata: readMetadata(body.metadata) };
}
