/**
 * The 2.x requests a bridge route sends, by safety: reads and searches (repeated after a lost answer)
 * and writes (a reply, a part, a message: never repeated once they may have reached Intercom). Each
 * carries the caller's per-call options.
 *
 * @module
 */
import type { JsonObject } from '../core/models.js';
import type { ApiRequest, RequestOptions } from '../core/request-pipeline.js';
import type { RequestSender } from '../core/request-sender.js';
import type { QueryParams } from '../core/url.js';

/** A 2.x GET (a read: repeated after a lost answer). */
export function readV2(
  v2: RequestSender,
  path: string,
  query: QueryParams | undefined,
  options: RequestOptions | undefined,
): Promise<unknown> {
  return v2.send({ method: 'GET', path, query, options, idempotent: true });
}

/** A 2.x search (`POST .../search`): a read, repeated after a lost answer. */
export function searchV2(
  v2: RequestSender,
  path: string,
  body: JsonObject,
  options: RequestOptions | undefined,
): Promise<unknown> {
  return v2.send({ method: 'POST', path, body, options, idempotent: true });
}

/**
 * A 2.x write. `idempotent` false (replies, parts, messages, creates) means it is never sent again
 * once it may have reached Intercom: its error then says `outcomeUnknown`.
 */
export function writeV2(
  v2: RequestSender,
  method: ApiRequest['method'],
  path: string,
  body: unknown,
  idempotent: boolean,
  options: RequestOptions | undefined,
): Promise<unknown> {
  return v2.send({ method, path, body, options, idempotent });
}

/** The object of an answer, or an empty one: the 2.x answers a route reads are objects. */
export function objectOf(value: unknown): JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}

/** The array under `key` of an answer, or an empty one. */
export function arrayOf(value: unknown, key: string): JsonObject[] {
  const items = objectOf(value)[key];
  return Array.isArray(items) ? items.map(objectOf) : [];
}

/** `total_count` of a 2.x list or search answer (0 when absent). */
export function totalCountOf(value: unknown): number {
  const total = objectOf(value).total_count;
  return typeof total === 'number' && Number.isFinite(total) ? total : 0;
}
