/**
 * What every command shares: the global options, the client (created on first use, against an
 * embedded sandbox with `--sandbox`), output sinks, progress and notes on stderr.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { Writable } from 'node:stream';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { type ApiVersion1x, type ApiVersion2x, Client, MisconfiguredClientError } from '../index.js';
import type { RedisRateLimitStore } from '../redis/index.js';
import type { Sandbox } from '../sandbox/index.js';
import { createSink, FORMATS, type Format, type RecordSink, type View } from './output.js';
import { Progress } from './progress.js';
import { UsageError } from './usage-error.js';

/** A stream that may be a terminal. */
export type Output = Writable & { isTTY?: boolean; columns?: number };

/** A stream the CLI reads (stdin), which may be a terminal. */
export type Input = NodeJS.ReadableStream & { isTTY?: boolean };

/** The time as the CLI sees it: real by default, replaced in tests of the commands that wait. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` milliseconds; rejects with the signal's reason once `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock. */
export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Where the CLI reads its environment and input, writes its output, and tells the time. */
export interface CliIO {
  stdout: Output;
  stderr: Output;
  env: Readonly<Record<string, string | undefined>>;
  /** Default: `process.stdin`. */
  stdin?: Input;
  /** Default: {@link SYSTEM_CLOCK}. */
  clock?: Clock;
}

/** Default of `--request-timeout`: the longest one request (a page, a bulk submission) may take, retries included. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

/** The API versions the CLI names in its messages (the client's: 1.0 to 1.4, 2.7 to 2.16, Unstable). */
const VERSIONS_SPOKEN = '1.0 to 1.4, 2.7 to 2.16 or Unstable';

/**
 * The `--api-version` values the CLI speaks: 1.x (1.0 to 1.4), Unstable, and 2.7 to 2.16, which the
 * client reaches by translating each 1.x call to API 2.x (so every command works the same on 2.x, or
 * says it has no 2.x equivalent). Anything else is a usage error. (The client's own lists are
 * internal; test/cli/api-v2.test.ts checks that these are the same versions.)
 */
export function apiVersionArg(text: string): string {
  if (text === 'Unstable' || /^1(\.\d+)?$/.test(text)) return text;
  const minor2x = /^2\.(\d+)$/.exec(text)?.[1];
  if (minor2x !== undefined && Number(minor2x) >= 7 && Number(minor2x) <= 16 && !minor2x.startsWith('0')) return text;
  if (/^\d+(\.\d+)*$/.test(text)) {
    throw new InvalidArgumentError(`Intercom has no API ${text} the CLI speaks: give ${VERSIONS_SPOKEN}.`);
  }
  throw new InvalidArgumentError(`Not an API version: give ${VERSIONS_SPOKEN}, as the client's apiVersion takes.`);
}

/** Whether `version` is an API 2.x (or later) version: the client then translates every call of the CLI to 2.x. */
export function isApi2Version(version: string | undefined): boolean {
  return version !== undefined && /^([2-9]|\d{2,})(\.|$)/.test(version);
}

/** `--request-timeout`: whole milliseconds, at least 1 and at most a day (Node's timers take no more than ~24.8 days). */
export function requestTimeoutArg(text: string): number {
  const ms = Number(text);
  if (text.trim() === '' || !Number.isInteger(ms) || ms < 1 || ms > 86_400_000) {
    throw new InvalidArgumentError('must be whole milliseconds from 1 to 86400000.');
  }
  return ms;
}

/** `--rate-limit-store`: a `redis://` or `rediss://` URL. */
export function rateLimitStoreArg(text: string): string {
  if (!/^rediss?:\/\/\S+$/i.test(text)) throw new InvalidArgumentError('must be a redis:// or rediss:// URL.');
  return text;
}

/** The options every command takes. */
export interface GlobalOptions {
  rateLimitStore?: string;
  token?: string;
  baseUrl?: string;
  apiVersion?: string;
  sandbox?: boolean;
  format?: Format;
  quiet?: boolean;
  requestTimeout?: number;
}

