/** The API versions the sandbox serves, and how versions compare. */

/** API versions the sandbox serves (the 1.x family). */
export const API_VERSIONS = ['1.0', '1.1', '1.2', '1.3', '1.4', 'Unstable'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

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
