import { type Transport, TransportError, type TransportRequest, type TransportResponse } from './transport.js';

/** A WHATWG `fetch` function: the global one, or one a caller provides. */
export type FetchFunction = (input: string, init: RequestInit) => Promise<Response>;

/** Options of {@link FetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The `fetch` to send with. Default: `globalThis.fetch`, looked up at each request (so a polyfill
   * installed after the client was made is used).
   */
  fetch?: FetchFunction | undefined;
}

/** Error codes and messages of a connection that never opened, so the request was not sent. */
const NOT_CONNECTED_CODES = new Set([
  // Node (undici) codes, on the error's cause.
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  // Bun's codes.
  'ConnectionRefused',
  'FailedToOpenSocket',
  'UnableToConnect',
  'DNSError',
]);
/** Deno and workerd only say it in words. */
const NOT_CONNECTED_MESSAGE =
  /connection refused|tcp connect error|dns error|failed to lookup address|name or service not known|invalid certificate|certificate verify failed|invalid peer certificate|wrong version number|handshake/i;

/** The `code` of an error or of its causes (undici nests the socket's error one or two levels down). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const { code, errors } = current as { code?: unknown; errors?: unknown };
    if (typeof code === 'string') codes.push(code);
    // AggregateError: one error per address tried.
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const innerCode = (inner as { code?: unknown } | null)?.code;
        if (typeof innerCode === 'string') codes.push(innerCode);
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function messages(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string') parts.push(message);
    current = (current as { cause?: unknown }).cause;
  }
  return parts.join(': ');
}

/**
 * A rejected `fetch` before any response: `connect` (not sent) when the runtime says the connection
 * never opened, else `connection_lost` (maybe sent), so that a write is never repeated on a guess.
 */
function sendFailure(error: unknown): TransportError {
  const codes = errorCodes(error);
  const known = codes.find((code) => NOT_CONNECTED_CODES.has(code));
  if (known !== undefined) return new TransportError('connect', `Failed to connect to service [${known}]`, false, error);
  if (codes.length === 0 && NOT_CONNECTED_MESSAGE.test(messages(error))) {
    const reason = NOT_CONNECTED_MESSAGE.exec(messages(error))?.[0].toLowerCase() ?? 'connect';
    return new TransportError('connect', `Failed to connect to service [${reason}]`, false, error);
  }
  const reason = codes[0] ?? (error instanceof Error ? error.name : 'unknown');
  return new TransportError('connection_lost', `The connection broke [${reason}]`, true, error);
}

/**
 * {@link Transport} over the WHATWG `fetch` of the runtime: Cloudflare Workers (workerd), Deno,
 * Bun, browsers' service workers, and Node's own `fetch` (undici). The client picks it by itself
 * where `node:http` is missing; pass `transport: new FetchTransport()` to use it anywhere.
 *
 * The same semantics as {@link NodeHttpTransport}, as far as `fetch` allows:
 * - **Timeouts.** `fetch` does not tell when the connection is made, so until the response headers
 *   arrive one deadline of `readTimeout` covers connecting, sending and the server's wait
 *   (`connectTimeout` is not enforced on its own); it fails as `read_timeout` with
 *   `requestMayHaveBeenSent: true`, so a write is not repeated. While the body streams in,
 *   `readTimeout` is the longest wait for the next chunk, as with `node:http`.
 * - **Connection failures** the runtime reports as such (refused, DNS, TLS) are `connect`, not sent;
 *   any other rejection is `connection_lost`, maybe sent.
 * - **Abort**: the caller's signal cancels the request and the body; `requestMayHaveBeenSent` is
 *   true once `fetch` was called (`fetch` does not tell whether the request was written).
 * - **Size cap** on the stream: the body is counted chunk by chunk as `fetch` decodes it (gzip
 *   included), and the read stops once it passes `maxResponseBytes`: the cap applies to the decoded
 *   bytes, as `node:http`'s `maxOutputLength` does.
 * - **Redirects** are not followed (`redirect: 'manual'`): a 3xx comes back as it is.
 * - **Connections** are pooled by the runtime's `fetch`: {@link FetchTransport.close} has nothing to
 *   release.
 */
export class FetchTransport implements Transport {
  readonly #fetch: FetchFunction | undefined;

  constructor(options: FetchTransportOptions = {}) {
    if (options.fetch !== undefined && typeof options.fetch !== 'function') {
      throw new TypeError('FetchTransport: options.fetch must be a function');
    }
    this.#fetch = options.fetch;
  }

  /** Nothing to release: the runtime's `fetch` owns its connections. */
  close(): void {}

  async request(req: TransportRequest): Promise<TransportResponse> {
    // A full URL is origin + path; a bad origin rejects with TypeError, as NodeHttpTransport does.
    const url = new URL(req.origin + req.path).href;
    const send = this.#fetch ?? (globalThis.fetch as FetchFunction | undefined);
    if (typeof send !== 'function') {
      throw new TransportError('connect', 'Failed to connect to service [this runtime has no fetch]', false);
    }
    if (req.signal?.aborted) throw new TransportError('aborted', 'The request was aborted', false);

    const controller = new AbortController();
    /** Why this transport cancelled the exchange, once it did. */
    let stopped: TransportError | undefined;
    const stop = (error: TransportError): void => {
      if (stopped !== undefined) return;
      stopped = error;
      controller.abort(error);
    };
    const onAbort = (): void => stop(new TransportError('aborted', 'The request was aborted', true));
    req.signal?.addEventListener('abort', onAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (): void => {
      clearTimeout(timer);
      timer = setTimeout(
        () => stop(new TransportError('read_timeout', 'Service Unavailable [request timed out]', true)),
        req.readTimeout,
      );
    };

    try {
      arm();
      let response: Response;
      try {
        response = await send(url, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: req.body ?? null,
          redirect: 'manual',
          signal: controller.signal,
        });
      } catch (error) {
        throw stopped ?? sendFailure(error);
      }

      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        const previous = headers[name];
        headers[name] = previous === undefined ? value : `${previous}, ${value}`;
      });
      const body = await readBody(response, req.maxResponseBytes, arm, () => stopped, stop);
      return { status: response.status, headers, body };
    } finally {
      clearTimeout(timer);
      req.signal?.removeEventListener('abort', onAbort);
    }
  }
}

/**
 * Reads and decodes the body, chunk by chunk: each chunk re-arms the read timeout, and the read stops
 * as soon as the bytes pass `max`.
 */
async function readBody(
  response: Response,
  max: number,
  progressed: () => void,
  stopped: () => TransportError | undefined,
  stop: (error: TransportError) => void,
): Promise<string> {
  const tooLarge = (): TransportError =>
    new TransportError('response_too_large', `The response body exceeded ${max} bytes`, true);
  if (response.body === null) return '';
  // Not compressed: a declared length over the cap fails before reading anything.
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (response.headers.get('content-encoding') === null && declared > max) {
    stop(tooLarge());
    await response.body.cancel().catch(() => {});
    throw stopped() ?? tooLarge();
  }
  const reader = response.body.getReader();
  // ignoreBOM keeps a leading U+FEFF in the text, as Buffer#toString does.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let text = '';
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > max) {
        stop(tooLarge());
        throw stopped() ?? tooLarge();
      }
      progressed();
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    if (error instanceof TransportError) throw error;
    const why = stopped();
    if (why !== undefined) throw why;
    throw new TransportError(
      'connection_lost',
      `The connection broke while reading [${error instanceof Error ? error.name : 'unknown'}]`,
      true,
      error,
    );
  }
  return text + decoder.decode();
}
