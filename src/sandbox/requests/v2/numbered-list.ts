/**
 * Page-number pagination of 2.x lists that take `page` and `per_page` in the query (a contact's
 * companies and notes, companies): a page past the end is empty, which is where clients stop.
 */

import type { RouteContext } from '../../router.js';
import { queryInteger } from '../v1/payload.js';

/** One page of `items` by the query's `page` (from 1) and `per_page` (default and maximum given). */
export function numberedPage<T>(
  ctx: RouteContext,
  items: readonly T[],
  defaultPerPage: number,
  maxPerPage: number,
): { slice: T[]; pages: { type: 'pages'; page: number; per_page: number; total_pages: number } } {
  const perPage = queryInteger(ctx.query, 'per_page', defaultPerPage, maxPerPage);
  const page = queryInteger(ctx.query, 'page', 1);
  return {
    slice: items.slice((page - 1) * perPage, page * perPage),
    pages: { type: 'pages', page, per_page: perPage, total_pages: Math.ceil(items.length / perPage) },
  };
}
