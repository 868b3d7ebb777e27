/**
 * `POST /contacts/search`: the 2.x contact search. The same query language as 1.x customer search
 * (nested AND/OR at most two levels, 15 filters a group), read with 2.x field names (`external_id`,
 * `role`), numeric strings on number fields, and `<=` / `>=`. Paged by `pagination.per_page`
 * (default 50, at most 150) and the opaque `pagination.starting_after`.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../api-error.js';
import { compareEntries, type SearchEntry, type SearchNode, searchableField, searchPeople } from '../../domain/people-search.js';
import type { Store } from '../../domain/store.js';
import {
  type Cursor,
  canonical,
  decodeCursor,
  encodeCursor,
  parseNode,
  readPagination,
  readSort,
  type Sort,
} from '../v1/customer-search.js';
import type { Body } from '../v1/payload.js';

/** 2.x field names the people search knows by another name. */
const FIELD_ALIASES: Readonly<Record<string, string>> = { external_id: 'user_id', last_seen_at: 'last_request_at' };

const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A 2.x filter or group rewritten in the terms the people search reads. */
function normaliseNode(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  if (raw.field === undefined) {
    return Array.isArray(raw.value) ? { ...raw, value: raw.value.map(normaliseNode) } : raw;
  }
  const name = typeof raw.field === 'string' ? (FIELD_ALIASES[raw.field] ?? raw.field) : raw.field;
  const kind = typeof name === 'string' ? searchableField(name)?.kind : undefined;
  const toNumber = (v: unknown): unknown => (kind === 'number' && typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);
  let value = Array.isArray(raw.value) ? raw.value.map(toNumber) : toNumber(raw.value);
  let operator = raw.operator;
  if ((operator === '<=' || operator === '>=') && typeof value === 'number') {
    // On whole numbers (timestamps, counts), `<= n` is `< n + 1`.
    value = operator === '<=' ? value + 1 : value - 1;
    operator = operator === '<=' ? '<' : '>';
  } else if (operator === '<=' || operator === '>=') {
    return {
      operator: 'OR',
      value: [
        { field: name, operator: operator === '<=' ? '<' : '>', value },
        { field: name, operator: '=', value },
      ],
    };
  }
  return { field: name, operator, value };
}

/** The 2.x search's pagination: per page 50 by default. */
const DEFAULT_SEARCH_PER_PAGE = 50;

/** A contact search body as read: the query (2.x names rewritten), its sort and its pagination. */
export interface ContactSearchRequest {
  query: SearchNode;
  sort: Sort;
  perPage: number;
  /** The `starting_after` cursor, decoded; undefined on the first page. */
  cursor: Cursor | undefined;
  /** What a cursor of this search carries: the hash of its query and sort (worked out when a cursor is read or made). */
  hash(): string;
}

/**
 * Reads a contact search body, with Intercom's refusals (`query` missing, nesting and width limits,
 * `invalid_sort_order`, a bad cursor); reads nothing of the workspace.
 */
export function readContactSearch(body: Body): ContactSearchRequest {
  if (body.query === undefined || body.query === null) {
    throw new ApiError(400, 'parameter_not_found', 'query is a required parameter');
  }
  const queryBody = normaliseNode(body.query);
  const query = parseNode(queryBody, 'query', 0);
  const rawSort =
    isObject(body.sort) && typeof body.sort.field === 'string'
      ? { ...body.sort, field: FIELD_ALIASES[body.sort.field] ?? body.sort.field }
      : body.sort;
  if (isObject(rawSort) && rawSort.order !== undefined && rawSort.order !== 'ascending' && rawSort.order !== 'descending') {
    throw new ApiError(
      400,
      'invalid_sort_order',
      `Invalid sort order '${String(rawSort.order)}'. Must be one of: ascending, descending`,
    );
  }
  const sort = readSort({ sort: rawSort });
  const paginationBody = isObject(body.pagination) ? body.pagination : {};
  const pagination = readPagination({
    pagination: { per_page: paginationBody.per_page ?? DEFAULT_SEARCH_PER_PAGE, starting_after: paginationBody.starting_after },
  });
  let hashed: string | undefined;
  const hash = (): string => {
    hashed ??= createHash('sha256')
      .update(canonical({ query: queryBody, sort: sort.name, descending: sort.descending }))
      .digest('base64url')
      .slice(0, 16);
    return hashed;
  };
  const cursor = pagination.startingAfter === undefined ? undefined : decodeCursor(pagination.startingAfter, hash());
  return { query, sort, perPage: pagination.perPage, cursor, hash };
}

/** Runs a contact search body; answers the matched page and the `pages` object. */
export function searchContacts(
  store: Store,
  body: Body,
): { entries: SearchEntry[]; pages: Record<string, unknown>; total: number } {
  const { query, sort, perPage, cursor, hash } = readContactSearch(body);
  const found = searchPeople(store, query, sort).filter((entry) => !entry.record.archived);
  const start =
    cursor === undefined ? 0 : found.findIndex((e) => compareEntries({ v: e.v, id: e.record.id }, cursor, sort.descending) > 0);
  const from = start === -1 ? found.length : start;
  const slice = found.slice(from, from + perPage);
  const page = cursor === undefined ? 1 : cursor.p + 1;
  const last = slice.at(-1);
  const pages: Record<string, unknown> = {
    type: 'pages',
    page,
    per_page: perPage,
    total_pages: Math.ceil(found.length / perPage),
  };
  if (last !== undefined && from + slice.length < found.length) {
    pages.next = {
      per_page: perPage,
      starting_after: encodeCursor({ h: hash(), p: page, v: last.v, id: last.record.id }),
    };
  }
  return { entries: slice, pages, total: found.length };
}
