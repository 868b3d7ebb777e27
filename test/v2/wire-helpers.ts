import { readFileSync } from 'node:fs';
import type { Received } from '../helpers/raw-http.js';

/** One request the official SDK 7.0.3 sent for an example of its reference documentation. */
export interface OfficialRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  raw_query: string;
  headers: Record<string, string>;
  body: unknown;
}

/** One example of the official SDK's reference documentation and what it sent (test/fixtures/v2/official-sdk-wire.json). */
export interface OfficialExample {
  id: string;
  unstable: boolean;
  heading: string;
  code: string;
  /** The part of `code` that ran, when not all of it did (pagination examples run their first call). */
  executed?: string;
  requests: OfficialRequest[];
}

/** Every example the official SDK's wire recording holds. */
export const OFFICIAL_WIRE: OfficialExample[] = JSON.parse(
  readFileSync(new URL('../../../test/fixtures/v2/official-sdk-wire.json', import.meta.url), 'utf8'),
) as OfficialExample[];

/** What a request looked like on the wire, in the terms the official recording uses. */
export interface WireShape {
  method: string;
  path: string;
  query: Array<[string, string]>;
  body: unknown;
}

/** A received request as method, raw path, decoded query pairs and JSON body (`null` when none). */
export function shapeOf(received: Received): WireShape {
  const at = received.path.indexOf('?');
  const path = at === -1 ? received.path : received.path.slice(0, at);
  const query = at === -1 ? [] : [...new URLSearchParams(received.path.slice(at + 1))];
  return { method: received.method, path, query, body: received.body === undefined ? null : received.body };
}

/** The official request in the same terms. */
export function officialShape(request: OfficialRequest): WireShape {
  return { method: request.method, path: request.path, query: request.query, body: request.body };
}
