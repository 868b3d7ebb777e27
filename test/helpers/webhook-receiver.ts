import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a receiver got. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** The raw body, as sent. */
  body: Buffer;
  /** The body parsed as JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary notifications
  json: any;
}

/** A loopback receiver of webhook notifications that records every request and answers as scripted. */
export interface WebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks` */
  url: string;
  received: ReceivedRequest[];
  /**
   * The status of each next answer, in order (then 200). `'hang'` keeps the request open until
   * {@link WebhookReceiver.release} (or close).
   */
  script(...answers: Array<number | 'hang'>): void;
  /** Answers every request left hanging with 200. */
  release(): void;
  /** Resolves when `count` requests have arrived. */
  waitFor(count: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** Starts a recording receiver on a free loopback port. */
export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const answers: Array<number | 'hang'> = [];
  const hanging: http.ServerResponse[] = [];
  const waiters: Array<{ count: number; resolve: (r: ReceivedRequest[]) => void }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        json = undefined;
      }
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, json });
      for (const waiter of [...waiters]) {
        if (received.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(received.slice());
        }
      }
      const answer = answers.shift() ?? 200;
      if (answer === 'hang') {
        hanging.push(res);
        return;
      }
      res.writeHead(answer, { 'content-type': 'text/plain' });
      res.end(answer < 300 ? 'ok' : `failing with ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const release = (): void => {
    for (const res of hanging.splice(0)) res.end('ok');
  };
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    script: (...list) => {
      answers.push(...list);
    },
    release,
    waitFor: (count) =>
      received.length >= count ? Promise.resolve(received.slice()) : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () => {
      release();
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
