/**
 * Checks of caller input, run before any request is sent. Each failure is an
 * {@link InvalidParameterError} naming the parameter.
 *
 * @module
 */
import { InvalidParameterError } from './errors.js';

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
 * given.
 */
export function requireOneOf(params: Record<string, unknown>, keys: readonly string[], parameter: string): [string, string] {
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
  return [key, requireId(params[key], `${parameter}.${key}`)];
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
