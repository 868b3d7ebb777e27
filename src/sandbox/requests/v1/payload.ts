/**
 * Reading request bodies and queries defensively: every wrong type answers 400 `parameter_invalid`
 * naming the field, before anything is changed.
 */
import { ApiError, invalid } from '../../api-error.js';
import type { Attributes } from '../../domain/records.js';

export type Body = Record<string, unknown>;

/** The body as an object; `{}` when there was none. */
export function bodyObject(body: unknown): Body {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid('The request body must be a JSON object');
  return body as Body;
}

export function optionalString(body: Body, field: string): string | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  if (typeof value === 'string') return value;
  throw invalid(`${field} must be a string`, field);
}

/** An identifier given as a string or a number (the gem's examples send both). */
export function optionalIdentifier(body: Body, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  throw invalid(`${field} must be a string`, field);
}

export function optionalBoolean(body: Body, field: string): boolean | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  throw invalid(`${field} must be a boolean`, field);
}

/** A timestamp: integer epoch seconds, or a numeric string. */
export function optionalTimestamp(body: Body, field: string): number | null | undefined {
  const value = body[field];
  if (value === undefined || value === null) return value;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return Math.floor(n);
  throw invalid(`${field} must be a Unix timestamp in seconds`, field);
}

export function optionalNumber(body: Body, field: string): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  throw invalid(`${field} must be a number`, field);
}

/** Custom attributes: flat, names without `.` or `$` (nor `__proto__`), strings of at most 255 characters. */
export function optionalAttributes(body: Body, field = 'custom_attributes'): Attributes | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalid(`${field} must be an object`, field);
  const out: Attributes = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === '' || key.includes('.') || key.includes('$')) {
      throw invalid(`Custom attribute names must not be empty or contain '.' or '$': '${key}'`, `${field}.${key}`);
    }
    // As a property name `__proto__` would set the record's prototype instead of storing a value.
    if (key === '__proto__') throw invalid(`'__proto__' is not a valid custom attribute name`, `${field}.${key}`);
    if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) {
      out[key] = v;
    } else if (typeof v === 'string') {
      // Intercom answers 422 for an over-long value.
      if (v.length > 255) {
        throw new ApiError(
          422,
          'parameter_invalid',
          `Custom attribute '${key}' is longer than 255 characters`,
          `${field}.${key}`,
        );
      }
      out[key] = v;
    } else {
      throw invalid(`Custom attribute '${key}' must be a string, number, boolean or null`, `${field}.${key}`);
    }
  }
  return out;
}

/** An array of objects. */
export function optionalObjects(body: Body, field: string): Body[] | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))) {
    throw invalid(`${field} must be an array of objects`, field);
  }
  return value as Body[];
}

/** A positive integer query parameter, clamped to `max`. */
export function queryInteger(query: URLSearchParams, name: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw invalid(`${name} must be a positive integer`, name);
  return Math.min(Number(raw), max);
}

/**
 * Reads a nested object: an error that names a field is re-reported inside `prefix`, so a bad
 * `name` in the second company of a user write names `companies[1].name`.
 */
export function nested<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ApiError && error.field !== undefined) {
      throw new ApiError(error.status, error.code, error.message, `${prefix}.${error.field}`, error.headers);
    }
    throw error;
  }
}
