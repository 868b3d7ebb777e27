/**
 * Export memory: scroll users out of the sandbox (`users.scroll()`, pages of 100) and measure the
 * client's records/s and the growth of its resident set from before the export to its peak
 * (VmHWM), for 50,000, 200,000 and 400,000 records: the growth must not depend on the number of
 * records.
 *
 * The sandbox runs in a child process, seeded straight into its store (bench/sandbox-child.ts) and
 * with a rate limit high enough not to pace the export (this bench is about memory; the pacing
 * bench is about the limit). The client runs in a fresh process per export (bench/export-client.ts)
 * so that its peak resident set is its own. Sizes alternate; BENCH_EXPORT_REPETITIONS (default 3)
 * repetitions, medians. The client also reports its peak so far every 50,000 records: the growth
 * levels off once V8 has grown its young generation (by about 75,000 records here), so a short
 * export can show less than a long one without anything being held per record.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { childServer, median, record, table } from './harness.js';

const SIZES = (process.env.BENCH_EXPORT_SIZES ?? '50000,200000,400000').split(',').map(Number);
const REPETITIONS = Number(process.env.BENCH_EXPORT_REPETITIONS ?? 3);
const MB = 1024 * 1024;
const run = promisify(execFile);

interface ExportRun {
  records: number;
  seconds: number;
  baselineRss: number;
  peakRss: number;
  rssGrowth: number;
  heapUsedAtEnd: number;
  /** Peak RSS growth so far after every 50,000 records. */
  rssGrowthAt: Record<string, number>;
}

async function once(size: number): Promise<ExportRun & { seedS: number }> {
  const sandbox = await childServer(new URL('./sandbox-child.js', import.meta.url).pathname, [
    JSON.stringify({ options: { seed: 'empty', rateLimit: { limit: 1_000_000_000, windowMs: 10_000 } }, users: size }),
  ]);
  try {
    const { stdout } = await run(process.execPath, [
      new URL('./export-client.js', import.meta.url).pathname,
      sandbox.url,
      sandbox.ready.token as string,
      String(size),
    ]);
    const result = JSON.parse(stdout) as ExportRun;
    if (result.records !== size) throw new Error(`exported ${result.records} of ${size} users`);
    return { ...result, seedS: (sandbox.ready.seedMs as number) / 1000 };
  } finally {
    sandbox.stop();
  }
}

const samples = new Map<number, Array<ExportRun & { seedS: number }>>();
for (let rep = 0; rep < REPETITIONS; rep++) {
  const order = rep % 2 === 0 ? SIZES : [...SIZES].reverse();
  for (const size of order) samples.set(size, [...(samples.get(size) ?? []), await once(size)]);
}
const rows = SIZES.map((size) => {
  const runs = samples.get(size) ?? [];
  return {
    records: size,
    'records/s': Math.round(median(runs.map((r) => r.records / r.seconds))),
    'baseline RSS MB': (median(runs.map((r) => r.baselineRss)) / MB).toFixed(1),
    'peak RSS MB': (median(runs.map((r) => r.peakRss)) / MB).toFixed(1),
    'RSS growth MB (median)': (median(runs.map((r) => r.rssGrowth)) / MB).toFixed(1),
    'RSS growth MB (max)': (Math.max(...runs.map((r) => r.rssGrowth)) / MB).toFixed(1),
    'sandbox seed s': median(runs.map((r) => r.seedS)).toFixed(1),
  };
});
console.log(
  `export-memory: users.scroll() out of a sandbox in a child process, client in a fresh process per export, median of ${REPETITIONS}`,
);
console.log('targets: RSS growth < 64 MB, the same for 50k and 200k records');
table(rows);
const largest = Math.max(...SIZES);
const largestRuns = samples.get(largest) ?? [];
console.log(`\npeak RSS growth so far (MB) during the ${largest.toLocaleString('en')}-record export, median of ${REPETITIONS}:`);
table([
  Object.fromEntries(
    Object.keys(largestRuns[0]?.rssGrowthAt ?? {}).map((at) => [
      `${Number(at) / 1000}k`,
      (median(largestRuns.map((r) => r.rssGrowthAt[at] ?? 0)) / MB).toFixed(1),
    ]),
  ),
]);
record('export-memory', { repetitions: REPETITIONS, sizes: Object.fromEntries(samples) });
