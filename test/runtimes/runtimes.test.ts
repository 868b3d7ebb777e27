/**
 * The built package (dist/esm) under Bun, Deno and workerd (through Miniflare), against a sandbox
 * started here: with the 1.x client and the 2.x one (`intercom-ts/v2`), a find, a save, a paged
 * list, a typed 404, bad input, and webhook verification, with
 * the transport each runtime gets by default and with FetchTransport. The runtimes are the npm
 * packages `bun`, `deno` and `miniflare` (dev dependencies); test/runtimes/scenario.ts is what they
 * run, and this file asserts what they print.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { signatureOf } from 'intercom-ts/webhooks';
import { Miniflare } from 'miniflare';
import { type ClientResults, GZIP_JSON, type ScenarioConfig, type ScenarioResults, type V2ClientResults } from './scenario.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = `${ROOT}node_modules/.bin/`;
const CLI_ENTRY = fileURLToPath(new URL('./cli-entry.js', import.meta.url));
const SCENARIO = fileURLToPath(new URL('./scenario.js', import.meta.url));
/** Not the suite's token: this one is handed to other processes on their command line. */
const TOKEN = 'runtime-scenario-token';
const WEBHOOK_SECRET = 'runtime-hub-secret';
const fixtures = JSON.parse(readFileSync(`${ROOT}test/fixtures/responses-1x.json`, 'utf8')) as Record<string, unknown>;
const NOTIFICATION = JSON.stringify(fixtures.test_user_notification);
/** 5 MB of spaces, gzipped to a few kB: over a 100 kB cap only once decoded. */
const BOMB = gzipSync(Buffer.alloc(5 * 1024 * 1024, 0x20));
/** The compatibility date of the workerd that the miniflare dev dependency ships. */
const WORKERD_COMPATIBILITY_DATE = '2025-07-18';

