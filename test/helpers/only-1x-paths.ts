/** The paths only API 1.x has, and how to check that a run on API 2.x sent none of them. */
import assert from 'node:assert/strict';
import type { Sandbox } from 'intercom-ts/sandbox';

/**
 * Paths API 2.x no longer has (their 2.x equivalents are `/contacts`, `/contacts/search`, cursor lists,
 * totals...): a run on 2.x sends none of them. `/contacts` stays: 2.x has it (for users and leads).
 */
export const ONLY_1X_PATHS: readonly RegExp[] = [
  /^\/users(\/|\?|$)/,
  /^\/customers\/search/,
  /^\/counts/,
  /^\/bulk\//,
  /^\/jobs(\/|\?|$)/,
  /^\/subscriptions/,
  /^\/user_delete_requests/,
  /^\/(users|contacts|companies)\/scroll/,
];

/** Asserts that every request `sandbox` recorded was a 2.x request (`Intercom-Version: version`) on a path 2.x has. */
export function assertOnly2xRequests(sandbox: Sandbox, version: string, what: string): void {
  for (const request of sandbox.requests) {
    const path = request.path;
    assert.equal(request.headers['intercom-version'], version, `${what}: ${request.method} ${path} was sent as a 2.x request`);
    assert.ok(!ONLY_1X_PATHS.some((only1x) => only1x.test(path)), `${what}: sent the 1.x-only path ${request.method} ${path}`);
  }
}
