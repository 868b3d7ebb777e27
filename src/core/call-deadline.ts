/**
 * A call's own `timeout` (RequestOptions.timeout): the reason its signal fires, and the errors that
 * say it was the caller's limit that ran out, not the server that failed.
 *
 * @module
 */
import { type IntercomError, ServiceConnectionError, ServiceUnavailableError } from './errors.js';

/** Why an internal deadline signal fired: the call's own `timeout` ran out. */
export class CallDeadline {
  constructor(readonly timeoutMs: number) {}
}

/** The message of an error caused by the call's `timeout`. */
export function deadlineMessage(timeoutMs: number, what: string): string {
  return `Request timed out: the call's timeout of ${timeoutMs} ms (RequestOptions.timeout) ran out ${what}`;
}

/** The error of a call whose own `timeout` ran out: before sending, or while the answer was due. */
export function deadlineError(timeoutMs: number, stage: 'not-sent' | 'maybe-sent'): IntercomError {
  return stage === 'maybe-sent'
    ? new ServiceUnavailableError(deadlineMessage(timeoutMs, 'before the answer came'))
    : new ServiceConnectionError(deadlineMessage(timeoutMs, 'before the request was sent'));
}
