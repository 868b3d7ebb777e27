/**
 * A page of `GET /contacts/{id}/merge_history`: `per_page` (1 to 150, default 50), `order` (`desc`,
 * the default, or `asc` by merge time) and the `cursor` of the previous page's `next_cursor`.
 */
import { ApiError } from '../../api-error.js';
import type { MergeHistoryRecord } from '../../domain/records.js';

const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 150;

/** The cursor of the page that starts at `offset` (of the list in the request's order). */
const cursorAt = (offset: number): string => Buffer.from(JSON.stringify([offset])).toString('base64url');

/** The offset a cursor names; 400 for one this list did not give. */
function offsetOf(cursor: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  const offset = Array.isArray(decoded) ? decoded[0] : undefined;
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0) {
    throw new ApiError(400, 'parameter_invalid', 'cursor is not a cursor this list returned');
  }
  return offset;
}

/** The merges of this page, and the cursor of the next one (none after the last). */
export function mergeHistoryPage(
  query: URLSearchParams,
  history: readonly MergeHistoryRecord[],
): { items: MergeHistoryRecord[]; nextCursor: string | undefined } {
  const raw = query.get('per_page');
  const perPage = raw === null ? DEFAULT_PER_PAGE : Number(raw);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    throw new ApiError(400, 'parameter_invalid', `per_page must be a whole number from 1 to ${MAX_PER_PAGE}`);
  }
  const order = query.get('order') ?? 'desc';
  // Stable: merges of the same second keep the order they happened in.
  const ordered = history
    .map((item, index) => ({ item, index }))
    .sort((a, b) => a.item.merged_at - b.item.merged_at || a.index - b.index)
    .map(({ item }) => item);
  if (order === 'desc') ordered.reverse();
  const cursor = query.get('cursor');
  const from = cursor === null || cursor === '' ? 0 : offsetOf(cursor);
  const items = ordered.slice(from, from + perPage);
  return { items, nextCursor: from + perPage < ordered.length ? cursorAt(from + perPage) : undefined };
}