/** Runs a runtime's binary on the scenario and parses the JSON it prints last. */
function runCli(binary: string, args: string[]): Promise<ScenarioResults> {
  return new Promise((resolve, reject) => {
    execFile(
      `${BIN}${binary}`,
      args,
      { cwd: ROOT, timeout: 30_000, maxBuffer: 10 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${binary} failed (${error.code ?? error.signal}): ${stderr.slice(0, 4000)}`));
          return;
        }
        const last = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve(JSON.parse(last) as ScenarioResults);
        } catch {
          reject(new Error(`${binary} printed no JSON: ${stdout.slice(0, 2000)} ${stderr.slice(0, 2000)}`));
        }
      },
    );
  });
}

/** Bundles the scenario into one Worker module, as a Workers bundler would (node: built-ins left external). */
async function workerScript(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
import * as intercom from './dist/esm/index.js';
import * as webhooks from './dist/esm/webhooks/index.js';
import * as v2 from './dist/esm/v2/index.js';
import { runScenario } from ${JSON.stringify(SCENARIO)};
export default {
  async fetch(request) {
    try {
      return Response.json(await runScenario(intercom, webhooks, v2, await request.json()));
    } catch (error) {
      return new Response(String((error && error.stack) || error), { status: 500 });
    }
  },
};`,
      resolveDir: ROOT,
      sourcefile: 'worker.js',
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*'],
    write: false,
    logLevel: 'silent',
  });
  return (result.outputFiles[0] as { text: string }).text;
}

/** Runs the scenario inside workerd. */
async function runWorker(script: string, config: ScenarioConfig, compatibilityFlags: string[]): Promise<ScenarioResults> {
  const miniflare = new Miniflare({
    // Modules given one by one: Miniflare would otherwise refuse the bundle's dynamic import('node:http').
    modules: [{ type: 'ESModule', path: `${ROOT}worker.mjs`, contents: script }],
    compatibilityDate: WORKERD_COMPATIBILITY_DATE,
    compatibilityFlags,
  });
  try {
    const response = await miniflare.dispatchFetch('http://worker.test/', { method: 'POST', body: JSON.stringify(config) });
    const text = await response.text();
    assert.equal(response.status, 200, text.slice(0, 4000));
    return JSON.parse(text) as ScenarioResults;
  } finally {
    await miniflare.dispose();
  }
}

describe('the client under Bun, Deno and workerd', () => {
  let sandbox: Sandbox;
  /** Answers /gzip and /bomb gzipped, whatever the runtime asks (the sandbox never compresses). */
  const gzipServer = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
    res.end(req.url === '/bomb' ? BOMB : gzipSync(GZIP_JSON));
  });
  let gzipOrigin: string;
  before(async () => {
    sandbox = await startSandbox({ port: 0, token: TOKEN });
    await new Promise<void>((resolve) => gzipServer.listen(0, '127.0.0.1', resolve));
    gzipOrigin = `http://127.0.0.1:${(gzipServer.address() as AddressInfo).port}`;
  });
  after(async () => {
    await sandbox.close();
    gzipServer.closeAllConnections();
    gzipServer.close();
  });
  beforeEach(() => sandbox.reset());

  const configFor = (name: string, nodeHttp: boolean): ScenarioConfig => ({
    gzipOrigin,
    nodeHttp,
    baseUrl: sandbox.url,
    token: TOKEN,
    name,
    webhook: { body: NOTIFICATION, signature: signatureOf(NOTIFICATION, WEBHOOK_SECRET), secret: WEBHOOK_SECRET },
  });

  function assertClient(results: ClientResults, savedName: string, label: string): void {
    assert.deepEqual(results.found, { email: 'bob@example.com', user_id: '1' }, label);
    assert.deepEqual(results.saved, { name: savedName, sameObject: true }, label);
    assert.equal(results.paged.pages, 3, label);
    assert.deepEqual(results.paged.perPage, [1, 1, 1], label);
    assert.deepEqual([...results.paged.emails].sort(), ['alice@example.com', 'bob@example.com', 'carol@example.com'], label);
    assert.equal(results.notFound.name, 'ResourceNotFound', label);
    assert.equal(results.notFound.status, 404, label);
    assert.equal(results.notFound.code, 'not_found', label);
    assert.equal(results.badInput.name, 'InvalidParameterError', label);
  }

  function assertV2Client(results: V2ClientResults, savedName: string, label: string): void {
    assert.deepEqual(results.found, { email: 'bob@example.com', external_id: '1' }, label);
    assert.deepEqual(results.saved, { name: savedName }, label);
    assert.deepEqual(results.paged.perPage, [2, 2, 1], label);
    assert.deepEqual(
      [...results.paged.emails].sort(),
      ['alice@example.com', 'alice@leads.example.com', 'bob@example.com', 'carol@example.com', 'obrien@truth.org'],
      label,
    );
    assert.deepEqual(results.notFound, { name: 'ResourceNotFound', statusCode: 404, code: 'not_found' }, label);
    assert.equal(results.badInput.name, 'InvalidParameterError', label);
  }

  /** What every runtime must have done, and the requests the sandbox saw from it. */
  function assertScenario(results: ScenarioResults, name: string, userAgent: RegExp, sync: true | RegExp): void {
    const transports = Object.keys(results.transports);
    assert.ok(transports.includes('FetchTransport'), transports.join());
    for (const [transport, checks] of Object.entries(results.transports)) {
      assert.deepEqual(checks, { gzipDecoded: true, bombFailure: 'response_too_large' }, transport);
    }
    assertClient(results.clients.default, name, `${name}: default transport`);
    assertClient(results.clients.fetch, `${name} (fetch)`, `${name}: FetchTransport`);
    assertV2Client(results.clientsV2.default, `${name} (2.x)`, `${name}: 2.x, default transport`);
    assertV2Client(results.clientsV2.fetch, `${name} (2.x, fetch)`, `${name}: 2.x, FetchTransport`);
    const v2Requests = sandbox.requests.filter((r) => r.headers['intercom-version'] === '2.16');
    assert.ok(v2Requests.length >= 2 * 6, `the 2.x calls reached the sandbox as 2.16 (${v2Requests.length})`);
    assert.doesNotMatch(JSON.stringify(results), new RegExp(TOKEN));

    const saves = sandbox.requests.filter((r) => r.method === 'POST' && r.path === '/users');
    assert.deepEqual(
      saves.map((r) => (r.body as { name?: string }).name),
      [name, `${name} (fetch)`],
    );
    for (const request of sandbox.requests) assert.match(request.headers['user-agent'] ?? '', userAgent);
    assert.ok(
      sandbox.requests.every((r) => r.headers.authorization === 'Bearer [redacted]' && r.status !== 401),
      'every request authenticated',
    );

    const { webhooks } = results;
    assert.equal(webhooks.verified, true);
    assert.equal(webhooks.tamperedVerified, false);
    assert.equal(webhooks.signatureOfAsync, signatureOf(NOTIFICATION, WEBHOOK_SECRET));
    assert.equal(webhooks.handlerStatus, 200);
    assert.equal(webhooks.handlerTopic, 'user.created');
    if (sync === true) assert.equal(webhooks.sync, true);
    else assert.match(String(webhooks.sync), sync);
  }

  test('Bun: the client (node:http by default, and fetch) and webhook verification', { timeout: 60_000 }, async () => {
    const results = await runCli('bun', [CLI_ENTRY, JSON.stringify(configFor('Bob on Bun', true))]);
    assertScenario(results, 'Bob on Bun', /^intercom-ts\/\S+ bun\/\d/, true);
  });

  test('Deno: the client (node:http by default, and fetch) and webhook verification', { timeout: 60_000 }, async () => {
    const results = await runCli('deno', [
      'run',
      '--no-lock',
      '--no-prompt',
      `--allow-net=${new URL(sandbox.url).host},${new URL(gzipOrigin).host}`,
      '--allow-read',
      CLI_ENTRY,
      JSON.stringify(configFor('Bob on Deno', true)),
    ]);
    assertScenario(results, 'Bob on Deno', /^intercom-ts\/\S+ deno\/\d/, true);
  });

  describe('workerd (Miniflare)', () => {
    let script: string;
    before(async () => {
      script = await workerScript();
    });

    test('without nodejs_compat: fetch is chosen, webhooks verify with Web Crypto', { timeout: 60_000 }, async () => {
      const results = await runWorker(script, configFor('Bob on workerd', false), []);
      // No node:crypto here: the synchronous check says so and points to the async one.
      assertScenario(results, 'Bob on workerd', /^intercom-ts\/\S+ workerd$/, /^IntercomError: .*verifySignatureAsync/);
    });

    test('with nodejs_compat: still fetch; webhooks verify with node:crypto', { timeout: 60_000 }, async () => {
      const results = await runWorker(script, configFor('Bob on workerd+compat', false), ['nodejs_compat']);
      assertScenario(results, 'Bob on workerd+compat', /^intercom-ts\/\S+ workerd$/, true);
    });
  });
});
