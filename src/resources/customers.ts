import { SEARCH_MAX_DEPTH, SEARCH_MAX_GROUP_ITEMS, SEARCH_OPERATORS } from '../contract/v1.js';
import { InvalidParameterError } from '../core/errors.js';
import { type JsonObject, unwrapLists } from '../core/models.js';
import type { SearchIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { describe, requireObject } from '../core/validation.js';
import { USER_SHAPE } from './person-fields.js';
import type { UserFields } from './users.js';

/** A user or lead as the customer search returns it. */
export interface Customer extends Omit<UserFields, 'type'> {
  type: 'customer';
  /** `user` for users, `lead` for leads. */
  role: 'user' | 'lead';
  [field: string]: unknown;
}

/**
 * A field to search or sort on. The listed ones are known to intercom-ts; `custom_attributes.<name>`
 * searches a custom attribute; any other string is passed through for fields Intercom adds.
 */
export type CustomerSearchField =
  | 'id'
  | 'user_id'
  | 'email'
  | 'name'
  | 'phone'
  | 'pseudonym'
  | 'role'
  | 'last_seen_ip'
  | 'created_at'
  | 'updated_at'
  | 'signed_up_at'
  | 'remote_created_at'
  | 'last_request_at'
  | 'session_count'
  | 'owner_id'
  | 'anonymous'
  | 'unsubscribed_from_emails'
  | 'tag_id'
  | 'segment_id'
  | 'company_id'
  | `custom_attributes.${string}`
  | (string & Record<never, never>);

/** A value a filter compares with. */
export type CustomerSearchValue = string | number | boolean;

/**
 * One condition: `field operator value`. `=` / `!=` compare (with `null`: has no value / has one);
 * `IN` / `NIN` take a list; `>` / `<` order numbers (timestamps are epoch seconds) or text; `~` (contains),
 * `!~` (does not contain), `^` (starts with) and `$` (ends with) apply to text.
 */
export type CustomerSearchFilter =
  | { field: CustomerSearchField; operator: '=' | '!='; value: CustomerSearchValue | null }
  | { field: CustomerSearchField; operator: 'IN' | 'NIN'; value: readonly CustomerSearchValue[] }
  | { field: CustomerSearchField; operator: '>' | '<'; value: string | number }
  | { field: CustomerSearchField; operator: '~' | '!~' | '^' | '$'; value: string };

/** Several conditions of which all (`AND`) or one (`OR`) must hold: at most 15 items. */
export interface CustomerSearchGroup<Item> {
  operator: 'AND' | 'OR';
  value: readonly Item[];
}

/**
 * A search query: a filter, or an `AND`/`OR` group whose items may themselves be groups of filters.
 * Groups nest at most two levels deep, which the type enforces.
 */
export type CustomerSearchQuery =
  | CustomerSearchFilter
  | CustomerSearchGroup<CustomerSearchFilter | CustomerSearchGroup<CustomerSearchFilter>>;

/** Parameters of {@link Customers.search}. */
export interface CustomerSearchParams {
  query: CustomerSearchQuery;
  /** Customers per page. Default: the API's (50). */
  per_page?: number;
  /** The field to sort on. Default: the API's (newest first). */
  sort_field?: CustomerSearchField;
  /** Sort order. */
  sort_order?: 'ascending' | 'descending';
  /** Start after this cursor (`pages.next.starting_after` of an earlier answer). */
  starting_after?: string;
}

const OPERATORS: ReadonlySet<string> = new Set(SEARCH_OPERATORS);

const isValue = (v: unknown): v is CustomerSearchValue =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Checks a query node before anything is sent. `depth` counts the groups around it. */
function checkQuery(node: unknown, path: string, depth: number): void {
  requireObject(node, path);
  const { operator, value } = node;
  if (operator === 'AND' || operator === 'OR') {
    if (depth + 1 > SEARCH_MAX_DEPTH)
      throw new InvalidParameterError(path, `AND/OR groups nest at most ${SEARCH_MAX_DEPTH} levels deep`);
    if (!Array.isArray(value) || value.length === 0) {
      throw new InvalidParameterError(`${path}.value`, 'must be a non-empty array of filters or groups');
    }
    if (value.length > SEARCH_MAX_GROUP_ITEMS) {
      throw new InvalidParameterError(
        `${path}.value`,
        `holds ${value.length} items; a group holds at most ${SEARCH_MAX_GROUP_ITEMS}`,
      );
    }
    value.forEach((item, i) => {
      checkQuery(item, `${path}.value[${i}]`, depth + 1);
    });
    return;
  }
  if (typeof node.field !== 'string' || node.field === '') {
    throw new InvalidParameterError(`${path}.field`, `must be a field name (got ${describe(node.field)})`);
  }
  if (typeof operator !== 'string' || !OPERATORS.has(operator)) {
    throw new InvalidParameterError(`${path}.operator`, `must be one of ${[...OPERATORS].join(' ')}, or AND / OR for a group`);
  }
  const bad = (expected: string): never => {
    throw new InvalidParameterError(`${path}.value`, `${operator} needs ${expected} (got ${describe(value)})`);
  };
  switch (operator) {
    case '=':
    case '!=':
      if (value !== null && !isValue(value)) bad('a string, number, boolean or null');
      return;
    case 'IN':
    case 'NIN':
      if (!Array.isArray(value) || value.length === 0 || !value.every(isValue)) bad('a non-empty array of values');
      return;
    case '>':
    case '<':
      if (typeof value === 'boolean' || !isValue(value)) bad('a number or a string');
      return;
    default:
      if (typeof value !== 'string' || value === '') bad('a non-empty string');
  }
}

function toCustomer(raw: JsonObject): Customer {
  unwrapLists(raw, USER_SHAPE.lists);
  if (typeof raw.custom_attributes !== 'object' || raw.custom_attributes === null) raw.custom_attributes = {};
  return raw as Customer;
}

/**
 * Customers: `intercom.customers`, the search across users and leads (`POST /customers/search`).
 *
 * ```ts
 * const found = intercom.customers.search({
 *   query: { operator: 'AND', value: [{ field: 'email', operator: '$', value: '@example.com' }, { field: 'role', operator: '=', value: 'user' }] },
 *   sort_field: 'name',
 *   sort_order: 'ascending',
 * });
 * for await (const customer of found) console.log(customer.name);
 * ```
 */
export class Customers extends APIResource {
  /**
   * Searches users and leads. Returns a lazy async iterable across every page (it follows
   * `pages.next.starting_after`); each iteration starts again from the first page. The query is checked
   * before anything is sent.
   */
  search(params: CustomerSearchParams, options?: RequestOptions): SearchIterator<Customer> {
    requireObject(params, 'params');
    checkQuery(params.query, 'params.query', 0);
    const body: JsonObject = { query: params.query };
    if (params.sort_field !== undefined || params.sort_order !== undefined) {
      if (params.sort_field !== undefined && (typeof params.sort_field !== 'string' || params.sort_field === '')) {
        throw new InvalidParameterError('params.sort_field', 'must be a field name');
      }
      if (params.sort_order !== undefined && params.sort_order !== 'ascending' && params.sort_order !== 'descending') {
        throw new InvalidParameterError('params.sort_order', "must be 'ascending' or 'descending'");
      }
      const sort: JsonObject = {};
      if (params.sort_field !== undefined) sort.field = params.sort_field;
      if (params.sort_order !== undefined) sort.order = params.sort_order;
      body.sort = sort;
    }
    if (params.per_page !== undefined || params.starting_after !== undefined) {
      if (params.per_page !== undefined && (!Number.isInteger(params.per_page) || params.per_page < 1)) {
        throw new InvalidParameterError('params.per_page', 'must be a whole number >= 1');
      }
      if (params.starting_after !== undefined && (typeof params.starting_after !== 'string' || params.starting_after === '')) {
        throw new InvalidParameterError('params.starting_after', 'must be a cursor string');
      }
      const pagination: JsonObject = {};
      if (params.per_page !== undefined) pagination.per_page = params.per_page;
      if (params.starting_after !== undefined) pagination.starting_after = params.starting_after;
      body.pagination = pagination;
    }
    return this.http.search('/customers/search', { body, itemsKey: 'customers', toModel: toCustomer, options });
  }
}
