/**
 * The 2.x client side by side with the official SDK (`intercom-client` 7.0.3), in one run:
 *
 * - start-up: a program whose only statement is `import 'intercom-ts/v2'` (or `'intercom-client'`),
 *   wall time over an empty program, fresh processes, alternating, median of
 *   BENCH_STARTUP_REPETITIONS (default 10) (`startupTimes` in harness.ts);
 * - overhead: CPU per `contacts.find` and calls/s at concurrency 1 and 16, against a raw `node:http`
 *   keep-alive loop and the official SDK, on the fixed-user server in a child process; contenders
 *   alternate, ratios paired within each repetition, medians (BENCH_CALLS, default 10,000;
 *   BENCH_REPETITIONS, default 5);
 * - size: the minified esbuild bundle of a program that calls only `contacts.find`, built with each
 *   client (node platform, ESM, tree-shaken).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { IntercomClient as OfficialClient } from 'intercom-client';
import { IntercomClient } from 'intercom-ts/v2';
import { childServer, load, measure, median, rawJsonGetter, record, startupTimes, table } from './harness.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const STARTUP_REPETITIONS = Number(process.env.BENCH_STARTUP_REPETITIONS ?? 10);
const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 5);
const ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';

// ---- start-up: a user's program whose only statement is the import, against an empty one
const imports: Array<[string, string]> = [
  ["import 'intercom-ts/v2'", "import 'intercom-ts/v2';"],
  ["import 'intercom-client'", "import 'intercom-client';"],
];
const times = startupTimes(imports, STARTUP_REPETITIONS);
const startup = imports.map(([name]) => ({
  program: name,
  'median wall ms': (times.programs[name]?.median ?? Number.NaN).toFixed(1),
  'wall over bare node ms': (times.programs[name]?.overBare ?? Number.NaN).toFixed(1),
}));

// ---- size
/** The minified bundle's bytes, and (with `byPart`) how many of them each part of intercom-ts takes. */
async function bundleBytes(source: string): Promise<{ bytes: number; byPart: Record<string, number> }> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    write: false,
    logLevel: 'silent',
    metafile: true,
  });
  const byPart: Record<string, number> = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      // .build/esm/core/x.js -> core; .build/esm/v2/generated/resources/x.js -> v2/generated/resources
      const part = input.startsWith('.build/esm/') ? input.slice('.build/esm/'.length).replace(/\/[^/]*$/, '') : 'other';
      byPart[part] = (byPart[part] ?? 0) + bytesInOutput;
    }
  }
  return { bytes: result.outputFiles.reduce((sum, file) => sum + file.contents.length, 0), byPart };
}
const program = (module: string): string =>
  `import { IntercomClient } from '${module}';\nconst client = new IntercomClient({ token: 't' });\nconsole.log(await client.contacts.find({ contact_id: process.argv[2] }));\n`;
const { bytes: oursBytes } = await bundleBytes(program('intercom-ts/v2'));
// What each part of intercom-ts takes: the same program bundled from tsc's per-module output
// (.build/esm, which scripts/build.mjs bundles into dist/esm's entries and chunks).
const { byPart } = await bundleBytes(program(`${ROOT}.build/esm/v2/index.js`));
const { bytes: officialBytes } = await bundleBytes(program('intercom-client'));

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
  `v2: node ${process.version}; start-up median of ${STARTUP_REPETITIONS} (empty program: ${times.bare.toFixed(1)} ms); ${CALLS} calls x ${REPETITIONS} repetitions`,
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
table(
  Object.entries(byPart)
    .sort(([, a], [, b]) => b - a)
    .map(([part, bytes]) => ({ 'intercom-ts/v2 bundle part': part, 'minified bytes': bytes })),
);
table(rows);
record('v2', {
  startup,
  bareMs: times.bare,
  bytes: { ours: oursBytes, official: officialBytes, oursByPart: byPart },
  overhead: results,
});
ours.close();
agent.destroy();
server.stop();
