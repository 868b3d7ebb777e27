/**
 * `POST /customers/search`: Intercom's customer search over users and leads.
 *
 * A query is a filter `{ field, operator, value }` or a group `{ operator: 'AND' | 'OR', value: [...] }`.
 * Groups nest at most two levels deep and hold at most 15 items each. String comparisons ignore case.
 * `null` with `=` / `!=` tests whether a field has no value / has one. Results are sorted (default:
 * newest first), paginated with an opaque `starting_after` cursor tied to the query and sort.
 */
import { createHash } from 'node:crypto';
import { SEARCH_MAX_DEPTH, SEARCH_MAX_GROUP_ITEMS, SEARCH_OPERATORS, type SearchOperator } from '../../../contract/v1.js';
import { ApiError, invalid } from '../../api-error.js';
import type { UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderUser } from '../../renderers/v1/people.js';
import { type Body, bodyObject } from '../../requests/v1/payload.js';
import type { RouteContext, Router } from '../../router.js';

/** What a field holds: scalars of one type, or a set of ids (`tag_id`, `segment_id`, `company_id`). */
type FieldKind = 'string' | 'number' | 'boolean' | 'set' | 'any';
type Scalar = string | number | boolean | null;

interface FieldDef {
  kind: FieldKind;
  read: (record: UserRecord, store: Store) => Scalar | readonly string[];
}

const FIELDS: Readonly<Record<string, FieldDef>> = {
  id: { kind: 'string', read: (r) => r.id },
  user_id: { kind: 'string', read: (r) => r.user_id },
  email: { kind: 'string', read: (r) => r.email },
  name: { kind: 'string', read: (r) => r.name },
  phone: { kind: 'string', read: (r) => r.phone },
  pseudonym: { kind: 'string', read: (r) => r.pseudonym },
  role: { kind: 'string', read: (r) => (r.role === 'user' ? 'user' : 'lead') },
  last_seen_ip: { kind: 'string', read: (r) => r.last_seen_ip },
  created_at: { kind: 'number', read: (r) => r.created_at },
  updated_at: { kind: 'number', read: (r) => r.updated_at },
  signed_up_at: { kind: 'number', read: (r) => r.signed_up_at },
  remote_created_at: { kind: 'number', read: (r) => r.remote_created_at },
  last_request_at: { kind: 'number', read: (r) => r.last_request_at },
  session_count: { kind: 'number', read: (r) => r.session_count },
  owner_id: { kind: 'number', read: (r) => r.owner_id },
  anonymous: { kind: 'boolean', read: (r) => r.role !== 'user' },
  unsubscribed_from_emails: { kind: 'boolean', read: (r) => r.unsubscribed_from_emails },
  tag_id: { kind: 'set', read: (r) => r.tag_ids },
  segment_id: { kind: 'set', read: (r) => r.segment_ids },
  company_id: {
    kind: 'set',
    read: (r, store) => r.company_ids.map((id) => store.companies.get(id)?.company_id ?? id),
  },
};

const CUSTOM_PREFIX = 'custom_attributes.';
const MAX_DEPTH = SEARCH_MAX_DEPTH;
const MAX_GROUP_ITEMS = SEARCH_MAX_GROUP_ITEMS;
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 150;

const OPERATORS = SEARCH_OPERATORS;
type Operator = SearchOperator;

type Node =
  | { kind: 'filter'; field: FieldDef; name: string; operator: Operator; value: Scalar | Scalar[] }
  | { kind: 'group'; operator: 'AND' | 'OR'; items: Node[] };

function fieldDef(name: string, path: string): FieldDef {
  const known = FIELDS[name];
  if (known !== undefined) return known;
  if (name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length) {
    const key = name.slice(CUSTOM_PREFIX.length);
    return { kind: 'any', read: (r) => (Object.hasOwn(r.custom_attributes, key) ? (r.custom_attributes[key] ?? null) : null) };
  }
  throw invalid(
    `'${name}' is not a searchable field; use one of ${Object.keys(FIELDS).join(', ')} or custom_attributes.<name>`,
    `${path}.field`,
  );
}

