/**
 * Query strings of the 2.x client, encoded as the official SDK encodes them: `encodeURIComponent`
 * on names and values, arrays as one comma-separated value (the description's `explode: false`).
 *
 * @module
 */

import { InvalidParameterError } from '../core/errors.js';

/** `path?a=1&b=2` with the defined values of `query` and then of `extra`, in insertion order. */
export function withQuery(
  path: string,
  query: Readonly<Record<string, unknown>> | undefined,
  extra?: Readonly<Record<string, unknown>>,
): string {
  let out = '';
  for (const params of [query, extra]) {
    if (params === undefined) continue;
    for (const [name, value] of Object.entries(params)) {
      if (value === undefined) continue;
      out += `${out === '' ? '?' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(queryValue(name, value))}`;
    }
  }
  return path + out;
}

/**
 * The query of a list's page for the core's pagination engine (which adds its cursor to it): the
 * defined values, arrays joined with commas, then `extra`.
 */
export function pageQuery(
  query: Readonly<Record<string, unknown>> | undefined,
  extra?: Readonly<Record<string, unknown>>,
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const params of [query, extra]) {
    for (const [name, value] of Object.entries(params ?? {})) {
      if (value !== undefined) out[name] = queryValue(name, value);
    }
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

function queryValue(name: string, value: unknown): string {
  if (value === null) return '';
  if (Array.isArray(value)) return value.map((item) => queryValue(name, item)).join(',');
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  throw new InvalidParameterError(name, 'must be a string, number, boolean or an array of them');
}
