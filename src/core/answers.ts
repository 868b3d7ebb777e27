/**
 * What an answer means: the parsed JSON value of a response, or the error it stands for, and the
 * error for a server that asks for a longer wait than the client makes.
 *
 * @module
 */
import {
  errorFromErrorList,
  errorFromStatus,
  excerpt,
  type IntercomError,
  isErrorList,
  RateLimitWaitTooLongError,
  UnexpectedResponseError,
} from './errors.js';
import { jsonDepthExceeds, MAX_JSON_DEPTH } from './json-depth.js';
import { parseRateLimitHeaders } from './rate-limit.js';
import { MAX_SERVER_WAIT_MS } from './retry-decision.js';
import type { TransportResponse } from './transport.js';

const BLANK = /^\s*$/;

/** The reset time an `X-RateLimit-Reset` header gives (server clock), when it gives one. */
export function resetOf(headers: Readonly<Record<string, string>> | undefined): Date | undefined {
  return parseRateLimitHeaders(headers ?? {}).resetAt;
}

/** The error for a server that asks for a wait over {@link MAX_SERVER_WAIT_MS}. */
export function waitTooLong(waitMs: number, resetAt: Date | undefined, answer?: IntercomError): RateLimitWaitTooLongError {
  const until = resetAt === undefined ? `${Math.ceil(waitMs / 1000)} s from now` : resetAt.toISOString();
  return new RateLimitWaitTooLongError(
    `Rate limit: the server asks to wait until ${until}, longer than the ${MAX_SERVER_WAIT_MS / 1000} s this client waits. Nothing more was sent.`,
    resetAt,
    waitMs,
    {
      httpCode: answer?.httpCode,
      applicationErrorCode: answer?.applicationErrorCode,
      requestId: answer?.requestId,
      headers: answer?.headers,
      body: answer?.body,
    },
  );
}

/** Parses a response: the JSON value, or the error it stands for. */
export function interpret(response: TransportResponse): unknown {
  const { status, headers, body } = response;
  const ok = status >= 200 && status < 300;
  if (body.length === 0 || BLANK.test(body)) return ok ? null : errorFromStatus(status, headers, body);
  if (jsonDepthExceeds(body)) {
    return new UnexpectedResponseError(
      `The response body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep (status code '${status}').`,
      { httpCode: status, requestId: headers['x-request-id'], headers },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (cause) {
    if (ok) {
      return new UnexpectedResponseError(
        `Expected a JSON response body. Instead got '${excerpt(body)}' with status code '${status}'.`,
        { httpCode: status, requestId: headers['x-request-id'], headers, cause },
      );
    }
    return errorFromStatus(status, headers, body);
  }
  if (isErrorList(parsed)) return errorFromErrorList(parsed, status, headers);
  if (!ok) return errorFromStatus(status, headers, body);
  return parsed;
}
