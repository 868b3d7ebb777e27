/**
 * The transport interface: the only part of intercom-ts that touches the network. The request
 * pipeline (auth, retries, rate limits, errors) sits above it and every resource above that, so a
 * `fetch`-based transport for Deno, Bun or edge workers only has to implement {@link Transport}.
 *
 * @module
 */

/** One HTTP exchange to perform. */
export interface TransportRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Scheme, host and port: `https://api.intercom.io`. The same for every request of a client. */
  origin: string;
  /** Path and query: `/users/abc?x=1`. The full URL is `origin + path`. */
  path: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string>>;
  body?: string | undefined;
  /** Milliseconds allowed to establish the connection. */
  connectTimeout: number;
  /** Milliseconds allowed without progress once connected. */
  readTimeout: number;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes: number;
  signal?: AbortSignal | undefined;
}

/** The response to a {@link TransportRequest}. */
export interface TransportResponse {
  status: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body, decoded from gzip when the server compressed it. */
  body: string;
}

/** What went wrong below HTTP. */
export type TransportFailure =
  /** Connection refused, DNS failure, TLS failure, reset before anything was written. */
  | 'connect'
  /** The connection was not established within `connectTimeout`. */
  | 'connect_timeout'
  /** Connected, but no progress within `readTimeout`. */
  | 'read_timeout'
  /** The connection broke after the request was (possibly) written. */
  | 'connection_lost'
  /** The response body exceeded `maxResponseBytes`. */
  | 'response_too_large'
  /** The caller's signal fired. */
  | 'aborted';

/** Thrown by a {@link Transport} when no complete response arrived. */
export class TransportError extends Error {
  readonly failure: TransportFailure;
  /**
   * True when the request may have reached the server (it was fully or partly written), so a write
   * may have been applied.
   */
  readonly requestMayHaveBeenSent: boolean;

  constructor(failure: TransportFailure, message: string, requestMayHaveBeenSent: boolean, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'TransportError';
    this.failure = failure;
    this.requestMayHaveBeenSent = requestMayHaveBeenSent;
  }
}

/** Sends requests. Implementations must reject only with {@link TransportError}. */
export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Releases pooled connections. */
  close(): void;
}
