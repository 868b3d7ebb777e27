/**
 * Pacing: 5,000 user upserts at concurrency 50 against a sandbox (in a child process) limited to
 * 500 requests per 5 s window, answering after 20 ms. How close does the client run to the limit,
 * and does it ever run into a 429?
 *
 * Figures:
 * - achieved rate as a fraction of the limit (500 / 5 s = 100 requests/s): overall (5,000 over the
 *   elapsed time), and per window: the sandbox's budget used in each window the run filled (every
 *   window but the first, which the run may start in the middle of, and the last, which holds what
 *   was left);
 * - 429s the sandbox answered (its own request log), 429s the client's transport received, and
 *   429s surfaced to the caller (`RateLimitExceeded` thrown by `users.create`).
 *
 * A second, shorter scenario shares the budget: another client has spent all but 10 of the current
 * window's 500 requests when the run starts (mid-window), so the first burst meets a nearly empty
 * window the client knows nothing about yet.
 *
 * BENCH_PACING_CALLS (default 5,000) and BENCH_PACING_REPETITIONS (default 1: a run takes about
 * 45 s) change the size.
 */
import { Client, NodeHttpTransport, RateLimitExceeded, type TransportRequest } from 'intercom-ts';
import { childServer, load, median, record, table } from './harness.js';

const CALLS = Number(process.env.BENCH_PACING_CALLS ?? 5_000);
const REPETITIONS = Number(process.env.BENCH_PACING_REPETITIONS ?? 1);
const CONCURRENCY = 50;
const LIMIT = 500;
const WINDOW_MS = 5_000;
const LATENCY_MS = 20;
const limitPerSecond = LIMIT / (WINDOW_MS / 1000);

interface Run {
  elapsedS: number;
  overallFraction: number;
  windowFractions: number[];
  sandbox429: number;
  transport429: number;
  surfaced429: number;
  otherErrors: number;
  waits: number;
}

async function once(calls: number, spentBefore: number): Promise<Run> {
  const sandbox = await childServer(new URL('./sandbox-child.js', import.meta.url).pathname, [
    JSON.stringify({ options: { seed: 'empty', rateLimit: { limit: LIMIT, windowMs: WINDOW_MS }, latencyMs: LATENCY_MS } }),
  ]);
  // The transport counts every answer by the window it fell in (X-RateLimit-Reset names the window).
  const inner = new NodeHttpTransport({ maxSockets: CONCURRENCY });
  const perWindow = new Map<string, number>();
  let transport429 = 0;
  const transport = {
    async request(req: TransportRequest) {
      const response = await inner.request(req);
      if (response.status === 429) transport429++;
      else {
        const reset = response.headers['x-ratelimit-reset'] ?? '?';
        perWindow.set(reset, (perWindow.get(reset) ?? 0) + 1);
      }
      return response;
    },
    close: () => inner.close(),
  };
  let waits = 0;
  const intercom = new Client({
    token: sandbox.ready.token as string,
    baseUrl: sandbox.url,
    maxConcurrency: CONCURRENCY,
    transport,
    onRateLimit: () => waits++,
  });
  if (spentBefore > 0) {
    // Another client of the same app spends most of a fresh window just before the run starts.
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS - (Date.now() % WINDOW_MS) + 10));
    // Its own budget, as another process's would be (clients of one app in a process share theirs).
    const other = new Client({
      token: sandbox.ready.token as string,
      baseUrl: sandbox.url,
      maxConcurrency: CONCURRENCY,
      rateLimitStore: false,
    });
    await load(spentBefore, CONCURRENCY, () => other.admins.me());
    other.close();
  }
  let n = 0;
  let surfaced429 = 0;
  let otherErrors = 0;
  const started = performance.now();
  await load(calls, CONCURRENCY, async () => {
    const i = n++;
    try {
      await intercom.users.create({ user_id: `pace-${i}`, email: `pace-${i}@example.com`, custom_attributes: { n: i } });
    } catch (error) {
      if (error instanceof RateLimitExceeded) surfaced429++;
      else otherErrors++;
    }
  });
  const elapsedS = (performance.now() - started) / 1000;
  const { statuses } = (await sandbox.ask('stats')) as { statuses: Record<string, number> };
  intercom.close();
  sandbox.stop();
  const windows = [...perWindow.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, count]) => count);
  return {
    elapsedS,
    overallFraction: calls / elapsedS / limitPerSecond,
    windowFractions: windows.slice(1, -1).map((count) => count / LIMIT),
    sandbox429: statuses['429'] ?? 0,
    transport429,
    surfaced429,
    otherErrors,
    waits,
  };
}

const scenarios = [
  { name: 'fresh window', calls: CALLS, spentBefore: 0 },
  { name: `shared: ${LIMIT - 10} of ${LIMIT} spent`, calls: Math.round(CALLS / 5), spentBefore: LIMIT - 10 },
];
const runs: Array<Run & { scenario: string; calls: number }> = [];
for (let rep = 0; rep < REPETITIONS; rep++) {
  for (const scenario of scenarios) {
    runs.push({ scenario: scenario.name, calls: scenario.calls, ...(await once(scenario.calls, scenario.spentBefore)) });
  }
}
const full = runs.filter((r) => r.scenario === 'fresh window').flatMap((r) => r.windowFractions);
console.log(
  `pacing: ${CALLS} upserts at concurrency ${CONCURRENCY}, sandbox limit ${LIMIT}/${WINDOW_MS / 1000}s with ${LATENCY_MS} ms latency (child process), ${REPETITIONS} run(s)`,
);
console.log('targets: per-window budget used >= 0.95; 429s surfaced = 0');
table(
  runs.map((r) => ({
    scenario: r.scenario,
    calls: r.calls,
    'elapsed s': r.elapsedS.toFixed(1),
    'overall rate / limit': r.overallFraction.toFixed(3),
    'full windows': r.windowFractions.length,
    'budget used per full window (min..max)': r.windowFractions.length
      ? `${Math.min(...r.windowFractions).toFixed(3)}..${Math.max(...r.windowFractions).toFixed(3)}`
      : '-',
    '429 answered by sandbox': r.sandbox429,
    '429 received by transport': r.transport429,
    '429 surfaced to caller': r.surfaced429,
    'other errors': r.otherErrors,
    'paced waits': r.waits,
  })),
);
record('pacing', {
  calls: CALLS,
  concurrency: CONCURRENCY,
  limit: LIMIT,
  windowMs: WINDOW_MS,
  latencyMs: LATENCY_MS,
  medianWindowFraction: median(full),
  minWindowFraction: Math.min(...full),
  runs,
});
