import assert from 'node:assert/strict';
import { Client } from 'intercom-ts';
import { type Sandbox, type SandboxOptions, startSandbox } from 'intercom-ts/sandbox';
import { SUITE_TOKEN } from '../helpers/secrets.js';

/** A sandbox, a seed-style client on a 2.x version pointed at it, and raw callers for both API families. */
export interface BridgeFixture {
  sandbox: Sandbox;
  intercom: Client;
  /** Sends a raw request (Intercom-Version 2.16 unless `version` is given); asserts a 2xx answer. */
  call(method: string, path: string, body?: unknown, version?: string): Promise<Record<string, unknown>>;
  /** `METHOD /path` of every request the sandbox received since the last {@link BridgeFixture.clearLog}. */
  sent(): string[];
  /** The recorded requests since the last {@link BridgeFixture.clearLog}. */
  requests(): Sandbox['requests'];
  clearLog(): void;
  close(): Promise<void>;
}

/** Starts a sandbox and a seed-style client on `apiVersion` (2.16 by default), no retries unless asked. */
export async function withBridge(
  apiVersion = '2.16',
  options: SandboxOptions = {},
  clientOptions: Record<string, unknown> = {},
): Promise<BridgeFixture> {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, ...options });
  const intercom = new Client({
    token: sandbox.token,
    baseUrl: sandbox.url,
    maxRetries: 0,
    apiVersion: apiVersion as '2.16',
    ...clientOptions,
  });
  return {
    sandbox,
    intercom,
    async call(method, path, body, version = '2.16') {
      const res = await fetch(`${sandbox.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${sandbox.token}`,
          accept: 'application/json',
          'intercom-version': version,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
      return text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    },
    sent: () => sandbox.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`),
    requests: () => sandbox.requests,
    clearLog: () => {
      sandbox.requests.splice(0);
    },
    async close() {
      intercom.close();
      await sandbox.close();
    },
  };
}
