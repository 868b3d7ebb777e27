/**
 * 1.x lists of users and leads on 2.x: `GET /users` and `GET /contacts` with their filters, the scrolls
 * (`/users/scroll`, `/contacts/scroll`) and `POST /customers/search`, all answered from
 * `POST /contacts/search` (role and filters as a search query, cursor pages).
 *
 * A 1.x page's `pages.next` is a link back to the bridge carrying the filters, the page number and the
 * 2.x cursor (`starting_after`); a scroll's `scroll_param` is the 2.x cursor. An explicit 1.x `page`
 * (without a cursor) is reached by walking the cursor pages before it.
 *
 * @module
 */
import { errorFromErrorList, InvalidParameterError } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { type ContactSearchPage, notFound, type SearchFilter, searchContactPage, sendV2 } from './contact-lookup.js';
import { type ContactRole, listItems, listPages, renderPerson } from './people-shapes.js';
import type { BridgeContext } from './route-table.js';

/** The 1.x list type and items key of a role: `user.list`/`users`, `contact.list`/`contacts`. */
export const LIST_OF: Readonly<Record<ContactRole, { type: string; key: string; path: string }>> = {
  user: { type: 'user.list', key: 'users', path: '/users' },
  lead: { type: 'contact.list', key: 'contacts', path: '/contacts' },
};

/** 1.x page size: its default; 2.x searches take up to 150. */
const DEFAULT_PER_PAGE = 50;
/** The 1.x scroll's page size. */
const SCROLL_PER_PAGE = 100;
const DAY_SECONDS = 86_400;

/** 1.x person field names that 2.x search and sort know by another name. */
const FIELD_NAMES_2X: Readonly<Record<string, string>> = { user_id: 'external_id', last_request_at: 'last_seen_at' };

/** The 1.x list query parameters that filter (the others page or sort). */
const FILTER_PARAMETERS = ['email', 'created_since', 'tag_id', 'segment_id', 'tag_name'];

/** The id of the tag with this name (`GET /tags`), names compared without case as 1.x did. */
async function tagIdByName(context: BridgeContext, name: string, options: RequestOptions | undefined): Promise<string> {
  const tags = listItems(await sendV2(context, options, { method: 'GET', path: '/tags' }));
  const tag = tags.find((t) => typeof t.name === 'string' && t.name.toLowerCase() === name.toLowerCase());
  if (tag === undefined) throw notFound('Tag');
  return String(tag.id);
}

/** The search filters of a 1.x list query. */
async function listFilters(
  context: BridgeContext,
  query: Readonly<Record<string, string>>,
  options: RequestOptions | undefined,
  now: number,
): Promise<SearchFilter[]> {
  const filters: SearchFilter[] = [];
  if (query.email !== undefined) filters.push({ field: 'email', operator: '=', value: query.email });
  if (query.created_since !== undefined) {
    filters.push({ field: 'created_at', operator: '>', value: now - Number(query.created_since) * DAY_SECONDS });
  }
  if (query.tag_id !== undefined) filters.push({ field: 'tag_id', operator: '=', value: query.tag_id });
  if (query.tag_name !== undefined) {
    filters.push({ field: 'tag_id', operator: '=', value: await tagIdByName(context, query.tag_name, options) });
  }
  if (query.segment_id !== undefined) filters.push({ field: 'segment_id', operator: '=', value: query.segment_id });
  return filters;
}

/** The 2.x sort of a 1.x `sort` and `order` (1.x: newest first by default). */
function listSort(query: Readonly<Record<string, string>>): JsonObject | undefined {
  if (query.sort === undefined && query.order === undefined) return undefined;
  const field = query.sort ?? 'created_at';
  return { field: FIELD_NAMES_2X[field] ?? field, order: query.order === 'asc' ? 'ascending' : 'descending' };
}

/** A whole number from a query parameter, or the default. */
function wholeNumber(query: Readonly<Record<string, string>>, name: string, fallback: number): number {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidParameterError(name, 'must be a whole number >= 1');
  return value;
}

/**
 * One 1.x page of users (role user) or leads (role lead) for `GET /users?...` or `GET /contacts?...`:
 * a search for the role and filters, and a `pages.next` link carrying the filters and the 2.x cursor.
 * With `email` and one match, `renderOne` answers that person in full (what a `find` reads).
 */
