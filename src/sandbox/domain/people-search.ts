/**
 * Searching people (users and leads; visitors are never found): the searchable fields, how a query
 * tree of filters and AND/OR groups matches a record, and the order of results. String comparisons
 * ignore case; `null` with `=` / `!=` tests whether a field has no value / has one.
 */
import type { UserRecord } from './records.js';
import type { Store } from './store.js';

/** A comparison of a filter (the same set in 1.x customer search and 2.x contact search). */
export type Comparison = '=' | '!=' | 'IN' | 'NIN' | '>' | '<' | '~' | '!~' | '^' | '$';

/** What a field holds: scalars of one type, or a set of ids (`tag_id`, `segment_id`, `company_id`). */
export type FieldKind = 'string' | 'number' | 'boolean' | 'set' | 'any';
export type Scalar = string | number | boolean | null;

export interface FieldDef {
  kind: FieldKind;
  read: (record: UserRecord, store: Store) => Scalar | readonly string[];
}

/** The searchable fields of a person. */
export const SEARCHABLE_FIELDS: Readonly<Record<string, FieldDef>> = {
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

/** The field a name designates (a known field, or `custom_attributes.<name>`), or undefined. */
export function searchableField(name: string): FieldDef | undefined {
  const known = SEARCHABLE_FIELDS[name];
  if (known !== undefined) return known;
  if (name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length) {
    const key = name.slice(CUSTOM_PREFIX.length);
    return { kind: 'any', read: (r) => (Object.hasOwn(r.custom_attributes, key) ? (r.custom_attributes[key] ?? null) : null) };
  }
  return undefined;
}

/** A checked query: a filter on a field, or an AND/OR group. */
export type SearchNode =
  | { kind: 'filter'; field: FieldDef; name: string; operator: Comparison; value: Scalar | Scalar[] }
  | { kind: 'group'; operator: 'AND' | 'OR'; items: SearchNode[] };

export const isScalarValue = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

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

function matchScalar(operator: Comparison, actual: Scalar, value: Scalar | Scalar[]): boolean {
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

function matches(node: SearchNode, record: UserRecord, store: Store): boolean {
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

/** A result: the person and its sort value. */
export interface SearchEntry {
  record: UserRecord;
  v: Scalar;
}

/** Sort order: by value (nulls last either way), then by id so that the order is total. */
export function compareEntries(a: { v: Scalar; id: string }, b: { v: Scalar; id: string }, descending: boolean): number {
  const aNull = a.v === null;
  const bNull = b.v === null;
  if (aNull !== bNull) return aNull ? 1 : -1;
  if (!aNull) {
    const c = compareScalars(a.v, b.v);
    if (c !== 0) return descending ? -c : c;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The email a query requires (an `email = <text>` filter in it, or in an AND group of it), whose
 * people the store's email index gives at once; undefined when every person must be tried.
 */
function requiredEmail(node: SearchNode): string | undefined {
  if (node.kind === 'filter')
    return node.name === 'email' && node.operator === '=' && typeof node.value === 'string' ? node.value : undefined;
  if (node.operator !== 'AND') return undefined;
  for (const item of node.items) {
    const email = requiredEmail(item);
    if (email !== undefined) return email;
  }
  return undefined;
}

/** The people a query can match: those with its required email (case-insensitive), else everyone. */
function candidates(store: Store, query: SearchNode): Iterable<UserRecord> {
  const email = requiredEmail(query);
  if (email === undefined) return store.users.values();
  return [...store.usersByEmail(email, 'user'), ...store.usersByEmail(email, 'contact')];
}

/** The people (users and leads) `query` matches, ordered by `sort` (nulls last), then by id. */
export function searchPeople(store: Store, query: SearchNode, sort: { field: FieldDef; descending: boolean }): SearchEntry[] {
  const found: SearchEntry[] = [];
  // Each candidate is still matched against the whole query: the index only spares the others.
  for (const record of candidates(store, query)) {
    if (record.role === 'visitor' || !matches(query, record, store)) continue;
    found.push({ record, v: sort.field.read(record, store) as Scalar });
  }
  found.sort((a, b) => compareEntries({ v: a.v, id: a.record.id }, { v: b.v, id: b.record.id }, sort.descending));
  return found;
}
