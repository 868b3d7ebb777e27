import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import { type Sandbox, type SandboxOptions, startSandbox } from 'intercom-ts/sandbox';
import { type RawAnswer, raw } from './raw-http.js';
import { SUITE_TOKEN } from './secrets.js';

/** A sandbox for 2.x tests and a raw caller for it. `done()` fails when any 2.x answer broke its schema. */
export interface V2SandboxFixture {
  sandbox: Sandbox;
  /** Sends a request (Intercom-Version 2.16 unless given) and returns the status, headers and parsed body. */
  call(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: unknown }>;
  done(): Promise<void>;
}

/**
 * Starts a sandbox with every 2.x answer checked against the description's response schema
 * (`validateResponses`); `done()` closes it and asserts no answer failed.
 */
export async function withV2Sandbox(options: SandboxOptions = {}): Promise<V2SandboxFixture> {
  const sandbox = await startSandbox({ port: 0, token: SUITE_TOKEN, validateResponses: true, ...options });
  return {
    sandbox,
    async call(method, path, body, headers = {}) {
      const res = await fetch(`${sandbox.url}${path}`, {
        method,
        redirect: 'manual',
        headers: {
          authorization: `Bearer ${sandbox.token}`,
          accept: 'application/json',
          'intercom-version': '2.16',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text === '' ? undefined : JSON.parse(text) };
    },
    async done() {
      const violations = [...sandbox.responseViolations];
      await sandbox.close();
      assert.deepEqual(violations, [], 'every 2.x answer validates against the 2.16 description');
    },
  };
}

/** A sandbox shared by the tests of one file, and a raw caller that speaks 2.16 to it. */
export interface FileSandbox {
  /** The sandbox: read it inside tests (it starts before the file's first test). */
  readonly sandbox: Sandbox;
  /** Sends a request with `Intercom-Version: 2.16` and returns the raw answer. */
  v2(method: string, path: string, body?: unknown): Promise<RawAnswer>;
}

/**
 * One sandbox for the whole test file: started before its first test, reset before each test,
 * closed after the last. Call it at the top level of the file.
 */
export function fileSandbox(options: SandboxOptions = { seed: 'empty' }): FileSandbox {
  let sandbox: Sandbox | undefined;
  const started = (): Sandbox => {
    if (sandbox === undefined) throw new Error('fileSandbox: the sandbox is read before the first test');
    return sandbox;
  };
  before(async () => {
    sandbox = await startSandbox({ port: 0, ...options });
  });
  after(() => started().close());
  beforeEach(() => started().reset());
  return {
    get sandbox() {
      return started();
    },
    v2: (method, path, body) => raw(started(), method, path, body, { 'intercom-version': '2.16' }),
  };
}