const isScalarValue = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** Checks that `value` suits `operator` on a field of `kind`; throws 400 naming `path` otherwise. */
function checkValue(kind: FieldKind, name: string, operator: Operator, value: unknown, path: string): Scalar | Scalar[] {
  const field = `${path}.value`;
  const fits = (v: unknown): boolean => {
    if (!isScalarValue(v)) return false;
    if (kind === 'number') return typeof v === 'number';
    if (kind === 'boolean') return typeof v === 'boolean';
    if (kind === 'string' || kind === 'set') return typeof v === 'string' || typeof v === 'number';
    return true;
  };
  const expected =
    kind === 'number' ? 'a number' : kind === 'boolean' ? 'true or false' : kind === 'any' ? 'a string or number' : 'a string';
  switch (operator) {
    case '=':
    case '!=':
      if (value === null || fits(value)) return value as Scalar;
      throw invalid(`${operator} on '${name}' needs ${expected} or null`, field);
    case 'IN':
    case 'NIN':
      if (!Array.isArray(value) || value.length === 0) throw invalid(`${operator} needs a non-empty array of values`, field);
      value.forEach((v, i) => {
        if (!fits(v)) throw invalid(`${operator} on '${name}': item ${i} must be ${expected}`, field);
      });
      return value as Scalar[];
    case '>':
    case '<':
      if (kind === 'boolean' || kind === 'set') throw invalid(`${operator} does not apply to '${name}'`, `${path}.operator`);
      if (typeof value === 'boolean' || !fits(value) || (kind === 'string' && typeof value !== 'string')) {
        throw invalid(`${operator} on '${name}' needs ${expected}`, field);
      }
      return value as Scalar;
    default:
      // ~ !~ ^ $: text operators.
      if (kind === 'number' || kind === 'boolean' || kind === 'set') {
        throw invalid(`${operator} applies to text; '${name}' is not a text field`, `${path}.operator`);
      }
      if (typeof value !== 'string' || value === '') throw invalid(`${operator} on '${name}' needs a non-empty string`, field);
      return value;
  }
}

/** Parses and checks a query node. `depth` counts the groups around it. */
function parseNode(raw: unknown, path: string, depth: number): Node {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(`${path} must be a filter {field, operator, value} or a group {operator: 'AND' | 'OR', value: [...]}`, path);
  }
  const node = raw as Body;
  const operator = node.operator;
  if (operator === 'AND' || operator === 'OR') {
    if (depth + 1 > MAX_DEPTH) {
      throw invalid(`${path}: AND/OR groups may be nested at most ${MAX_DEPTH} levels deep`, path);
    }
    if (!Array.isArray(node.value) || node.value.length === 0) {
      throw invalid(`${path}.value must be a non-empty array of filters or groups`, `${path}.value`);
    }
    if (node.value.length > MAX_GROUP_ITEMS) {
      throw invalid(
        `${path}.value has ${node.value.length} filters; an ${operator} group may hold at most ${MAX_GROUP_ITEMS}`,
        `${path}.value`,
      );
    }
    return { kind: 'group', operator, items: node.value.map((item, i) => parseNode(item, `${path}.value[${i}]`, depth + 1)) };
  }
  if (typeof node.field !== 'string' || node.field === '') {
    throw invalid(`${path}.field is required (a string) unless ${path} is an AND/OR group`, `${path}.field`);
  }
  if (operator === undefined || operator === null) throw invalid(`${path}.operator is required`, `${path}.operator`);
  if (typeof operator !== 'string' || !(OPERATORS as readonly string[]).includes(operator)) {
    throw invalid(`${path}.operator must be one of ${OPERATORS.join(' ')} (or AND / OR for a group)`, `${path}.operator`);
  }
  if (!('value' in node)) throw invalid(`${path}.value is required`, `${path}.value`);
  const field = fieldDef(node.field, path);
  const op = operator as Operator;
  return {
    kind: 'filter',
    field,
    name: node.field,
    operator: op,
    value: checkValue(field.kind, node.field, op, node.value, path),
  };
}

const lower = (v: Scalar): Scalar => (typeof v === 'string' ? v.toLowerCase() : v);

/** Equality across the types a field and a value may have: text ignores case, `1` equals `'1'`. */
function same(actual: Scalar, expected: Scalar): boolean {
  if (actual === null || expected === null) return actual === expected;
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return actual === expected;
  return String(lower(actual)) === String(lower(expected));
}

function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
  }
  const rank = (v: Scalar): number => (v === null ? 3 : typeof v === 'number' ? 0 : typeof v === 'string' ? 1 : 2);
  return rank(a) - rank(b) || Number(a) - Number(b);
}

function matchScalar(operator: Operator, actual: Scalar, value: Scalar | Scalar[]): boolean {
  switch (operator) {
    case '=':
      return same(actual, value as Scalar);
    case '!=':
      return !same(actual, value as Scalar);
    case 'IN':
      return actual !== null && (value as Scalar[]).some((v) => same(actual, v));
    case 'NIN':
      return !matchScalar('IN', actual, value);
    case '>':
    case '<': {
      const v = value as Scalar;
      if (actual === null || typeof actual !== typeof v) return false;
      const c = compareScalars(actual, v);
      return operator === '>' ? c > 0 : c < 0;
    }
    default: {
      if (typeof actual !== 'string') return operator === '!~';
      const text = actual.toLowerCase();
      const needle = (value as string).toLowerCase();
      if (operator === '~') return text.includes(needle);
      if (operator === '!~') return !text.includes(needle);
      if (operator === '^') return text.startsWith(needle);
      return text.endsWith(needle);
    }
  }
}

