/**
 * Sandbox throughput: requests per second at concurrency 32 for `GET /users/{id}` and `POST /users` (1.x),
 * and for 2.x requests, each checked against the 2.16 description (`GET /me`, `POST /contacts/search`).
 *
 * The sandbox runs in a CHILD process (`node bin/intercom.js sandbox --port 0`), so the load generator
 * below does not share its CPU; the load loop is raw `node:http` with keep-alive sockets. Prints a
 * table and appends the figures to bench/results.json (git-ignored). No assertions.
 *
 * `npm run bench -- sandbox-throughput`, or after `npm test` (which compiles bench/ to
 * .test-build/bench/): node .test-build/bench/sandbox-throughput.js [--seconds 5] [--concurrency 32]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { record } from './harness.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '32' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const CONCURRENCY = Number(values.concurrency);
const TOKEN = 'bench-token';
const ROOT = new URL('../../', import.meta.url);

interface Scenario {
  name: string;
  method: 'GET' | 'POST';
  /** `Intercom-Version` to send; none: the sandbox's default (1.0). */
  version?: string;
  /** Path and body of the n-th request. */
  request: (n: number) => { path: string; body?: string };
}

interface Result {
  scenario: string;
  concurrency: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  statuses: Record<string, number>;
}

/** Starts the sandbox CLI in a child process and resolves to its URL once it printed its line. */
async function startChild(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      new URL('bin/intercom.js', ROOT).pathname,
      'sandbox',
      '--port',
      '0',
      '--token',
      TOKEN,
      '--seed',
      'demo',
      // The benchmark measures the server, not the limiter's 429s.
      '--rate-limit',
      '1000000000/10s',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`sandbox exited early (${code})`)));
    lines.once('line', (line) => {
      const m = /listening on (\S+)/.exec(line);
      if (m?.[1] === undefined) reject(new Error(`unexpected sandbox output: ${line}`));
      else resolve(m[1]);
    });
  });
  child.removeAllListeners('exit');
  return { child, url };
}

function send(
  agent: http.Agent,
  url: URL,
  method: string,
  path: string,
  body: string | undefined,
  version?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
    if (version !== undefined) headers['intercom-version'] = version;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `CONCURRENCY` loops for the warm-up, then measures for `SECONDS`. */
async function run(url: URL, scenario: Scenario): Promise<Result> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let n = 0;
  let measuring = false;
  let stop = false;
  const loop = async (): Promise<void> => {
    while (!stop) {
      const { path, body } = scenario.request(n++);
      const started = performance.now();
      try {
        const res = await send(agent, url, scenario.method, path, body, scenario.version);
        if (measuring && !stop) {
          latencies.push(performance.now() - started);
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        }
      } catch {
        if (measuring) errors++;
      }
    }
  };
  const loops = Array.from({ length: CONCURRENCY }, loop);
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  measuring = true;
  const started = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  const elapsed = (performance.now() - started) / 1000;
  await Promise.all(loops);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number): number =>
    Number((latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0).toFixed(2));
  return {
    scenario: scenario.name,
    concurrency: CONCURRENCY,
    seconds: Number(elapsed.toFixed(2)),
    requests: latencies.length,
    requestsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: pct(0.5),
    p99Ms: pct(0.99),
    errors,
    statuses,
  };
}

const { child, url: base } = await startChild();
try {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: false });
  const list = await send(agent, url, 'GET', '/users?per_page=1', undefined);
  const firstId = (JSON.parse(list.body) as { users: Array<{ id: string }> }).users[0]?.id;
  if (firstId === undefined) throw new Error('the demo seed has no user');

  const scenarios: Scenario[] = [
    { name: 'GET /users/{id}', method: 'GET', request: () => ({ path: `/users/${firstId}` }) },
    {
      name: 'POST /users (upsert)',
      method: 'POST',
      request: (n) => ({
        path: '/users',
        body: JSON.stringify({
          user_id: `bench-${n % 5000}`,
          email: `bench-${n % 5000}@example.com`,
          name: 'Bench User',
          custom_attributes: { plan: 'pro', seats: n % 50 },
        }),
      }),
    },
    { name: 'GET /me (2.16, validated)', method: 'GET', version: '2.16', request: () => ({ path: '/me' }) },
    {
      name: 'POST /contacts/search (2.16, validated)',
      method: 'POST',
      version: '2.16',
      request: (n) => ({
        path: '/contacts/search',
        body: JSON.stringify({
          query: {
            operator: 'AND',
            value: [
              { field: 'email', operator: '=', value: `bench-${n % 5000}@example.com` },
              { field: 'role', operator: '=', value: 'user' },
            ],
          },
          pagination: { per_page: 5 },
        }),
      }),
    },
  ];
  const results: Result[] = [];
  for (const scenario of scenarios) results.push(await run(url, scenario));

  console.log(`Sandbox throughput (sandbox in a child process, ${os.cpus().length} CPUs, node ${process.version})`);
  console.log('| scenario | concurrency | requests | req/s | p50 ms | p99 ms | errors | statuses |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.concurrency} | ${r.requests} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.errors} | ${JSON.stringify(r.statuses)} |`,
    );
  }

  record('sandbox-throughput', results);
} finally {
  child.kill('SIGTERM');
}
