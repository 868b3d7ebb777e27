/** The paths only API 1.x has, and how to check that a run on API 2.x sent none of them. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Sandbox } from 'intercom-ts/sandbox';

/**
 * Paths API 2.x no longer has (their 2.x equivalents are `/contacts`, `/contacts/search`, cursor lists,
 * totals...): a run on 2.x sends none of them. `/contacts` stays: 2.x has it (for users and leads), and
 * so do `/companies/scroll` and `/jobs/status/{id}`. Checked against spec/intercom/openapi-2.16.yaml.
 */
export const ONLY_1X_PATHS: readonly RegExp[] = [
  /^\/users(\/|\?|$)/,
  /^\/customers\/search/,
  /^\/counts/,
  /^\/bulk\//,
  /^\/jobs(\/(?!status\/)|\?|$)/,
  /^\/subscriptions/,
  /^\/user_delete_requests/,
  /^\/(users|contacts)\/scroll/,
  /^\/contacts\/convert/,
  /^\/companies\/[^/]+\/users/,
];

/** `METHOD path` patterns of every operation the vendored 2.16 description has, `{param}` matching one segment. */
function describedOperations(): Array<{ method: string; path: RegExp }> {
  const spec = readFileSync(new URL('../../../spec/intercom/openapi-2.16.yaml', import.meta.url), 'utf8');
  const paths = spec.slice(spec.indexOf('\npaths:\n'), spec.indexOf('\ncomponents:\n'));
  const operations: Array<{ method: string; path: RegExp }> = [];
  let current: RegExp | undefined;
  for (const line of paths.split('\n')) {
    const path = /^ {2}"?(\/[^":]*)"?:$/.exec(line)?.[1];
    if (path !== undefined) {
      const pattern = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      current = new RegExp(`^${pattern}$`);
      continue;
    }
    const method = /^ {4}(get|put|post|delete|patch):$/.exec(line)?.[1];
    if (method !== undefined && current !== undefined) operations.push({ method: method.toUpperCase(), path: current });
  }
  return operations;
}

let described: Array<{ method: string; path: RegExp }> | undefined;

/**
 * Asserts that every request `sandbox` recorded was a 2.x request (`Intercom-Version: version`) of an
 * operation the 2.16 description has, on none of {@link ONLY_1X_PATHS}.
 */
export function assertOnly2xRequests(sandbox: Sandbox, version: string, what: string): void {
  described ??= describedOperations();
  assert.ok(described.length > 200, 'the 2.16 description was read');
  for (const request of sandbox.requests) {
    const path = request.path.split('?')[0] as string;
    const sent = `${request.method} ${request.path}`;
    assert.equal(request.headers['intercom-version'], version, `${what}: ${sent} was sent as a 2.x request`);
    assert.ok(!ONLY_1X_PATHS.some((only1x) => only1x.test(request.path)), `${what}: sent the 1.x-only path ${sent}`);
    assert.ok(
      described.some((operation) => operation.method === request.method && operation.path.test(path)),
      `${what}: sent ${sent}, which API 2.16 does not describe`,
    );
  }
}
