/**
 * What every benchmark shares: a child-process server (so the measured process only pays for the
 * client), CPU accounting, medians, and bench/results.json.
 */
import { type ChildProcess, fork, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

/** A server running in a child process. */
export interface ChildServer {
  url: string;
  /** Everything the child sent when it was ready (`url` and anything else it reports). */
  ready: Record<string, unknown>;
  child: ChildProcess;
  /** Sends `message` over IPC and resolves with the child's next message. */
  ask(message: unknown): Promise<unknown>;
  stop(): void;
}

/**
 * Starts `script` in a child process (without this process's `--cpu-prof` and similar flags); it
 * must send `{ url, ... }` over IPC once listening.
 */
export async function childServer(script: string, args: string[] = []): Promise<ChildServer> {
  const child = fork(script, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const ready = await new Promise<Record<string, unknown>>((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`server exited with ${code}`));
    child.once('exit', onExit);
    child.once('message', (message) => {
      child.off('exit', onExit);
      resolve(message as Record<string, unknown>);
    });
  });
  const ask = (message: unknown): Promise<unknown> =>
    new Promise((resolve) => {
      child.once('message', resolve);
      child.send(message as Parameters<ChildProcess['send']>[0]);
    });
  return { url: ready.url as string, ready, child, ask, stop: () => child.kill() };
}

/** Peak resident set size of a process so far, in bytes (Linux; undefined elsewhere). */
export function peakRss(pid: number | 'self' = 'self'): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

/**
 * CPU microseconds (user + system) and wall milliseconds spent by `fn` in this process. When the
 * process runs with `--expose-gc` (scripts/bench.mjs starts it so), a full collection runs first, so
 * that a contender does not pay for the garbage the previous one left.
 */
export async function measure(fn: () => Promise<void>): Promise<{ cpuUs: number; wallMs: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await fn();
  const used = process.cpuUsage(cpu);
  return { cpuUs: used.user + used.system, wallMs: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Runs `count` calls of `call` with `concurrency` workers. */
export async function load(count: number, concurrency: number, call: () => Promise<unknown>): Promise<void> {
  let started = 0;
  const worker = async (): Promise<void> => {
    while (started < count) {
      started++;
      await call();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The tables printed so far: record() keeps them with the results, as printed. */
const printed: Array<Array<Record<string, string | number>>> = [];

/**
 * Records one benchmark's results in bench/results.json, which is committed: the figures in the README
 * and bench/README.md are checked against it (test/package/doc-figures.test.ts).
 */
export function record(name: string, results: unknown): void {
  const file = new URL('../../bench/results.json', import.meta.url);
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    // first run
  }
  all[name] = {
    date: new Date().toISOString(),
    node: process.version,
    cores: os.availableParallelism(),
    cpu: os.cpus()[0]?.model,
    results,
    tables: printed,
  };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}

/** Prints rows as an aligned table (and keeps them for record()). */
export function table(rows: Array<Record<string, string | number>>): void {
  printed.push(rows);
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padStart(widths[i] as number)).join('  ');
  console.log(line(columns));
  for (const row of rows) console.log(line(columns.map((c) => String(row[c]))));
}

/**
 * The baseline every client is compared with: a GET of `target` over a keep-alive `node:http` agent,
 * its body parsed as JSON, and nothing else. Destroy `agent` when done.
 */
export function rawJsonGetter(target: URL): { get: () => Promise<unknown>; agent: http.Agent } {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 50 });
  const get = (): Promise<unknown> =>
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
  return { get, agent };
}

/** Wall times of programs whose only statement loads a module, each against a bare program. */
export interface StartupTimes {
  /** Median wall ms of the bare program (no statement). */
  bare: number;
  /** Per program name: its median wall ms, and that minus the bare program's. */
  programs: Record<string, { median: number; overBare: number; runs: number[] }>;
}

/**
 * Start-up as a user's program pays it: for each `[name, source]`, a file in `.test-build/startup/`
 * (`.mjs`, or `.cjs` when the source calls `require`) holding only that statement, run with `node
 * <file>` in a fresh process, against an empty `.mjs` file; the programs alternate (who goes first
 * rotates), after one warm-up run each; medians of `repetitions`. A file, not `node -e`: `-e` loads
 * node:crypto and the stream built-ins by itself, which would hide what the module loads.
 * The files sit inside the package, so `intercom-ts` resolves by self-reference, as installed.
 */
export function startupTimes(programs: Array<[string, string]>, repetitions: number): StartupTimes {
  const dir = new URL('../startup/', import.meta.url);
  mkdirSync(dir, { recursive: true });
  const files = [['bare', ''] as [string, string], ...programs].map(([name, source], i) => {
    const file = fileURLToPath(new URL(`program-${i}.${source.includes('require(') ? 'cjs' : 'mjs'}`, dir));
    writeFileSync(file, source === '' ? '' : `${source}\n`);
    return { name, file };
  });
  for (const { file } of files) spawnSync(process.execPath, [file]);
  const runs = new Map<string, number[]>();
  for (let rep = 0; rep < repetitions; rep++) {
    for (let i = 0; i < files.length; i++) {
      const { name, file } = files[(i + rep) % files.length] as { name: string; file: string };
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, [file]);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
      runs.set(name, [...(runs.get(name) ?? []), ms]);
    }
  }
  const bare = median(runs.get('bare') ?? []);
  return {
    bare,
    programs: Object.fromEntries(
      programs.map(([name]) => {
        const times = runs.get(name) ?? [];
        return [name, { median: median(times), overBare: median(times) - bare, runs: times }];
      }),
    ),
  };
}
