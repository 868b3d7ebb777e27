import http from 'node:http';
import https from 'node:https';
import { gunzip } from 'node:zlib';
import { type Transport, TransportError, type TransportRequest, type TransportResponse } from './transport.js';

/** Options of {@link NodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Most sockets kept per origin. Default: 50. */
  maxSockets?: number;
}

/**
 * {@link Transport} over `node:http` / `node:https` with keep-alive agents: one connection pool per
 * transport, so one per client.
 */
export class NodeHttpTransport implements Transport {
  readonly #httpAgent: http.Agent;
  readonly #httpsAgent: https.Agent;
  /** Parsed origins: a client talks to one, so this is parsed once. */
  readonly #origins = new Map<string, { https: boolean; hostname: string; port: number }>();

  constructor(options: NodeHttpTransportOptions = {}) {
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 50, scheduling: 'lifo' as const };
    this.#httpAgent = new http.Agent(agentOptions);
    this.#httpsAgent = new https.Agent(agentOptions);
  }

  close(): void {
    this.#httpAgent.destroy();
    this.#httpsAgent.destroy();
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
    return new Promise<TransportResponse>((resolve, reject) => {
      const target = this.#target(req.origin);
      const isHttps = target.https;
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

      const outgoing = (isHttps ? https : http).request(
        {
          protocol: isHttps ? 'https:' : 'http:',
          hostname: target.hostname,
          port: target.port,
          path: req.path,
          method: req.method,
          headers,
          agent: isHttps ? this.#httpsAgent : this.#httpAgent,
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
            if (responseHeaders['content-encoding'] === 'gzip' && raw.length > 0) {
              gunzip(raw, { maxOutputLength: req.maxResponseBytes }, (error, body) => {
                if (error) {
                  fail(new TransportError('connection_lost', `Could not decompress the response: ${error.message}`, true, error));
                } else finish(body);
              });
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
