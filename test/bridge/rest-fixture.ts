/** A sandbox, a 1.x client and a seed-style client on 2.16 over the same workspace, for the bridge tests. */
import assert from 'node:assert/strict';
import { Client } from 'intercom-ts';
import { type Sandbox, type SandboxOptions, startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';

/** Paths only API 1.x has: a 2.16 run must send none of them. */
export const ONLY_1X_PATHS = [
  /^\/users(\/|\?|$)/,
  /^\/customers\/search/,
  /^\/counts/,
  /^\/bulk\//,
  /^\/jobs\//,
  /^\/subscriptions/,
  /\/scroll/,
];

/** A 2.x request as the sandbox received it. */
export interface SentRequest {
  method: string;
  /** Path and query. */
  path: string;
  body: unknown;
}

export interface BridgeFixture {
  sandbox: Sandbox;
  /** The seed-style client on API 1.4. */
  v1: Client;
  /** The seed-style client on API 2.16: its calls go through the bridge. */
  v2: Client;
  /** The requests sent with `Intercom-Version: 2.16` since the last `sent()` (or reset), and forgets them. */
  sent(): SentRequest[];
  done(): Promise<void>;
}

/** Starts the sandbox (2.x answers checked against the description) and both clients. */
export async function withBridge(options: SandboxOptions = {}): Promise<BridgeFixture> {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, validateResponses: true, ...options });
  const common = { token: sandbox.token, baseUrl: sandbox.url, maxRetries: 0 } as const;
  // 1.4: the latest 1.x shapes (conversation_message typed `conversation`, waiting_since null), which the bridge renders.
  const v1 = new Client({ ...common, apiVersion: '1.4' });
  const v2 = new Client({ ...common, apiVersion: '2.16' });
  return {
    sandbox,
    v1,
    v2,
    sent() {
      const out = sandbox.requests
        .filter((r) => r.headers['intercom-version'] === '2.16')
        .map((r) => ({ method: r.method, path: r.path, body: r.body }));
      sandbox.requests.length = 0;
      for (const request of out) {
        assert.ok(!ONLY_1X_PATHS.some((p) => p.test(request.path)), `a 2.16 run sent the 1.x-only path ${request.path}`);
      }
      return out;
    },
    async done() {
      v1.close();
      v2.close();
      // The sandbox renders a contact's inline tag/note/company lists with relative URLs, which the
      // description types as URIs: a sandbox finding, not the bridge's (the bridge does not read them).
      const violations = sandbox.responseViolations.filter(
        (v) => !v.errors.every((e) => /^(\/data\/\d+)?\/(tags|notes|companies)\/.*must match format "uri"$/.test(e)),
      );
      await sandbox.close();
      assert.deepEqual(violations, [], 'every 2.x answer validates against the 2.16 description');
    },
  };
}
