import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'yaml';

/**
 * A loopback server that answers each operation of the vendored 2.16 description with the first
 * success example the description gives for it (lists end after their first page). It stands in for
 * the sandbox until the sandbox serves 2.x; a request that matches no operation gets a 404.
 */
export interface RecordedAnswers {
  url: string;
  /** `METHOD path` of every request, and whether an operation answered it. */
  requests: Array<{ method: string; path: string; matched: boolean }>;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  literal: number;
  status: number;
  body: unknown;
}

type Responses = Record<
  string,
  { content?: Record<string, { example?: unknown; examples?: Record<string, { value?: unknown }> }> }
>;

function routes(): Route[] {
  const spec = parse(readFileSync(new URL('../../../spec/intercom/openapi-2.16.yaml', import.meta.url), 'utf8'), {
    maxAliasCount: -1,
  }) as { paths: Record<string, Record<string, { responses?: Responses }>> };
  const out: Route[] = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const success = Object.entries(operation.responses ?? {}).find(([status]) => status.startsWith('2'));
      const json = success?.[1].content?.['application/json'];
      const body = json?.example ?? Object.values(json?.examples ?? {})[0]?.value ?? {};
      const source = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      out.push({
        method: method.toUpperCase(),
        pattern: new RegExp(`^${source}$`),
        literal: path.replace(/\{[^}]+\}/g, '').length,
        status: Number(success?.[0] ?? 200),
        body,
      });
    }
  }
  // The most literal path first: /contacts/search before /contacts/{id}.
  return out.sort((a, b) => b.literal - a.literal);
}

/** The example with its list ended: no `pages.next`, so that a list reads one page. */
function lastPage(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const pages = (body as { pages?: unknown }).pages;
  if (typeof pages !== 'object' || pages === null) return body;
  const { next: _next, ...rest } = pages as Record<string, unknown>;
  return { ...body, pages: { ...rest, total_pages: (rest as { page?: number }).page ?? 1 } };
}

export async function recordedAnswers(): Promise<RecordedAnswers> {
  const table = routes();
  const requests: RecordedAnswers['requests'] = [];
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const route = table.find((r) => r.method === req.method && r.pattern.test(path));
      requests.push({ method: req.method ?? '', path: req.url ?? '', matched: route !== undefined });
      if (route === undefined) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error.list', errors: [{ code: 'not_found', message: 'No such operation' }] }));
        return;
      }
      const text = route.status === 204 ? '' : JSON.stringify(lastPage(route.body));
      res.writeHead(route.status, { 'content-type': 'application/json' });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
