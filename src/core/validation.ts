/**
 * Checks of caller input, run before any request is sent. Each failure is an
 * {@link InvalidParameterError} naming the parameter.
 *
 * @module
 */
import { InvalidParameterError } from './errors.js';
import type { QueryParams, QueryValue } from './url.js';

/** Asserts that `value` is an object (not null, not an array). */
export function requireObject(value: unknown, parameter: string): asserts value is Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new InvalidParameterError(parameter, `must be an object (got ${describe(value)})`);
  }
}

/** Asserts that `value` is a non-empty string, or a finite number (ids are sometimes numbers in the gem's examples). */
export function requireId(value: unknown, parameter: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw new InvalidParameterError(parameter, `must be a non-empty string (got ${describe(value)})`);
}

/**
 * Picks exactly one identifier out of `keys`: the key and its value. Throws when none or several are
 * given. The keys in `stringKeys` (Intercom's own ids) must be strings; the others may be numbers.
 */
export function requireOneOf(
  params: Record<string, unknown>,
  keys: readonly string[],
  parameter: string,
  stringKeys: readonly string[] = [],
): [string, string] {
  const present = keys.filter((key) => params[key] !== undefined);
  if (present.length !== 1) {
    throw new InvalidParameterError(
      parameter,
      present.length === 0
        ? `one of ${keys.join(', ')} is required`
        : `only one of ${keys.join(', ')} may be given (got ${present.join(', ')})`,
    );
  }
  const key = present[0] as string;
  const check = stringKeys.includes(key) ? requireStringId : requireId;
  return [key, check(params[key], `${parameter}.${key}`)];
}

/** Asserts that at least one of `keys` is given (each given one a valid id); several may be. */
export function requireAnyOf(params: Record<string, unknown>, keys: readonly string[], parameter: string): void {
  const present = keys.filter((key) => params[key] !== undefined);
  if (present.length === 0) throw new InvalidParameterError(parameter, `one of ${keys.join(', ')} is required`);
  for (const key of present) requireId(params[key], `${parameter}.${key}`);
}

/** Asserts that `value` is a non-empty string (not only blanks) and returns it. */
export function requireText(value: unknown, parameter: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidParameterError(parameter, `must be a non-empty string (got ${describe(value)})`);
  }
  return value;
}

/** Asserts that `value` is a string, or `undefined` (not given). */
export function optionalString(value: unknown, parameter: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') {
    throw new InvalidParameterError(parameter, `must be a string (got ${describe(value)})`);
  }
  return value;
}

/** Asserts that `value` is a finite number, or `undefined` (not given). */
export function optionalFiniteNumber(value: unknown, parameter: string): number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value))) {
    throw new InvalidParameterError(parameter, `must be a number (got ${describe(value)})`);
  }
  return value;
}

/** Asserts that `value` is a boolean, or `undefined` (not given). */
export function optionalBoolean(value: unknown, parameter: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new InvalidParameterError(parameter, `must be a boolean (got ${describe(value)})`);
  }
  return value;
}

/** Asserts that `value` is a whole number >= 1, or `undefined` (not given). */
export function optionalPositiveInteger(value: unknown, parameter: string): number | undefined {
  if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 1)) {
    throw new InvalidParameterError(parameter, `must be a positive integer (got ${describe(value)})`);
  }
  return value;
}

/** A duration in milliseconds: a finite number >= 0, or `fallback` when not given. */
export function optionalMilliseconds(value: unknown, parameter: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidParameterError(parameter, 'must be a finite number of milliseconds >= 0');
  }
  return value;
}

/** Asserts that `value` is a non-empty string (an Intercom id is always one; a number is refused) and returns it. */
export function requireStringId(value: unknown, parameter: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new InvalidParameterError(parameter, `must be a non-empty string (got ${describe(value)})`);
}

/**
 * Asserts that every key of `params` with a value is one of `known`; an unknown one is named, with the
 * closest known key as a suggestion (`mail` -> `email`).
 */
export function rejectUnknownKeys(params: Record<string, unknown>, known: readonly string[], parameter: string): void {
  for (const key of Object.keys(params)) {
    if (params[key] === undefined || known.includes(key)) continue;
    const suggestion = closestName(key, known);
    throw new InvalidParameterError(
      `${parameter}.${key}`,
      `'${key}' is not a parameter${suggestion === undefined ? '' : `; did you mean '${suggestion}'?`} (expected ${known.join(', ')})`,
    );
  }
}

/** The closest of `candidates` to `name` (edit distance at most 2, or one containing the other), if any. */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  if (best !== undefined) return best;
  return lower.length >= 3 ? candidates.find((c) => c.includes(lower) || lower.includes(c)) : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * What a list parameter may hold: `page` and `per_page` a whole number >= 1, `days` a whole number >= 0,
 * `id` an id (string, or a finite number), `text` a string, `boolean`, or one of a list of strings.
 */
export type ListParameterKind = 'positive-integer' | 'days' | 'id' | 'text' | 'boolean' | readonly string[];

/**
 * The query of a list, checked before anything is sent: every key must be one of `fields` (an unknown
 * one is named, with a suggestion), and each value must be of its kind (so `per_page: NaN`,
 * `page: -1` or `created_since: Infinity` are refused). Keys keep the order given.
 */
export function listQuery(
  params: Record<string, unknown>,
  fields: Readonly<Record<string, ListParameterKind>>,
  parameter: string,
): QueryParams {
  rejectUnknownKeys(params, Object.keys(fields), parameter);
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    query[key] = checkListParameter(value, fields[key] as ListParameterKind, `${parameter}.${key}`);
  }
  return query;
}

/** Asserts that a list parameter's `value` is of its `kind` and returns it. */
export function checkListParameter(value: unknown, kind: ListParameterKind, parameter: string): QueryValue {
  if (typeof kind !== 'string') {
    if (typeof value === 'string' && kind.includes(value)) return value;
    throw new InvalidParameterError(parameter, `must be one of ${kind.map((k) => `'${k}'`).join(', ')}`);
  }
  switch (kind) {
    case 'positive-integer':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
      throw new InvalidParameterError(parameter, `must be a whole number >= 1 (got ${describeNumber(value)})`);
    case 'days':
      if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
      throw new InvalidParameterError(parameter, `must be a whole number of days >= 0 (got ${describeNumber(value)})`);
    case 'id':
      return requireId(value, parameter);
    case 'text':
      return requireText(value, parameter);
    case 'boolean':
      return optionalBoolean(value, parameter);
  }
}

/** A number as it can be shown in a message (a count, never a secret); anything else by its type. */
function describeNumber(value: unknown): string {
  return typeof value === 'number' ? String(value) : describe(value);
}

/** Whether `value` is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value's type for messages (never the value itself: it may be a secret). */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}
