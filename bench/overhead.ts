/**
 * Overhead: CPU time per call in this process and calls/s, against a loopback server in a child
 * process that answers every path with the same user. Three contenders do the same lookup:
 *
 * - a raw `node:http` keep-alive loop (request + `JSON.parse`): the floor;
 * - intercom-ts `users.find({ id })` (`GET /users/{id}`);
 * - the official SDK, `intercom-client` v7, `contacts.find({ contact_id })` (`GET /contacts/{id}`,
 *   API 2.x; the server answers it with the same user, since only the client's overhead counts).
 *
 * Contenders alternate (who goes first rotates), 7 repetitions, medians; the ratios are the figures
 * that count, taken within each repetition and then the median. `BENCH_CALLS` (default 20,000) and
 * `BENCH_REPETITIONS` (default 7) change the size.
 */
import { IntercomClient } from 'intercom-client';
import { Client } from 'intercom-ts';
import { childServer, load, measure, median, rawJsonGetter, record, table } from './harness.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const REPETITIONS = Number(process.env.BENCH_REPETITIONS ?? 7);
const ID = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const server = await childServer(new URL('./fixed-user-server.js', import.meta.url).pathname);
const target = new URL(`/users/${ID}`, server.url);

const { get: rawFind, agent } = rawJsonGetter(target);

// maxConcurrency 16 so that the client's own limit (default 10) does not queue the c16 runs.
const intercom = new Client({ token: 't', baseUrl: server.url, maxConcurrency: 16 });
const clientFind = () => intercom.users.find({ id: ID });

const official = new IntercomClient({ token: 't', baseUrl: server.url });
const officialFind = () => official.contacts.find({ contact_id: ID });

const contenders: Array<[string, () => Promise<unknown>]> = [
  ['raw node:http + JSON.parse', rawFind],
  ['intercom-ts users.find', clientFind],
  ['intercom-client v7 contacts.find', officialFind],
];
// BENCH_SKIP_OFFICIAL=1 leaves the official SDK out (a quicker run while working on the client).
if (process.env.BENCH_SKIP_OFFICIAL === '1') contenders.pop();

// Every contender must get the fixed user back, or the figures mean nothing.
for (const [name, call] of contenders) {
  const user = (await call()) as { email?: unknown };
  if (user.email !== 'bob@example.com') throw new Error(`${name} did not return the fixed user`);
}

const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {};
for (const concurrency of [1, 16]) {
  // Warm up every path (JIT, sockets).
  for (const [, call] of contenders) await load(2_000, concurrency, call);
  const samples = new Map<string, Array<{ cpuUs: number; wallMs: number }>>();
  for (let rep = 0; rep < REPETITIONS; rep++) {
    // Alternate, and rotate who goes first, so that drifting machine load hits everyone alike.
    for (let i = 0; i < contenders.length; i++) {
      const [name, call] = contenders[(i + rep) % contenders.length] as [string, () => Promise<unknown>];
      const sample = await measure(() => load(CALLS, concurrency, call));
      samples.set(name, [...(samples.get(name) ?? []), sample]);
    }
  }
  const rawRuns = samples.get(contenders[0]?.[0] as string) ?? [];
  const ourRuns = samples.get(contenders[1]?.[0] as string) ?? [];
  for (const [name] of contenders) {
    const runs = samples.get(name) ?? [];
    const cpuPerCall = median(runs.map((s) => s.cpuUs)) / CALLS;
    const callsPerSecond = CALLS / (median(runs.map((s) => s.wallMs)) / 1000);
    // Ratios are paired: each repetition ran every contender back to back, so the ratio within a
    // repetition cancels the machine's drift between repetitions; the median of those is reported.
    const cpuVsRaw = median(runs.map((s, rep) => s.cpuUs / (rawRuns[rep]?.cpuUs ?? Number.NaN)));
    const oursVsThis = median(runs.map((s, rep) => s.wallMs / (ourRuns[rep]?.wallMs ?? Number.NaN)));
    rows.push({
      concurrency,
      contender: name,
      'cpu µs/call': cpuPerCall.toFixed(1),
      'calls/s': Math.round(callsPerSecond),
      'cpu vs raw': cpuVsRaw.toFixed(2),
      'intercom-ts calls/s vs this': oursVsThis.toFixed(2),
    });
    results[`c${concurrency} ${name}`] = {
      cpuUsPerCall: cpuPerCall,
      callsPerSecond,
      cpuRatioToRaw: cpuVsRaw,
      intercomTsCallsPerSecondRatio: oursVsThis,
      samples: runs,
    };
  }
}
console.log(
  `overhead: ${CALLS} calls per repetition, median of ${REPETITIONS}, contenders alternating, server in a child process`,
);
console.log('targets: intercom-ts cpu vs raw <= 1.25; intercom-ts calls/s vs official SDK >= 3');
table(rows);
record('overhead', { calls: CALLS, repetitions: REPETITIONS, results });
intercom.close();
agent.destroy();
server.stop();
