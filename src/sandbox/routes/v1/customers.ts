/**
 * `POST /customers/search`: Intercom's customer search over users and leads.
 *
 * A query is a filter `{ field, operator, value }` or a group `{ operator: 'AND' | 'OR', value: [...] }`.
 * Groups nest at most two levels deep and hold at most 15 items each. String comparisons ignore case.
 * `null` with `=` / `!=` tests whether a field has no value / has one. Results are sorted (default:
 * newest first), paginated with an opaque `starting_after` cursor tied to the query and sort.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../api-error.js';
import { compareEntries, searchPeople } from '../../domain/people-search.js';
import { renderUser } from '../../renderers/v1/people.js';
import { canonical, decodeCursor, encodeCursor, parseNode, readPagination, readSort } from '../../requests/v1/customer-search.js';
import { bodyObject } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';

/** Registers `POST /customers/search`. */
export function customerRoutes(router: Router): void {
  router.add('POST', '/customers/search', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    if (body.query === undefined || body.query === null) {
      throw new ApiError(400, 'parameter_not_found', 'query is a required parameter', 'query');
    }
    const query = parseNode(body.query, 'query', 0);
    const sort = readSort(body);
    const pagination = readPagination(body);
    const hash = createHash('sha256')
      .update(canonical({ query: body.query, sort: sort.name, descending: sort.descending }))
      .digest('base64url')
      .slice(0, 16);
    const cursor = pagination.startingAfter === undefined ? undefined : decodeCursor(pagination.startingAfter, hash);

    const found = searchPeople(store, query, sort);
    const start =
      cursor === undefined ? 0 : found.findIndex((e) => compareEntries({ v: e.v, id: e.record.id }, cursor, sort.descending) > 0);
    const from = start === -1 ? found.length : start;
    const slice = found.slice(from, from + pagination.perPage);
    const page = cursor === undefined ? 1 : cursor.p + 1;
    const last = slice[slice.length - 1];
    const next =
      last !== undefined && from + slice.length < found.length
        ? { page: page + 1, starting_after: encodeCursor({ h: hash, p: page, v: last.v, id: last.record.id }) }
        : null;
    return {
      status: 200,
      body: {
        type: 'customer.list',
        pages: {
          type: 'pages',
          next,
          page,
          per_page: pagination.perPage,
          total_pages: Math.ceil(found.length / pagination.perPage),
        },
        total_count: found.length,
        customers: slice.map(({ record }) => ({
          ...renderUser(ctx, record),
          type: 'customer',
          role: record.role === 'user' ? 'user' : 'lead',
        })),
      },
    };
  });
}
