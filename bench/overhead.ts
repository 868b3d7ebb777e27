/**
 * Overhead: CPU time per `users.find` in this process, against a loopback server in a child process
 * that returns a fixed user, next to a raw node:http keep-alive loop doing the same request and JSON
 * parse. Contenders alternate, 5 repetitions, medians; the ratio is the figure that counts.
 */
import http from 'node:http';
import { Client } from 'intercom-ts';
import { childServer, load, measure, median, record, table } from './harness.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 20_000);
const REPETITIONS = 5;
const server = await childServer(new URL('./fixed-user-server.js', import.meta.url).pathname);
const target = new URL('/users/aaaaaaaaaaaaaaaaaaaaaaaa', server.url);

const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
const rawFind = (): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const req = http.request(target, { agent, headers: { authorization: 'Bearer t', accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });

const intercom = new Client({ token: 't', baseUrl: server.url });
const clientFind = () => intercom.users.find({ id: 'aaaaaaaaaaaaaaaaaaaaaaaa' });

const contenders: Array<[string, () => Promise<unknown>]> = [
  ['raw node:http + JSON.parse', rawFind],
  ['intercom-ts users.find', clientFind],
];

const rows: Array<Record<string, string | number>> = [];
const results: Record<string, unknown> = {};
for (const concurrency of [1, 16]) {
  // Warm up both paths (JIT, sockets).
  for (const [, call] of contenders) await load(2_000, concurrency, call);
  const samples = new Map<string, Array<{ cpuUs: number; wallMs: number }>>();
  for (let rep = 0; rep < REPETITIONS; rep++) {
    for (const [name, call] of contenders) {
      const sample = await measure(() => load(CALLS, concurrency, call));
      samples.set(name, [...(samples.get(name) ?? []), sample]);
    }
  }
  const rawCpu = median((samples.get(contenders[0]?.[0] as string) ?? []).map((s) => s.cpuUs)) / CALLS;
  for (const [name] of contenders) {
    const runs = samples.get(name) ?? [];
    const cpuPerCall = median(runs.map((s) => s.cpuUs)) / CALLS;
    const callsPerSecond = CALLS / (median(runs.map((s) => s.wallMs)) / 1000);
    rows.push({
      concurrency,
      contender: name,
      'cpu µs/call': cpuPerCall.toFixed(1),
      'calls/s': Math.round(callsPerSecond),
      'cpu vs raw': (cpuPerCall / rawCpu).toFixed(2),
    });
    results[`c${concurrency} ${name}`] = { cpuUsPerCall: cpuPerCall, callsPerSecond, ratioToRaw: cpuPerCall / rawCpu };
  }
}
console.log(`overhead: ${CALLS} calls per repetition, median of ${REPETITIONS}, server in a child process`);
table(rows);
record('overhead', results);
intercom.close();
agent.destroy();
server.stop();
