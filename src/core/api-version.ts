/**
 * Intercom API versions (`Intercom-Version`): `'Unstable'` or dotted numbers such as `'1.4'` or
 * `'2.16'`, compared part by part as numbers (`2.10` is later than `2.9`), `Unstable` the newest.
 *
 * @module
 */
import { InvalidParameterError } from './errors.js';

/** The API 1.x versions the 1.x client speaks. */
export const API_VERSIONS_1X = ['1.0', '1.1', '1.2', '1.3', '1.4'] as const;

/** An API version of the 1.x client: `'1.0'` to `'1.4'`, or `'Unstable'`. */
export type ApiVersion1x = (typeof API_VERSIONS_1X)[number] | 'Unstable';

/** The numbered API 2.x versions: the 2.x client speaks them, and the seed-style client translates to them. */
export const API_VERSIONS_2X = ['2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16'] as const;

/** A numbered API 2.x version: `'2.7'` to `'2.16'`. */
export type ApiVersion2x = (typeof API_VERSIONS_2X)[number];

/** The name of the version that is newer than every numbered one. */
export const UNSTABLE = 'Unstable';

const DOTTED = /^\d+(\.\d+)*$/;

/**
 * The numeric parts of a version (`'2.16'` is `[2, 16]`), `'Unstable'` for Unstable, or `undefined`
 * when `version` is not a version.
 */
export function parseApiVersion(version: unknown): readonly number[] | typeof UNSTABLE | undefined {
  if (version === UNSTABLE) return UNSTABLE;
  if (typeof version !== 'string' || !DOTTED.test(version)) return undefined;
  return version.split('.').map(Number);
}

/**
 * Negative when `a` is earlier than `b`, positive when later, 0 when the same (`'2'` is `'2.0'`).
 * Throws {@link InvalidParameterError} when either is not a version.
 */
export function compareApiVersions(a: string, b: string): number {
  const left = parsed(a, 'a');
  const right = parsed(b, 'b');
  if (left === UNSTABLE || right === UNSTABLE) return (left === UNSTABLE ? 1 : 0) - (right === UNSTABLE ? 1 : 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** Whether `version` is `minimum` or later. */
export function apiVersionAtLeast(version: string, minimum: string): boolean {
  return compareApiVersions(version, minimum) >= 0;
}

function parsed(version: string, parameter: string): readonly number[] | typeof UNSTABLE {
  const parts = parseApiVersion(version);
  if (parts === undefined) throw new InvalidParameterError(parameter, "must be 'Unstable' or a dotted version such as '2.16'");
  return parts;
}
