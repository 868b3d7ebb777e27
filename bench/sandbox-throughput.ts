/**
 * Sandbox throughput: requests per second at concurrency 32 for `GET /users/{id}` and `POST /users` (1.x),
 * and for 2.x requests, each checked against the 2.16 description (`GET /me`, `POST /contacts/search`).
 *
 * The sandbox runs in a CHILD process (`node bin/intercom.js sandbox --port 0`), so the load generator
 * below does not share its CPU; the load loop is raw `node:http` with keep-alive sockets. Prints a
 * table and appends the figures to bench/results.json (git-ignored). No assertions.
 *
 * `--baseline <dir>`: another built checkout of intercom-ts (`npm run build` done there, e.g. `git
 * archive main | tar -x -C <dir>`): its sandbox runs beside this one, and each 2.x scenario is measured
 * on both, alternately, `--rounds` times (5 by default; the row is the round of median req/s), so that
 * a change is compared with what it changed in one run on one machine. The `sandbox CPU µs/req` column
 * (the sandbox process's user + system time over the measured requests, from /proc) moves far less
 * than req/s when other work shares the cores.
 *
 * `npm run bench -- sandbox-throughput`, or after `npm test` (which compiles bench/ to
 * .test-build/bench/): node .test-build/bench/sandbox-throughput.js [--seconds 5] [--concurrency 32]
 * [--baseline <dir>]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { record } from './harness.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    warmup: { type: 'string', default: '1' },
    concurrency: { type: 'string', default: '32' },
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '5' },
  },
});
const SECONDS = Number(values.seconds);
const WARMUP_SECONDS = Number(values.warmup);
const CONCURRENCY = Number(values.concurrency);
const ROUNDS = Number(values.rounds);
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
  /** The sandbox process's CPU time (user + system) per measured request; undefined off Linux. */
  sandboxCpuUsPerRequest: number | undefined;
}

/** Clock ticks a second of /proc/<pid>/stat's times (`getconf CLK_TCK`; 100 on Linux). */
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** User + system CPU seconds a process has used so far (Linux); undefined elsewhere. */
function cpuSeconds(pid: number | undefined): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command's closing parenthesis: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Starts the sandbox CLI of the checkout at `root` in a child process; resolves to its URL once it printed its line. */
async function startChild(root: URL): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [
      new URL('bin/intercom.js', root).pathname,
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
async function run(url: URL, scenario: Scenario, pid?: number): Promise<Result> {
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
  const cpuBefore = cpuSeconds(pid);
  const started = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  stop = true;
  const cpuAfter = cpuSeconds(pid);
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
    sandboxCpuUsPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || latencies.length === 0
        ? undefined
        : Math.round(((cpuAfter - cpuBefore) * 1e6) / latencies.length),
  };
}

/** The n-th request of the 2.x search: one person by email (5,000 of them made by the upsert row), users only. */
const searchRequest = (n: number): { path: string; body: string } => ({
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
});

/** The upsert row's request: 5,000 users, made again and again. */
const upsertRequest = (n: number): { path: string; body: string } => ({
  path: '/users',
  body: JSON.stringify({
    user_id: `bench-${n % 5000}`,
    email: `bench-${n % 5000}@example.com`,
    name: 'Bench User',
    custom_attributes: { plan: 'pro', seats: n % 50 },
  }),
});

const V2_SCENARIOS: Scenario[] = [
  { name: 'GET /me (2.16, validated)', method: 'GET', version: '2.16', request: () => ({ path: '/me' }) },
  { name: 'POST /contacts/search (2.16, validated)', method: 'POST', version: '2.16', request: searchRequest },
];

/** The round of median req/s. */
function medianRound(rounds: Result[]): Result {
  const sorted = [...rounds].sort((a, b) => a.requestsPerSecond - b.requestsPerSecond);
  return sorted[Math.floor(sorted.length / 2)] as Result;
}

const { child, url: base } = await startChild(ROOT);
const baselineRoot = values.baseline === undefined ? undefined : pathToFileURL(`${path.resolve(values.baseline)}/`);
const baseline = baselineRoot === undefined ? undefined : await startChild(baselineRoot);
try {
  const url = new URL(base);
  const agent = new http.Agent({ keepAlive: false });
  const list = await send(agent, url, 'GET', '/users?per_page=1', undefined);
  const firstId = (JSON.parse(list.body) as { users: Array<{ id: string }> }).users[0]?.id;
  if (firstId === undefined) throw new Error('the demo seed has no user');

  const scenarios: Scenario[] = [
    { name: 'GET /users/{id}', method: 'GET', request: () => ({ path: `/users/${firstId}` }) },
    { name: 'POST /users (upsert)', method: 'POST', request: upsertRequest },
  ];
  const results: Result[] = [];
  for (const scenario of scenarios) results.push(await run(url, scenario, child.pid));
  if (baseline === undefined) {
    for (const scenario of V2_SCENARIOS) results.push(await run(url, scenario, child.pid));
  } else {
    // The baseline's workspace gets the same 5,000 people, then each 2.x scenario runs on both in turn.
    const baselineUrl = new URL(baseline.url);
    await run(baselineUrl, { name: 'POST /users (upsert)', method: 'POST', request: upsertRequest }, baseline.child.pid);
    for (const scenario of V2_SCENARIOS) {
      const mine: Result[] = [];
      const theirs: Result[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        mine.push(await run(url, scenario, child.pid));
        theirs.push(await run(baselineUrl, scenario, baseline.child.pid));
      }
      results.push(medianRound(mine));
      results.push({ ...medianRound(theirs), scenario: `${scenario.name} (baseline)` });
    }
  }

  console.log(`Sandbox throughput (sandbox in a child process, ${os.cpus().length} CPUs, node ${process.version})`);
  if (baselineRoot !== undefined) console.log(`baseline: ${baselineRoot.pathname} (2.x rows: median of ${ROUNDS} rounds)`);
  console.log('| scenario | concurrency | requests | req/s | p50 ms | p99 ms | sandbox CPU µs/req | errors | statuses |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    console.log(
      `| ${r.scenario} | ${r.concurrency} | ${r.requests} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.sandboxCpuUsPerRequest ?? '-'} | ${r.errors} | ${JSON.stringify(r.statuses)} |`,
    );
  }

  record('sandbox-throughput', results);
} finally {
  child.kill('SIGTERM');
  baseline?.child.kill('SIGTERM');
}
