/**
 * The sandbox's request log: what {@link Sandbox.requests} shows, bounded in entries and in body
 * bytes so that a flood of large requests cannot grow the process without limit.
 */
import type http from 'node:http';
import type { FaultKind } from './faults.js';

/** Most requests kept by default. */
export const DEFAULT_MAX_RECORDED_REQUESTS = 50_000;
/** Most body bytes (as sent) kept by default across all recorded requests: 32 MiB. */
export const DEFAULT_MAX_RECORDED_BYTES = 32 * 1024 * 1024;
/** Bytes counted for an entry besides its body (method, path, headers): a flat estimate. */
const ENTRY_OVERHEAD_BYTES = 512;

/** A request as the sandbox received it. */
export interface RecordedRequest {
  method: string;
  /** Path with query string, as sent. */
  path: string;
  /** Request headers, lower-case names; `authorization` shows only its scheme. */
  headers: Record<string, string>;
  /**
   * Parsed JSON body (the raw text when it was not JSON), or undefined: without a body, and when the
   * body was not kept (the request failed authentication, or its body alone exceeds the log's byte budget).
   */
  body: unknown;
  /** Size of the body as sent, in bytes, whether or not it was kept. */
  bodyBytes: number;
  /** The status answered; 0 when the connection was dropped without an answer (`reset-*` faults). */
  status: number;
  /** The fault injected into this request, or null. */
  fault: FaultKind | null;
  /** When the request was answered (epoch ms). */
  at: number;
}

/** What one request leaves in the log. */
export interface RequestToRecord {
  req: http.IncomingMessage;
  rawBody: string;
  /** Size of the body as sent (also when `rawBody` was not held). */
  bodyBytes: number;
  /** The parsed body; `malformed` when the raw body was not JSON (then the text is kept). */
  parsedBody: unknown;
  malformed: boolean;
  /** False for a request that failed authentication: its body is never kept. */
  authenticated: boolean;
  status: number;
  fault: FaultKind | null;
}

/** Request log bounds: oldest entries go first when either is reached. `0` entries turns the log off. */
export interface RequestLogLimits {
  maxEntries: number;
  maxBytes: number;
}

/** Entries in arrival order, with their counted size; tolerant of callers truncating `entries`. */
export class RequestLog {
  /** The public array ({@link Sandbox.requests}); callers may empty it. */
  readonly entries: RecordedRequest[] = [];
  readonly #limits: RequestLogLimits;
  readonly #sizes = new WeakMap<RecordedRequest, number>();
  #bytes = 0;
  #counted = 0;

  constructor(limits: RequestLogLimits) {
    this.#limits = limits;
  }

  /** Bytes counted for the entries now held. */
  get bytes(): number {
    this.#resync();
    return this.#bytes;
  }

  record(request: RequestToRecord): void {
    const { maxEntries, maxBytes } = this.#limits;
    if (maxEntries === 0) return;
    this.#resync();
    const { bodyBytes } = request;
    const keepBody = request.authenticated && bodyBytes + ENTRY_OVERHEAD_BYTES <= maxBytes;
    const entry = describe(request, bodyBytes, keepBody);
    const size = ENTRY_OVERHEAD_BYTES + (keepBody ? bodyBytes : 0);
    this.#evict(maxEntries - 1, maxBytes - size);
    this.entries.push(entry);
    this.#sizes.set(entry, size);
    this.#bytes += size;
    this.#counted = this.entries.length;
  }

  clear(): void {
    this.entries.length = 0;
    this.#bytes = 0;
    this.#counted = 0;
  }

  /** Drops the oldest entries (a tenth more than needed, to splice rarely) until both bounds hold. */
  #evict(entries: number, bytes: number): void {
    if (this.entries.length <= entries && this.#bytes <= bytes) return;
    const entryTarget = Math.max(0, Math.min(entries, Math.floor(this.#limits.maxEntries * 0.9)));
    const byteTarget = Math.max(0, Math.min(bytes, Math.floor(this.#limits.maxBytes * 0.9)));
    let drop = Math.max(0, this.entries.length - entryTarget);
    let remaining = this.#bytes;
    for (let i = 0; i < drop; i++) remaining -= this.#sizeOf(this.entries[i] as RecordedRequest);
    while (drop < this.entries.length && remaining > byteTarget) {
      remaining -= this.#sizeOf(this.entries[drop] as RecordedRequest);
      drop += 1;
    }
    this.entries.splice(0, drop);
    this.#bytes = remaining;
  }

  #sizeOf(entry: RecordedRequest): number {
    return this.#sizes.get(entry) ?? ENTRY_OVERHEAD_BYTES;
  }

  /** Recounts after a caller changed `entries` (e.g. `requests.length = 0`). */
  #resync(): void {
    if (this.entries.length === this.#counted) return;
    this.#bytes = this.entries.reduce((sum, entry) => sum + this.#sizeOf(entry), 0);
    this.#counted = this.entries.length;
  }
}

function describe(request: RequestToRecord, bodyBytes: number, keepBody: boolean): RecordedRequest {
  const { req } = request;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  if (headers.authorization !== undefined) headers.authorization = `${headers.authorization.split(' ')[0]} [redacted]`;
  const body = !keepBody ? undefined : request.malformed ? request.rawBody : request.parsedBody;
  return {
    method: req.method ?? '',
    path: req.url ?? '',
    headers,
    body,
    bodyBytes,
    status: request.status,
    fault: request.fault,
    at: Date.now(),
  };
}