/** Adds the global options to a command (the program, and every command that talks to the API). */
export function addGlobalOptions(command: Command): Command {
  const options = [
    new Option('--token <token>', 'access token (default: $INTERCOM_TOKEN)'),
    new Option('--base-url <url>', 'API base URL (default: $INTERCOM_BASE_URL, else https://api.intercom.io)'),
    new Option(
      '--api-version <version>',
      "Intercom-Version: 1.0 to 1.4, Unstable, or 2.7 to 2.16 (each call translated to API 2.x) (default: $INTERCOM_API_VERSION, else the app's)",
    ).argParser(apiVersionArg),
    new Option('--sandbox', 'start an embedded sandbox with demo data for this run, and use it'),
    new Option('--format <format>', 'output format (default: table on a terminal, jsonl otherwise)').choices(FORMATS),
    new Option('-q, --quiet', 'no progress line, notes or summary on stderr'),
    new Option(
      '--request-timeout <ms>',
      `longest time one request may take, retries included (default: ${DEFAULT_REQUEST_TIMEOUT_MS})`,
    ).argParser(requestTimeoutArg),
    new Option(
      '--rate-limit-store <url>',
      "share the app's rate-limit budget with other processes through Redis (redis://...; needs the redis or ioredis package)",
    ).argParser(rateLimitStoreArg),
  ];
  for (const option of options) command.addOption(option.helpGroup('Global options:'));
  return command;
}

/** The state of one CLI run. */
export class Cli {
  readonly io: Required<CliIO>;
  #client: Client | undefined;
  #sandbox: Sandbox | undefined;
  #rateLimitStore: RedisRateLimitStore | undefined;
  /** Progress lines to clear before data goes to the same terminal. */
  readonly #progress = new Set<Progress>();

  constructor(io: CliIO) {
    this.io = { stdin: process.stdin, clock: SYSTEM_CLOCK, ...io };
  }

  /** The global options of `command` and its ancestors; the innermost given value wins. */
  globals(command: Command): GlobalOptions {
    const chain: Command[] = [];
    for (let c: Command | null = command; c !== null; c = c.parent) chain.unshift(c);
    const merged: Record<string, unknown> = {};
    for (const c of chain) {
      for (const [key, value] of Object.entries(c.opts())) if (value !== undefined) merged[key] = value;
    }
    const out: GlobalOptions = {};
    if (typeof merged.token === 'string') out.token = merged.token;
    if (typeof merged.baseUrl === 'string') out.baseUrl = merged.baseUrl;
    if (typeof merged.apiVersion === 'string') out.apiVersion = merged.apiVersion;
    if (merged.sandbox === true) out.sandbox = true;
    if (typeof merged.format === 'string') out.format = merged.format as Format;
    if (merged.quiet === true) out.quiet = true;
    if (typeof merged.requestTimeout === 'number') out.requestTimeout = merged.requestTimeout;
    if (typeof merged.rateLimitStore === 'string') out.rateLimitStore = merged.rateLimitStore;
    return out;
  }

  /**
   * The per-call options of every request a command sends: `--request-timeout` bounds each call as
   * a whole (a server that trickles its answer or never ends it cannot hang the command), and
   * `signal`, when given, cancels it.
   */
  requestOptions(command: Command, signal?: AbortSignal): { timeout: number; signal?: AbortSignal } {
    const timeout = this.globals(command).requestTimeout ?? DEFAULT_REQUEST_TIMEOUT_MS;
    return signal === undefined ? { timeout } : { timeout, signal };
  }

  /**
   * The API version the commands speak: `--api-version`, else `$INTERCOM_API_VERSION`, else none
   * (the app's default version). A bad `$INTERCOM_API_VERSION` is a usage error, as the option's.
   */
  apiVersion(command: Command): string | undefined {
    const given = this.globals(command).apiVersion;
    if (given !== undefined) return given;
    const fromEnv = this.io.env.INTERCOM_API_VERSION;
    if (fromEnv === undefined || fromEnv === '') return undefined;
    try {
      return apiVersionArg(fromEnv);
    } catch (error) {
      if (error instanceof InvalidArgumentError) throw new UsageError(`INTERCOM_API_VERSION: ${error.message}`);
      throw error;
    }
  }

  /** Whether the commands speak API 2.x (through the client's translation of each 1.x call). */
  onApi2(command: Command): boolean {
    return isApi2Version(this.apiVersion(command));
  }

