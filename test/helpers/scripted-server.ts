import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the scripted server received it. */
export interface Received {
  method: string;
  /** Path with query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** Parsed JSON body, or undefined when empty. */
  body: unknown;
  /** The client's port: the same port means the same (kept-alive) connection. */
  remotePort: number | undefined;
}

/** What the scripted server answers. `body` objects are sent as JSON. */
export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  body?: string | object | null;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Drop the connection instead of answering (after reading the request). */
  destroy?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export interface ScriptedServer {
  url: string;
  received: Received[];
  close(): Promise<void>;
}

/**
 * A loopback HTTP server that records every request and answers what `respond` says: for wire tests
 * (exact method, path, headers, body) and for scripted failures.
 */
export async function scriptedServer(
  respond: (req: Received, index: number) => Scripted | Promise<Scripted>,
): Promise<ScriptedServer> {
  const received: Received[] = [];
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = rawBody === '' ? undefined : JSON.parse(rawBody);
      } catch {
        body = rawBody;
      }
      const entry: Received = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawBody,
        body,
        remotePort: req.socket.remotePort,
      };
      received.push(entry);
      const answer = await respond(entry, received.length - 1);
      if (answer.hang) return;
      if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
      if (answer.destroy) {
        req.socket.destroy();
        return;
      }
      const payload =
        answer.body === undefined || answer.body === null
          ? ''
          : typeof answer.body === 'string'
            ? answer.body
            : JSON.stringify(answer.body);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
