/**
 * What every model shares: reading Intercom's `X.list` wrappers, flat custom attributes, timestamps,
 * and the change tracking behind `save`.
 *
 * @module
 */
import { HttpError, InvalidParameterError } from './errors.js';

/** A value allowed in `custom_attributes`: flat scalars only. */
export type CustomAttributeValue = string | number | boolean | null;
/** Intercom's custom attributes: a flat map of scalars. */
export type CustomAttributes = Record<string, CustomAttributeValue>;

/**
 * A timestamp as a parameter: epoch seconds, or a `Date` (converted to epoch seconds). A number from
 * above {@link MAX_EPOCH_SECONDS} can only be milliseconds (`Date.now()`) and is refused.
 */
export type Timestamp = number | Date;

/**
 * The largest epoch-seconds timestamp taken: 1e11 (the year 5138; the CLI's importer uses the same).
 * A larger number is a millisecond time (every one after 1973-03-03 is larger), which Intercom would
 * store as a date tens of thousands of years ahead.
 */
export const MAX_EPOCH_SECONDS = 100_000_000_000;

/** Any JSON object as it came from the API. */
export type JsonObject = Record<string, unknown>;

/**
 * The object a response carried. Throws {@link HttpError} when it carried none (an empty body where an
 * entity was due) or something that is not an object.
 */
export function entity<T>(body: unknown): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError('Http Error - No response entity returned');
  }
  return body as T;
}

/** Epoch seconds of a {@link Timestamp}. */
export function toEpochSeconds(value: Timestamp, parameter: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (!Number.isFinite(ms)) throw new InvalidParameterError(parameter, 'is an invalid Date');
    return Math.floor(ms / 1000);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidParameterError(parameter, 'must be epoch seconds (a finite number) or a Date');
  }
  if (Math.abs(value) > MAX_EPOCH_SECONDS) {
    const year = new Date(Math.floor(value)).getUTCFullYear();
    const when = Number.isNaN(year) ? '' : ` (the year ${year})`;
    throw new InvalidParameterError(
      parameter,
      `must be epoch seconds, but ${value} can only be milliseconds (as Date.now() gives): give ${Math.floor(value / 1000)}${when} or a Date`,
    );
  }
  return Math.floor(value);
}

/**
 * Checks that custom attributes are flat: string keys without `.` or `$`, and values that are
 * strings, finite numbers, booleans or null. Throws {@link InvalidParameterError} otherwise.
 */
export function assertCustomAttributes(value: unknown, parameter = 'custom_attributes'): asserts value is CustomAttributes {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidParameterError(parameter, 'must be an object of flat values');
  }
  for (const key of Object.keys(value)) {
    if (key === '' || key.includes('.') || key.includes('$')) {
      throw new InvalidParameterError(`${parameter}.${key}`, "names must be non-empty and must not contain '.' or '$'");
    }
    const v = (value as Record<string, unknown>)[key];
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new InvalidParameterError(`${parameter}.${key}`, 'must be a finite number');
      continue;
    }
    throw new InvalidParameterError(
      `${parameter}.${key}`,
      `nested data structures are not supported (got ${Array.isArray(v) ? 'an array' : typeof v})`,
    );
  }
}

/**
 * Adds `by` to the numeric custom attribute `key` (a missing one counts as 0): what `increment` and
 * `decrement` do on models with custom attributes. Throws {@link InvalidParameterError} for a value
 * that is not a number or a `by` that is not finite.
 */
export function incrementAttribute(attributes: CustomAttributes, key: string, by: number): void {
  const current = attributes[key] ?? 0;
  if (typeof current !== 'number') {
    throw new InvalidParameterError(`custom_attributes.${key}`, 'is not a number and cannot be incremented');
  }
  if (typeof by !== 'number' || !Number.isFinite(by)) throw new InvalidParameterError('by', 'must be a finite number');
  attributes[key] = current + by;
}

