/**
 * The 2.x client side by side with the official SDK (`intercom-client` 7.0.3), in one run:
 *
 * - start-up: `import('intercom-ts/v2')` and `import('intercom-client')` in fresh processes, the time
 *   of the import inside the process and the wall time over a bare `node -e 0`, alternating, median
 *   of BENCH_STARTUP_REPETITIONS (default 10);
 * - overhead: CPU per `contacts.find` and calls/s at concurrency 1 and 16, against a raw `node:http`
 *   keep-alive loop and the official SDK, on the fixed-user server in a child process; contenders
 *   alternate, ratios paired within each repetition, medians (BENCH_CALLS, default 10,000;
 *   BENCH_REPETITIONS, default 5);
 * - size: the minified esbuild bundle of a program that calls only `contacts.find`, built with each
 *   client (node platform, ESM, tree-shaken).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { IntercomClient as OfficialClient } from 'intercom-client';
import { IntercomClient } from 'intercom-ts/v2';
import { childServer, load, measure, median, rawJsonGetter, record, table } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_REPETITIONS = Number(process.env.BENCH_STARTUP_REPETITIONS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);
const ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';

// ---- start-up
const imports: Array<[string, string]> = [
  ['node -e 0', '0'],
  [
    "import('intercom-ts/v2')",
    "const t = performance.now(); import('intercom-ts/v2').then(() => process.stdout.write(String(performance.now() - t)))",
  ],
  [
    "import('intercom-client')",
    "const t = performance.now(); import('intercom-client').then(() => process.stdout.write(String(performance.now() - t)))",
  ],
];
for (const [, code] of imports) spawnSync(process.execPath, ['-e', code], { cwd: ROOT });
const wall = new Map<string, number[]>();
const inside = new Map<string, number[]>();
for (let rep = 0; rep < STARTUP_REPETITIONS; rep++) {
  for (let i = 0; i < imports.length; i++) {
    const [name, code] = imports[(i + rep) % imports.length] as [string, string];
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ['-e', code], { cwd: ROOT });
    wall.set(name, [...(wall.get(name) ?? []), Number(process.hrtime.bigint() - started) / 1e6]);
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
    if (run.stdout.length > 0) inside.set(name, [...(inside.get(name) ?? []), Number(run.stdout.toString())]);
  }
}
const bare = median(wall.get('node -e 0') ?? []);
const startup = imports.slice(1).map(([name]) => ({
  import: name,
  'in-process ms': median(inside.get(name) ?? []).toFixed(1),
  'wall over bare node ms': (median(wall.get(name) ?? []) - bare).toFixed(1),
}));

// ---- size
async function bundleBytes(source: string): Promise<number> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0);
}
const program = (module: string): string =>
  `import { IntercomClient } from '${module}';\nconst client = new IntercomClient({ token: 't' });\nconsole.log(await client.contacts.find({ contact_id: process.argv[2] }));\n`;
const oursBytes = await bundleBytes(program('intercom-ts/v2'));
const officialBytes = await bundleBytes(program('intercom-client'));

// ---- overhead
const server = await childServer(new URL('./fixed-user-server.js', import.meta.url).pathname);
const target = new URL(`/contacts/${ID}`, server.url);
const { get: rawFind, agent } = rawJsonGetter(target);
const ours = new IntercomClient({ token: 't', baseUrl: server.url, maxConcurrency: 16 });
const official = new OfficialClient({ token: 't', baseUrl: server.url });
const contenders: Array<[string, () => Promise<unknown>]> = [
  ['raw node:http + JSON.parse', rawFind],
  ['intercom-ts/v2 contacts.find', () => ours.contacts.find({ contact_id: ID })],
  ['intercom-client 7.0.3 contacts.find', () => official.contacts.find({ contact_id: ID })],
];
for (const [name, call] of contenders) {
  const found = (await call()) as { email?: unknown };
  if (found.email !== 'bob@example.com') throw new Error(`${name} did not return the fixed record`);
}
const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {};
for (const concurrency of [1, 16]) {
  for (const [, call] of contenders) await load(1_000, concurrency, call);
  const samples = new Map<string, Array<{ cpuUs: number; wallMs: number }>>();
  for (let rep = 0; rep < REPETITIONS; rep++) {
    for (let i = 0; i < contenders.length; i++) {
      const [name, call] = contenders[(i + rep) % contenders.length] as [string, () => Promise<unknown>];
      samples.set(name, [...(samples.get(name) ?? []), await measure(() => load(CALLS, concurrency, call))]);
    }
  }
  const rawRuns = samples.get(contenders[0]?.[0] as string) ?? [];
  const ourRuns = samples.get(contenders[1]?.[0] as string) ?? [];
  for (const [name] of contenders) {
    const runs = samples.get(name) ?? [];
    const cpuVsRaw = median(runs.map((s, rep) => s.cpuUs / (rawRuns[rep]?.cpuUs ?? Number.NaN)));
    const oursVsThis = median(runs.map((s, rep) => s.wallMs / (ourRuns[rep]?.wallMs ?? Number.NaN)));
    rows.push({
      concurrency,
      contender: name,
      'cpu µs/call': (median(runs.map((s) => s.cpuUs)) / CALLS).toFixed(1),
      'calls/s': Math.round(CALLS / (median(runs.map((s) => s.wallMs)) / 1000)),
      'cpu vs raw': cpuVsRaw.toFixed(2),
      'intercom-ts/v2 calls/s vs this': oursVsThis.toFixed(2),
    });
    results[`c${concurrency} ${name}`] = { cpuRatioToRaw: cpuVsRaw, oursCallsPerSecondRatio: oursVsThis };
  }
}

console.log(
  `v2: node ${process.version}; start-up median of ${STARTUP_REPETITIONS}; ${CALLS} calls x ${REPETITIONS} repetitions`,
);
console.log(
  'targets: import over bare node < 60 ms; cpu vs raw <= 1.25; calls/s at c16 >= 3x the official SDK; bundle <= 1/10 of the official SDK',
);
table(startup);
table([
  { program: 'contacts.find only, intercom-ts/v2', 'minified bytes': oursBytes },
  { program: 'contacts.find only, intercom-client 7.0.3', 'minified bytes': officialBytes },
  { program: 'ratio', 'minified bytes': (oursBytes / officialBytes).toFixed(3) },
]);
table(rows);
record('v2', { startup, bytes: { ours: oursBytes, official: officialBytes }, overhead: results });
ours.close();
agent.destroy();
server.stop();
