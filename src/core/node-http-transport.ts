import type http from 'node:http';
import { type Transport, TransportError, type TransportRequest, type TransportResponse } from './transport.js';

/** Options of {@link NodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Most sockets kept per origin. Default: 50. */
  maxSockets?: number;
}

/** `node:http` or `node:https`, and the transport's keep-alive agent for it. */
interface Protocol {
  request: typeof http.request;
  agent: http.Agent;
}

/**
 * {@link Transport} over `node:http` / `node:https` with keep-alive agents: one connection pool per
 * transport, so one per client.
 *
 * `node:http`, `node:https` and `node:zlib` are loaded on first use, not when the package is
 * imported: they are a fifth of `import('intercom-ts')`'s time (startup-size bench), and a client
 * needs only one of the first two.
 */
export class NodeHttpTransport implements Transport {
  readonly #agentOptions: http.AgentOptions;
  #http: Protocol | undefined;
  #https: Protocol | undefined;
  /** The protocol modules being loaded (first request of each kind). */
  readonly #loading = new Map<boolean, Promise<void>>();
  /** Parsed origins: a client talks to one, so this is parsed once. */
  readonly #origins = new Map<string, { https: boolean; hostname: string; port: number }>();

  constructor(options: NodeHttpTransportOptions = {}) {
    this.#agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50, scheduling: 'lifo' };
  }

  close(): void {
    this.#http?.agent.destroy();
    this.#https?.agent.destroy();
  }

  /** Loads `node:http` or `node:https` and creates its agent, once. */
  #load(isHttps: boolean): Promise<void> {
    let loading = this.#loading.get(isHttps);
    if (loading === undefined) {
      loading = isHttps
        ? import('node:https').then(({ Agent, request }) => {
            this.#https = { request, agent: new Agent(this.#agentOptions) };
          })
        : import('node:http').then(({ Agent, request }) => {
            this.#http = { request, agent: new Agent(this.#agentOptions) };
          });
      this.#loading.set(isHttps, loading);
    }
    return loading;
  }

  #target(origin: string): { https: boolean; hostname: string; port: number } {
    let target = this.#origins.get(origin);
    if (target === undefined) {
      const url = new URL(origin);
      const https = url.protocol === 'https:';
      const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
      target = { https, hostname, port: Number(url.port) || (https ? 443 : 80) };
      this.#origins.set(origin, target);
    }
    return target;
  }

  request(req: TransportRequest): Promise<TransportResponse> {
    let target: { https: boolean; hostname: string; port: number };
    try {
      target = this.#target(req.origin);
    } catch (error) {
      return Promise.reject(error);
    }
    const isHttps = target.https;
    const protocol = isHttps ? this.#https : this.#http;
    if (protocol === undefined) return this.#load(isHttps).then(() => this.request(req));
    return new Promise<TransportResponse>((resolve, reject) => {
      // node:http only reads the headers object: copy it only to add the length of a body.
      const headers: Readonly<Record<string, string | number>> =
        req.body === undefined ? req.headers : { ...req.headers, 'content-length': Buffer.byteLength(req.body) };
      let written = false;
      let settled = false;
      let connectTimer: NodeJS.Timeout | undefined;

      const fail = (error: TransportError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(connectTimer);
        req.signal?.removeEventListener('abort', onAbort);
        outgoing.destroy();
        reject(error);
      };
      const onAbort = (): void => {
        fail(new TransportError('aborted', 'The request was aborted', written));
      };

      const outgoing = protocol.request(
        {
          protocol: isHttps ? 'https:' : 'http:',
          hostname: target.hostname,
          port: target.port,
          path: req.path,
          method: req.method,
          headers,
          agent: protocol.agent,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > req.maxResponseBytes) {
              fail(new TransportError('response_too_large', `The response body exceeded ${req.maxResponseBytes} bytes`, true));
              return;
            }
            chunks.push(chunk);
          });
          res.on('error', (error) => {
            fail(new TransportError('connection_lost', `The connection broke while reading: ${error.message}`, true, error));
          });
          res.on('aborted', () => {
            fail(new TransportError('connection_lost', 'The connection broke while reading the response', true));
          });
          res.on('end', () => {
            if (settled) return;
            const raw = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
            const responseHeaders: Record<string, string> = {};
            const rawHeaders = res.rawHeaders;
            for (let i = 0; i < rawHeaders.length; i += 2) {
              const name = (rawHeaders[i] as string).toLowerCase();
              const value = rawHeaders[i + 1] as string;
              const previous = responseHeaders[name];
              responseHeaders[name] = previous === undefined ? value : `${previous}, ${value}`;
            }
            const status = res.statusCode ?? 0;
            const finish = (body: Buffer): void => {
              if (settled) return;
              settled = true;
              req.signal?.removeEventListener('abort', onAbort);
              resolve({ status, headers: responseHeaders, body: body.toString('utf8') });
            };
            const encoding = responseHeaders['content-encoding']?.trim().toLowerCase();
            if ((encoding === 'gzip' || encoding === 'x-gzip') && raw.length > 0) {
              const failDecompressing = (error: Error & { code?: string }): void => {
                // Inflated past the cap: the answer arrived whole, it is only too large.
                if (error.code === 'ERR_BUFFER_TOO_LARGE') {
                  fail(
                    new TransportError(
                      'response_too_large',
                      `The response body exceeded ${req.maxResponseBytes} bytes`,
                      true,
                      error,
                    ),
                  );
                } else {
                  fail(new TransportError('connection_lost', `Could not decompress the response: ${error.message}`, true, error));
                }
              };
              import('node:zlib')
                .then(({ gunzip }) =>
                  gunzip(raw, { maxOutputLength: req.maxResponseBytes }, (error, body) => {
                    if (error) failDecompressing(error);
                    else finish(body);
                  }),
                )
                .catch(failDecompressing);
            } else finish(raw);
          });
        },
      );

      outgoing.on('socket', (socket) => {
        // A reused keep-alive socket is connected already; a new one must connect in time.
        if ((socket as { connecting?: boolean }).connecting) {
          connectTimer = setTimeout(() => {
            fail(new TransportError('connect_timeout', 'Failed to connect to service [connection attempt timed out]', false));
          }, req.connectTimeout);
          socket.once(isHttps ? 'secureConnect' : 'connect', () => {
            clearTimeout(connectTimer);
          });
        }
      });
      outgoing.setTimeout(req.readTimeout, () => {
        fail(new TransportError('read_timeout', 'Service Unavailable [request timed out]', true));
      });
      outgoing.on('finish', () => {
        written = true;
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        const reason = error.code ?? error.message;
        if (written) {
          fail(new TransportError('connection_lost', `The connection broke [${reason}]`, true, error));
        } else {
          // Nothing complete was written, so the server cannot have acted on the request.
          fail(new TransportError('connect', `Failed to connect to service [${reason}]`, false, error));
        }
      });

      if (req.signal) {
        if (req.signal.aborted) {
          onAbort();
          return;
        }
        req.signal.addEventListener('abort', onAbort, { once: true });
      }
      outgoing.end(req.body);
    });
  }
}