const plural = (name: string): string => (name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`);

/** Items keys already worked out: a client meets a handful of list types, so a small cache covers them. */
const ITEMS_KEYS = new Map<string, string>();
const ITEMS_KEYS_MAX = 256;

/** The items key of a list type: `user.list` → `users`, `company.list` → `companies`. */
export function itemsKeyOf(listType: string): string {
  // Every model with lists asks this for every list it unwraps: remember the answer (a regex
  // replace and a concatenation per list showed in the overhead benchmark's profile).
  let key = ITEMS_KEYS.get(listType);
  if (key === undefined) {
    key = plural(listType.replace(/\.list$/, ''));
    if (ITEMS_KEYS.size < ITEMS_KEYS_MAX) ITEMS_KEYS.set(listType, key);
  }
  return key;
}

/**
 * Replaces the `X.list` wrappers found under `keys` with their item arrays, as the gem does:
 * `{"type":"company.list","companies":[...]}` becomes `[...]`. Missing items give `[]`.
 */
export function unwrapLists(data: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    const value = data[key];
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue;
    const type = (value as { type?: unknown }).type;
    if (typeof type !== 'string' || !type.endsWith('.list')) continue;
    const items = (value as JsonObject)[itemsKeyOf(type)];
    data[key] = Array.isArray(items) ? items : [];
  }
}

/** Deeper than this, {@link copyOf} hands over to a JSON round trip (which also refuses cycles). */
const COPY_DEPTH = 32;

/**
 * A deep copy of a field's value that serialises to the same JSON: plain objects and arrays are
 * copied, anything else that is an object (a `Date`, a class) goes through a JSON round trip. Taken
 * for every object-valued field of every model the API returns, and three to four times cheaper than
 * `JSON.stringify` on those fields; the JSON is written only when a model is saved.
 */
function copyOf(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = copyOf(value[i], depth + 1);
    return copy;
  }
  const prototype = Object.getPrototypeOf(value);
  if (depth >= COPY_DEPTH || (prototype !== Object.prototype && prototype !== null)) {
    const json = JSON.stringify(value);
    return json === undefined ? undefined : JSON.parse(json);
  }
  const copy: JsonObject = {};
  for (const key of Object.keys(value)) {
    const item = copyOf((value as JsonObject)[key], depth + 1);
    // A `__proto__` key from JSON is data: define it, an assignment would set the prototype.
    if (key === '__proto__') {
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    } else {
      copy[key] = item;
    }
  }
  return copy;
}

/** Whether a field still holds what the API returned: same primitive, or an object with the same JSON. */
function unchanged(current: unknown, remembered: unknown): boolean {
  if (typeof remembered !== 'object' || remembered === null) return current === remembered;
  return typeof current === 'object' && current !== null && JSON.stringify(current) === JSON.stringify(remembered);
}

/** What a model looked like when the API returned it. */
interface Snapshot {
  /** The fields the API returned. */
  readonly keys: readonly string[];
  /**
   * The writable fields among them and their values as returned (objects deep-copied), flat:
   * `[key, value, key, ...]` (one small array per model instead of a Map: models are built for
   * every item of every page).
   */
  readonly writable: readonly unknown[];
}

/**
 * Where a model keeps its snapshot: a non-enumerable symbol property, so it stays out of
 * `Object.keys`, `JSON.stringify` and `util.inspect`, and costs no WeakMap bookkeeping in the GC.
 */
const SNAPSHOT = Symbol('intercom-ts.snapshot');

/**
 * Base of the models whose numeric custom attributes can be counted up and down locally (users,
 * companies, visitors, as in the gem): the next save sends the resulting absolute value.
 */
export abstract class ModelWithCustomAttributes {
  declare custom_attributes: CustomAttributes;

  /** Adds `by` (default 1) to the numeric custom attribute `key` (missing counts as 0). */
  increment(key: string, by = 1): this {
    incrementAttribute(this.custom_attributes, key, by);
    return this;
  }

  /** Subtracts `by` (default 1) from the numeric custom attribute `key`. */
  decrement(key: string, by = 1): this {
    return this.increment(key, -by);
  }
}

/** How a saveable model is read from the API: its `X.list` fields and the fields a save may send. */
export interface ModelShape {
  readonly lists: readonly string[];
  readonly writable: ReadonlySet<string>;
}

/**
 * Fills a saveable model (user, lead, visitor, company) from an API object: unwraps its `X.list`
 * fields into arrays (`[]` when missing), makes sure `custom_attributes` is an object, and remembers
 * what the API returned for {@link changedFields}.
 */
export function fillModel(model: object, data: JsonObject, shape: ModelShape): void {
  // JSON.parse makes `__proto__` an own key; copied by assignment it would replace the prototype.
  // biome-ignore lint/suspicious/noProto: deleting an own data property named __proto__, not the accessor
  if (Object.hasOwn(data, '__proto__')) delete data.__proto__;
  unwrapLists(data, shape.lists);
  Object.assign(model, data);
  const record = model as Record<string, unknown>;
  if (typeof record.custom_attributes !== 'object' || record.custom_attributes === null) record.custom_attributes = {};
  for (const key of shape.lists) if (!Array.isArray(record[key])) record[key] = [];
  rememberFields(model, shape.writable);
}

/** After a save: the model takes the saved fields and remembers them as the API's. */
export function refreshModel(model: object, saved: object, shape: ModelShape): void {
  Object.assign(model, saved);
  rememberFields(model, shape.writable);
}

/**
 * Remembers the model as the API returned it, so that {@link changedFields} can tell what the caller
 * changed, by assignment or in place. Only `writable` fields are remembered.
 */
export function rememberFields(model: object, writable: ReadonlySet<string>): void {
  const record = model as Record<string, unknown>;
  const remembered: unknown[] = [];
  for (const key of writable) {
    const value = record[key];
    if (value !== undefined) remembered.push(key, copyOf(value));
  }
  Object.defineProperty(model, SNAPSHOT, {
    value: { keys: Object.keys(record), writable: remembered } satisfies Snapshot,
    configurable: true,
    writable: true,
    enumerable: false,
  });
}

/**
 * The fields of a model to send on save: writable fields whose value differs from what the API
 * returned, and fields the caller added (unless `readOnly`). A model the API never returned sends
 * every own field but the read-only ones.
 */
export function changedFields(model: object, readOnly: ReadonlySet<string>): JsonObject {
  const record = model as Record<string | symbol, unknown>;
  const snapshot = record[SNAPSHOT] as Snapshot | undefined;
  const returned = snapshot === undefined ? undefined : new Set(snapshot.keys);
  const remembered = new Map<unknown, unknown>();
  if (snapshot !== undefined) {
    for (let i = 0; i < snapshot.writable.length; i += 2) remembered.set(snapshot.writable[i], snapshot.writable[i + 1]);
  }
  const changed: JsonObject = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value === undefined) continue;
    if (snapshot === undefined || returned === undefined || !returned.has(key)) {
      if (!readOnly.has(key)) changed[key] = value;
    } else if (remembered.has(key) && !unchanged(value, remembered.get(key))) {
      changed[key] = value;
    }
  }
  return changed;
}
