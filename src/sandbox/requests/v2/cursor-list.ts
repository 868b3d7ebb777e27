/**
 * Cursor pagination of 2.x lists (`GET /contacts`, `GET /conversations`...): `per_page` and
 * `starting_after` in the query; `pages.next.starting_after` is the id of the page's last item.
 */
import { ApiError } from '../../api-error.js';
import type { RouteContext } from '../../router.js';

/** Page size of a cursor list: its default and maximum. */
export interface CursorLimits {
  defaultPerPage: number;
  maxPerPage: number;
}

/** One page of `items` (each with an `id`) after the query's `starting_after`. */
export function cursorPage<T extends { id: string }>(
  ctx: RouteContext,
  items: readonly T[],
  limits: CursorLimits,
): { slice: T[]; pages: Record<string, unknown>; totalCount: number } {
  const raw = ctx.query.get('per_page');
  const perPage = raw === null ? limits.defaultPerPage : Number(raw);
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > limits.maxPerPage) {
    throw new ApiError(400, 'parameter_invalid', `per_page must be a whole number from 1 to ${limits.maxPerPage}`);
  }
  const after = ctx.query.get('starting_after');
  let from = 0;
  if (after !== null && after !== '') {
    const index = items.findIndex((item) => item.id === after);
    if (index < 0) throw new ApiError(400, 'parameter_invalid', 'starting_after is not a cursor this list returned');
    from = index + 1;
  }
  const slice = items.slice(from, from + perPage);
  const page = Math.floor(from / perPage) + 1;
  const last = slice.at(-1);
  const pages: Record<string, unknown> = {
    type: 'pages',
    page,
    per_page: perPage,
    total_pages: Math.ceil(items.length / perPage),
  };
  if (last !== undefined && from + slice.length < items.length) pages.next = { per_page: perPage, starting_after: last.id };
  return { slice, pages, totalCount: items.length };
}
