/** The API versions the sandbox serves, and how versions compare. */

/** The 1.x versions the sandbox serves. */
export const V1_API_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4'] as const;
/** The 2.x versions the sandbox serves (2.7 to 2.16), oldest first. */
export const V2_API_VERSIONS = ['2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16'] as const;
/** API versions the sandbox serves: 1.x, 2.x, and `Unstable` (the newest, served as 2.x). */
export const API_VERSIONS = [...V1_API_VERSIONS, ...V2_API_VERSIONS, 'Unstable'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/**
 * The family a version belongs to: 1 or 2 (`Unstable` is 2), undefined when Intercom has no such version.
 */
export function apiFamilyOf(version: string): 1 | 2 | undefined {
  if (!(API_VERSIONS as readonly string[]).includes(version)) return undefined;
  return version.startsWith('1.') ? 1 : 2;
}

/** True when a version Intercom does not have looks like a 2.x one (its refusal then takes the 2.x shape). */
export function looksLikeV2(version: string): boolean {
  return /^2(\.|$)/.test(version);
}

/**
 * Compares two API versions part by part as numbers (`2.10` is later than `2.9`); `Unstable` is later
 * than every numbered version. Negative when `a` is earlier, 0 when equal, positive when later.
 */
export function compareVersions(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'Unstable') return 1;
  if (b === 'Unstable') return -1;
  const left = a.split('.').map(Number);
  const right = b.split('.').map(Number);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const d = (left[i] ?? 0) - (right[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** True when `version` is `minimum` or later (`2.10` is later than `2.9`; `Unstable` later than all). */
export function versionAtLeast(version: string, minimum: string): boolean {
  return compareVersions(version, minimum) >= 0;
}
