import { type ChildProcess, spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import type { BulkUserItem, Client } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import type { Clock } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';

/** The built CLI. */
export const BIN = new URL('../../../bin/intercom.js', import.meta.url).pathname;

/** How a CLI run ended. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * The environment of a CLI run: ours without Intercom settings, plus `extra`. The suite's response
 * check (`INTERCOM_SANDBOX_VALIDATE_RESPONSES`, set by scripts/test.mjs) is kept: a sandbox the CLI
 * starts checks its 2.x answers too.
 */
export function cliEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (!key.startsWith('INTERCOM_') || key === 'INTERCOM_SANDBOX_VALIDATE_RESPONSES')) env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs `node bin/intercom.js ...args` to its end (killed after `timeoutMs`). Stdout and stderr are
 * pipes; `input`, when given, is written to stdin (which is closed at once otherwise).
 */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number; input?: string | Buffer } = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: options.env ?? cliEnv(),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input);
  });
}

/**
 * Runs the CLI against `sandbox`: `--base-url` on the command line, the token in `INTERCOM_TOKEN`
 * (never in the arguments, which a failing test may print).
 */
export function cliFor(sandbox: Sandbox): (args: string[], timeoutMs?: number) => Promise<CliRun> {
  return (args, timeoutMs) =>
    runCli([...args, '--base-url', sandbox.url], {
      env: cliEnv({ INTERCOM_TOKEN: sandbox.token }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
}

/** Creates `count` users `u<i>` / `u<i>@example.com` through bulk jobs of 100, and waits for them. */
export async function seedUsers(intercom: Client, count: number, from = 0): Promise<void> {
  let jobId: string | undefined;
  for (let start = from; start < from + count; start += 100) {
    const items: BulkUserItem[] = [];
    for (let i = start; i < Math.min(start + 100, from + count); i++) {
      items.push({ user_id: `u${i}`, email: `u${i}@example.com`, name: `User ${i}` });
    }
    const job = await intercom.users.submitBulkJob({ create_items: items, ...(jobId === undefined ? {} : { job_id: jobId }) });
    jobId = job.id;
  }
  if (jobId === undefined) return;
  const done = await intercom.jobs.wait(jobId, { interval: 20 });
  if (done.state !== 'completed') throw new Error(`seeding failed: ${done.state}`);
}

/** Runs the CLI in this process with `clock` (and `env`): for the commands that wait, without waiting. */
export async function runCliInProcess(
  args: string[],
  options: { env?: Record<string, string>; clock?: Clock } = {},
): Promise<CliRun> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  err.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  const code = await main(args, out, err, options.env ?? {}, options.clock === undefined ? {} : { clock: options.clock });
  return { code, stdout, stderr };
}

/**
 * A clock whose every sleep takes `realMs` of real time and moves it on by the time asked for: a
 * 70-second wait passes in 70 short sleeps. `sleeps` lists what was asked for.
 */
export function fastClock(realMs = 5): Clock & { sleeps: number[] } {
  let now = Date.now();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms, signal) => {
      sleeps.push(ms);
      await new Promise<void>((resolve) => setTimeout(resolve, realMs));
      signal?.throwIfAborted();
      now += ms;
    },
  };
}

/** A CLI process running in the background (an export to interrupt, a wait to cancel). */
export interface BackgroundCli {
  child: ChildProcess;
  /** Resolves when stderr matches `pattern`. */
  waitForStderr(pattern: RegExp): Promise<void>;
  /** Resolves when the process exits. */
  exited: Promise<CliRun & { signal: NodeJS.Signals | null }>;
}

/** Starts `node bin/intercom.js ...args` without waiting for its end. */
export function startCli(args: string[], env: Record<string, string>): BackgroundCli {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const wake of waiters.splice(0)) wake();
      resolve({ code, signal, stdout, stderr });
    }),
  );
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  const waitForStderr = async (pattern: RegExp): Promise<void> => {
    while (!pattern.test(stderr)) {
      if (ended) throw new Error(`the CLI exited before stderr matched ${pattern}: ${stderr}`);
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  return { child, waitForStderr, exited };
}