export async function personListPage(
  context: BridgeContext,
  role: ContactRole,
  query: Readonly<Record<string, string>>,
  options: RequestOptions | undefined,
  renderOne: (contact: JsonObject) => Promise<JsonObject>,
): Promise<JsonObject> {
  const perPage = wholeNumber(query, 'per_page', DEFAULT_PER_PAGE);
  let page = wholeNumber(query, 'page', 1);
  const filters = await listFilters(context, query, options, Math.floor(Date.now() / 1000));
  const sort = listSort(query);
  let cursor = query.starting_after;
  let found: ContactSearchPage;
  if (cursor === undefined && page > 1) {
    // An explicit page without a cursor: walk the pages before it.
    let walked = 1;
    found = await searchContactPage(context, role, filters, { perPage, sort }, options);
    while (walked < page && found.next !== undefined) {
      cursor = found.next;
      found = await searchContactPage(context, role, filters, { perPage, startingAfter: cursor, sort }, options);
      walked++;
    }
    if (walked < page) found = { ...found, contacts: [], next: undefined };
  } else {
    found = await searchContactPage(context, role, filters, { perPage, startingAfter: cursor, sort }, options);
    if (cursor === undefined) page = 1;
  }
  const { type, key, path } = LIST_OF[role];
  const people =
    query.email !== undefined && found.contacts.length === 1 && cursor === undefined
      ? [await renderOne(found.contacts[0] as JsonObject)]
      : found.contacts.map((contact) => renderPerson(contact));
  let next: string | null = null;
  if (found.next !== undefined) {
    const link = new URLSearchParams();
    for (const name of [...FILTER_PARAMETERS, 'sort', 'order']) {
      const value = query[name];
      if (value !== undefined) link.set(name, value);
    }
    link.set('per_page', String(perPage));
    link.set('page', String(page + 1));
    link.set('starting_after', found.next);
    next = `${context.baseUrl}${path}?${link.toString()}`;
  }
  return {
    type,
    total_count: found.totalCount,
    limited: false,
    pages: listPages(page, perPage, Math.ceil(found.totalCount / perPage), next),
    [key]: people,
  };
}

/** What a scroll's `scroll_param` says after its last page: the next page is empty. */
const SCROLL_END = 'end';
/** Prefix of the scroll params the bridge answers: `bridge.<2.x cursor>`. */
const SCROLL_PREFIX = 'bridge.';

/**
 * A page of `GET /users/scroll` or `GET /contacts/scroll`: 100 people of the role, `scroll_param` the
 * 2.x cursor of the next page. As on 1.x, the scroll ends with an empty page.
 */
export async function personScrollPage(
  context: BridgeContext,
  role: ContactRole,
  scrollParam: string | undefined,
  options: RequestOptions | undefined,
): Promise<JsonObject> {
  const { type, key } = LIST_OF[role];
  if (scrollParam === `${SCROLL_PREFIX}${SCROLL_END}`) return { type, scroll_param: scrollParam, [key]: [] };
  if (scrollParam !== undefined && !scrollParam.startsWith(SCROLL_PREFIX)) {
    throw errorFromErrorList(
      { errors: [{ code: 'not_found', message: 'scroll_param not found', field: 'scroll_param' }] },
      404,
      {},
    );
  }
  const startingAfter = scrollParam?.slice(SCROLL_PREFIX.length);
  const found = await searchContactPage(context, role, [], { perPage: SCROLL_PER_PAGE, startingAfter }, options);
  return {
    type,
    scroll_param: `${SCROLL_PREFIX}${found.next ?? SCROLL_END}`,
    [key]: found.contacts.map((contact) => renderPerson(contact)),
  };
}

/** A 1.x customer search query with its field names in 2.x terms (`user_id` → `external_id`...). */
function customerQuery(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const filter = node as JsonObject;
  if (typeof filter.field === 'string') return { ...filter, field: FIELD_NAMES_2X[filter.field] ?? filter.field };
  return Array.isArray(filter.value) ? { ...filter, value: filter.value.map(customerQuery) } : filter;
}

/**
 * `POST /customers/search` → `POST /contacts/search`: the same query language (1.x field names
 * renamed), `sort` and `pagination` as they are. Answers the 1.x `customer.list`.
 */
export async function customerSearch(
  context: BridgeContext,
  body: JsonObject,
  options: RequestOptions | undefined,
): Promise<JsonObject> {
  const search: JsonObject = { query: customerQuery(body.query) };
  if (typeof body.sort === 'object' && body.sort !== null) {
    const sort = body.sort as JsonObject;
    search.sort = typeof sort.field === 'string' ? { ...sort, field: FIELD_NAMES_2X[sort.field] ?? sort.field } : sort;
  }
  if (body.pagination !== undefined) search.pagination = body.pagination;
  // A search changes nothing: repeatable like a read.
  const answer = (await sendV2(context, options, {
    method: 'POST',
    path: '/contacts/search',
    body: search,
    idempotent: true,
  })) as JsonObject;
  const customers = listItems(answer).map((contact) => ({ ...renderPerson(contact), type: 'customer' }));
  return { type: 'customer.list', pages: answer.pages, total_count: answer.total_count, customers };
}
