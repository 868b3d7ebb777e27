/**
 * A {@link RequestPipeline} over an in-memory transport that answers from a script, on a mocked clock:
 * the pipeline's rules (headers, retries, waits, pacing, failure kinds) tested without a socket or a
 * real wait. Time moves only when a test ticks it ({@link drive}, or a script step calling `tick`).
 */
import assert from 'node:assert/strict';
import { mock } from 'node:test';
import type { IntercomError } from '../../src/core/errors.js';
import { InProcessRateLimitStore } from '../../src/core/rate-limit-store.js';
import { type ApiRequest, type PipelineSettings, RequestPipeline } from '../../src/core/request-pipeline.js';
import type { Transport, TransportRequest, TransportResponse } from '../../src/core/transport.js';

/** Epoch ms the mocked clock starts at: a whole second, so `Date` headers (1 s resolution) are exact. */
export const T0 = 1_800_000_000_000;

/** What the transport does with one request: answer, throw, or run a function. */
export type Step = TransportResponse | Error | ((request: TransportRequest) => TransportResponse | Promise<TransportResponse>);

/** A transport answering request N with step N (the last step again once the script runs out). */
export interface ScriptedTransport extends Transport {
  /** The requests the pipeline sent, in order. */
  readonly sent: TransportRequest[];
  closed: boolean;
}

export function scriptedTransport(...steps: Step[]): ScriptedTransport {
  const sent: TransportRequest[] = [];
  const transport: ScriptedTransport = {
    sent,
    closed: false,
    async request(request) {
      sent.push(request);
      const step = steps[Math.min(sent.length, steps.length) - 1];
      if (step === undefined) throw new Error('the script is empty');
      if (typeof step === 'function') return step(request);
      if (step instanceof Error) throw step;
      return step;
    },
    close() {
      transport.closed = true;
    },
  };
  return transport;
}

/** An answer: JSON body `{}` unless given, and the headers given. */
export function reply(status: number, headers: Record<string, string> = {}, body = '{}'): TransportResponse {
  return { status, headers, body };
}

/** `X-RateLimit-*` headers for a window with `remaining` left that resets `resetInMs` after `now` (server clock). */
export function window(remaining: number, resetInMs: number, now = Date.now()): Record<string, string> {
  return {
    'x-ratelimit-limit': '100',
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String((now + resetInMs) / 1000),
  };
}

/** A pipeline for `http://127.0.0.1:8080` with the token `tok_secret_1`, no pacing, 2 retries, its own rate budget. */
export function pipelineOver(transport: Transport, settings: Partial<PipelineSettings> = {}): RequestPipeline {
  return new RequestPipeline({
    baseUrl: new URL('http://127.0.0.1:8080'),
    authorization: 'Bearer tok_secret_1',
    userAgent: 'intercom-ts-test/1',
    apiVersion: undefined,
    connectTimeout: 10_000,
    readTimeout: 20_000,
    maxRetries: 2,
    handleRateLimit: false,
    maxResponseBytes: 1_000_000,
    maxConcurrency: 10,
    pacing: false,
    hooks: {},
    transport,
    // A budget of its own: pipelines of other tests never share it.
    rateLimitStore: new InProcessRateLimitStore(),
    ...settings,
  });
}

/**
 * Runs `test` with `setTimeout` and `Date` mocked from {@link T0}, and `Math.random` at 0.5 (the
 * backoff without jitter: 500 ms, 1 s, 2 s...).
 */
export async function onMockedClock(test: () => Promise<void>): Promise<void> {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: T0 });
  const random = mock.method(Math, 'random', () => 0.5);
  try {
    await test();
  } finally {
    random.mock.restore();
    mock.timers.reset();
  }
}

/** Moves the mocked clock on `stepMs` at a time until `promise` settles; returns it. */
export async function drive<T>(promise: Promise<T>, stepMs = 50): Promise<T> {
  let settled = false;
  promise.then(
    () => {
      settled = true;
    },
    () => {
      settled = true;
    },
  );
  for (;;) {
    await new Promise((resolve) => setImmediate(resolve));
    if (settled) return promise;
    mock.timers.tick(stepMs);
  }
}

/** A read: repeatable. */
export const GET: ApiRequest = { method: 'GET', path: '/admins/me', idempotent: true };
/** A create: never repeated once it may have been sent. */
export const NOTE: ApiRequest = { method: 'POST', path: '/notes', body: { body: 'hi' }, idempotent: false };

/** The error `promise` rejects with, checked to be of class `type`. */
export async function failure<E extends IntercomError>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error;
  }
  assert.fail('the call succeeded');
}
