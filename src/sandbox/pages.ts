import { invalid } from './api-error.js';
import { queryInteger } from './requests/v1/payload.js';
import type { RouteContext } from './router.js';

/** How a paged list is answered. */
export interface PageSpec {
  /** The list's path, for `pages.next`. */
  path: string;
  /** `user.list`... */
  type: string;
  /** `users`... */
  key: string;
  defaultPerPage: number;
  maxPerPage: number;
  /** Add `total_count`. */
  totalCount?: boolean;
}

/**
 * One page of `items` as a `*.list` with `pages` (`next` an absolute URL on the sandbox's origin that
 * keeps the request's filters).
 */
export function pagedList<T>(
  ctx: RouteContext,
  items: readonly T[],
  spec: PageSpec,
  render: (item: T) => unknown,
): Record<string, unknown> {
  const perPage = queryInteger(ctx.query, 'per_page', spec.defaultPerPage, spec.maxPerPage);
  const page = queryInteger(ctx.query, 'page', 1);
  const totalPages = Math.ceil(items.length / perPage);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  let next: string | null = null;
  if (page < totalPages) {
    const query = new URLSearchParams(ctx.query);
    query.set('per_page', String(perPage));
    query.set('page', String(page + 1));
    next = `${ctx.origin}${spec.path}?${query.toString()}`;
  }
  const body: Record<string, unknown> = {
    type: spec.type,
    pages: { type: 'pages', next, page, per_page: perPage, total_pages: totalPages },
    [spec.key]: slice.map(render),
  };
  if (spec.totalCount) body.total_count = items.length;
  return body;
}

/**
 * `records` ordered by the query's `sort` (one of `sorts`, default the first) and `order` (`asc` or
 * `desc`, default `desc`); equal values keep their insertion order (reversed by `desc`). Unknown
 * values answer 400 `parameter_invalid`.
 */
export function sortByQuery<K extends string, T extends { readonly [key in K]: number | null }>(
  query: URLSearchParams,
  records: readonly T[],
  sorts: readonly [K, ...K[]],
): T[] {
  const sort = (query.get('sort') ?? sorts[0]) as K;
  if (!sorts.includes(sort)) throw invalid(`sort must be one of ${sorts.join(', ')}`, 'sort');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid('order must be asc or desc', 'order');
  const indexed = records.map((record, index) => ({ record, index }));
  indexed.sort((a, b) => {
    const d = (a.record[sort] ?? 0) - (b.record[sort] ?? 0) || a.index - b.index;
    return order === 'asc' ? d : -d;
  });
  return indexed.map((entry) => entry.record);
}