function matches(node: Node, record: UserRecord, store: Store): boolean {
  if (node.kind === 'group') {
    return node.operator === 'AND'
      ? node.items.every((item) => matches(item, record, store))
      : node.items.some((item) => matches(item, record, store));
  }
  const actual = node.field.read(record, store);
  if (Array.isArray(actual)) {
    const ids = actual as readonly string[];
    const has = (v: Scalar): boolean => ids.includes(String(v));
    switch (node.operator) {
      case '=':
        return node.value === null ? ids.length === 0 : has(node.value as Scalar);
      case '!=':
        return node.value === null ? ids.length > 0 : !has(node.value as Scalar);
      case 'IN':
        return (node.value as Scalar[]).some(has);
      default:
        return !(node.value as Scalar[]).some(has);
    }
  }
  return matchScalar(node.operator, actual as Scalar, node.value);
}

interface Sort {
  name: string;
  field: FieldDef;
  descending: boolean;
}

function readSort(body: Body): Sort {
  const raw = body.sort;
  if (raw === undefined || raw === null) return { name: 'created_at', field: FIELDS.created_at as FieldDef, descending: true };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('sort must be an object {field, order}', 'sort');
  const { field, order } = raw as Body;
  if (order !== undefined && order !== null && order !== 'ascending' && order !== 'descending') {
    throw invalid("sort.order must be 'ascending' or 'descending'", 'sort.order');
  }
  if (field === undefined || field === null) {
    return { name: 'created_at', field: FIELDS.created_at as FieldDef, descending: order !== 'ascending' };
  }
  if (typeof field !== 'string' || field === '') throw invalid('sort.field must be a field name', 'sort.field');
  const def = fieldDef(field, 'sort');
  if (def.kind === 'set') throw invalid(`'${field}' cannot be sorted on`, 'sort.field');
  // An explicit field sorts ascending unless told otherwise.
  return { name: field, field: def, descending: order === 'descending' };
}

interface Pagination {
  perPage: number;
  startingAfter: string | undefined;
}

function readPagination(body: Body): Pagination {
  const raw = body.pagination;
  if (raw === undefined || raw === null) return { perPage: DEFAULT_PER_PAGE, startingAfter: undefined };
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalid('pagination must be an object {per_page, starting_after}', 'pagination');
  const { per_page: perPage, starting_after: startingAfter } = raw as Body;
  if (
    perPage !== undefined &&
    perPage !== null &&
    (typeof perPage !== 'number' || !Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
  ) {
    throw invalid(`pagination.per_page must be a whole number from 1 to ${MAX_PER_PAGE}`, 'pagination.per_page');
  }
  if (startingAfter !== undefined && startingAfter !== null && (typeof startingAfter !== 'string' || startingAfter === '')) {
    throw invalid('pagination.starting_after must be the string pages.next.starting_after returned', 'pagination.starting_after');
  }
  return {
    perPage: typeof perPage === 'number' ? perPage : DEFAULT_PER_PAGE,
    startingAfter: typeof startingAfter === 'string' ? startingAfter : undefined,
  };
}

/** JSON with sorted keys, so that equal queries hash equally whatever their key order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Body)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Where a page ended: the page number, the last record's sort value and id, and the query it belongs to. */
interface Cursor {
  h: string;
  p: number;
  v: Scalar;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string, hash: string): Cursor {
  const bad = (): ApiError =>
    invalid('pagination.starting_after is not a cursor this search returned', 'pagination.starting_after');
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (typeof cursor !== 'object' || cursor === null) throw bad();
  const { h, p, v, id } = cursor as Record<string, unknown>;
  if (typeof h !== 'string' || typeof id !== 'string' || typeof p !== 'number' || !Number.isInteger(p) || p < 1) throw bad();
  if (!(v === null || isScalarValue(v))) throw bad();
  if (h !== hash) {
    throw invalid(
      'pagination.starting_after belongs to a different query or sort; send the same query and sort as the first page',
      'pagination.starting_after',
    );
  }
  return { h, p, v, id };
}

interface Entry {
  record: UserRecord;
  v: Scalar;
}

/** Sort order: by value (nulls last either way), then by id so that the order is total. */
function compareEntries(a: { v: Scalar; id: string }, b: { v: Scalar; id: string }, descending: boolean): number {
  const aNull = a.v === null;
  const bNull = b.v === null;
  if (aNull !== bNull) return aNull ? 1 : -1;
  if (!aNull) {
    const c = compareScalars(a.v, b.v);
    if (c !== 0) return descending ? -c : c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

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

    const found: Entry[] = [];
    for (const record of store.users.values()) {
      if (record.role === 'visitor' || !matches(query, record, store)) continue;
      found.push({ record, v: sort.field.read(record, store) as Scalar });
    }
    const key = (e: Entry): { v: Scalar; id: string } => ({ v: e.v, id: e.record.id });
    found.sort((a, b) => compareEntries(key(a), key(b), sort.descending));
    const start = cursor === undefined ? 0 : found.findIndex((e) => compareEntries(key(e), cursor, sort.descending) > 0);
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