  /** The client, created on first use. */
  async client(command: Command): Promise<Client> {
    if (this.#client !== undefined) return this.#client;
    const g = this.globals(command);
    const apiVersion = this.apiVersion(command);
    let token = g.token ?? this.io.env.INTERCOM_TOKEN;
    let baseUrl = g.baseUrl ?? (this.io.env.INTERCOM_BASE_URL || undefined);
    if (g.sandbox) {
      if (g.baseUrl !== undefined) throw new UsageError('--sandbox and --base-url exclude each other');
      // The embedded sandbox replaces whatever INTERCOM_TOKEN and INTERCOM_BASE_URL name.
      // Loaded only when asked for: most runs talk to Intercom.
      const { startSandbox } = await import('../sandbox/index.js');
      this.#sandbox = await startSandbox({ port: 0, token: `sandbox-${randomBytes(6).toString('hex')}` });
      token = this.#sandbox.token;
      baseUrl = this.#sandbox.url;
      this.note(command, `Embedded sandbox at ${baseUrl} (demo data; gone when this command ends)`);
    }
    if (token === undefined || token === '') {
      throw new UsageError('no access token: pass --token or set INTERCOM_TOKEN (or use --sandbox)');
    }
    if (g.rateLimitStore !== undefined) {
      // Loaded only when asked for: it reaches for the redis (or ioredis) package.
      const { RedisRateLimitStore } = await import('../redis/index.js');
      this.#rateLimitStore = new RedisRateLimitStore({ url: g.rateLimitStore });
    }
    try {
      this.#client = new Client({
        token,
        ...(this.#rateLimitStore === undefined
          ? {}
          : { rateLimitStore: this.#rateLimitStore, onWarning: ({ message }) => this.warn(message) }),
        ...(baseUrl === undefined ? {} : { baseUrl }),
        // The client refuses a version it does not speak (with a MisconfiguredClientError, shown as usage).
        ...(apiVersion === undefined ? {} : { apiVersion: apiVersion as ApiVersion1x | ApiVersion2x }),
        handleRateLimit: true,
        userAgent: 'intercom-cli',
      });
    } catch (error) {
      if (error instanceof MisconfiguredClientError) throw new UsageError(error.message);
      throw error;
    }
    return this.#client;
  }

  /** The output format: `--format`, else `fallback`, else table on a terminal and jsonl otherwise. */
  format(command: Command, fallback?: Format): Format {
    return this.globals(command).format ?? fallback ?? (this.io.stdout.isTTY ? 'table' : 'jsonl');
  }

  /** A sink for records on stdout (or `out`). */
  sink(command: Command, options: { view?: View | undefined; single?: boolean; out?: Output; format?: Format } = {}): RecordSink {
    const out = options.out ?? this.io.stdout;
    const toTerminal = out.isTTY === true;
    return createSink(options.format ?? this.format(command), out, {
      view: options.view,
      single: options.single ?? false,
      // A terminal of unknown size (a pseudo-terminal nobody sized) reports 0 columns.
      width: toTerminal && out.columns ? out.columns : undefined,
      note: (message) => this.note(command, message),
      beforeWrite: toTerminal && this.io.stderr.isTTY === true ? () => this.clearProgress() : undefined,
    });
  }

  /** Writes each record of `records` to a sink on stdout. */
  async print(command: Command, records: AsyncIterable<object> | Iterable<object>, view?: View): Promise<number> {
    const sink = this.sink(command, { view });
    let n = 0;
    for await (const record of records) {
      await sink.write(record);
      n += 1;
    }
    await sink.end();
    return n;
  }

  /** Writes one record to stdout. */
  async printOne(command: Command, record: object, view?: View): Promise<void> {
    const sink = this.sink(command, { view, single: true });
    await sink.write(record);
    await sink.end();
  }

  /** A progress line on stderr: drawn only on a terminal and without `--quiet`. */
  progress(command: Command, label: (n: number, elapsedMs: number) => string): Progress {
    const enabled = this.io.stderr.isTTY === true && !this.globals(command).quiet;
    const progress = new Progress(this.io.stderr, enabled, label);
    this.#progress.add(progress);
    return progress;
  }

  /** Erases the progress lines. */
  clearProgress(): void {
    for (const progress of this.#progress) progress.clear();
  }

  /** A note on stderr (progress summaries, hints), unless `--quiet`. */
  note(command: Command, message: string): void {
    if (this.globals(command).quiet) return;
    this.clearProgress();
    this.io.stderr.write(`${message}\n`);
  }

  /** A problem on stderr, even with `--quiet` (bad rows, failed items). */
  warn(message: string): void {
    this.clearProgress();
    this.io.stderr.write(`${message}\n`);
  }

  /** Closes the client's connections and the embedded sandbox. */
  async close(): Promise<void> {
    this.clearProgress();
    this.#client?.close();
    await this.#rateLimitStore?.close();
    await this.#sandbox?.close();
  }
}
