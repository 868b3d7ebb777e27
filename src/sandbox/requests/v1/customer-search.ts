/**
 * Reading a 1.x customer search body: the query tree (nested at most two levels, 15 items a group,
 * each filter's value checked against its field and operator), the sort, the pagination, and the
 * opaque `starting_after` cursor tied to the query and sort.
 */
import { SEARCH_MAX_DEPTH, SEARCH_MAX_GROUP_ITEMS, SEARCH_OPERATORS } from '../../../contract/v1.js';
import { type ApiError, invalid } from '../../api-error.js';
import {
  type Comparison,
  type FieldDef,
  type FieldKind,
  isScalarValue,
  type Scalar,
  SEARCHABLE_FIELDS,
  type SearchNode,
  searchableField,
} from '../../domain/people-search.js';
import type { Body } from './payload.js';

const MAX_DEPTH = SEARCH_MAX_DEPTH;
const MAX_GROUP_ITEMS = SEARCH_MAX_GROUP_ITEMS;
const OPERATORS: readonly Comparison[] = SEARCH_OPERATORS;
const DEFAULT_PER_PAGE = 50;
const MAX_PER_PAGE = 150;

/** The field a name designates; 400 naming `path.field` when it is not searchable. */
function fieldDef(name: string, path: string): FieldDef {
  const field = searchableField(name);
  if (field !== undefined) return field;
  throw invalid(
    `'${name}' is not a searchable field; use one of ${Object.keys(SEARCHABLE_FIELDS).join(', ')} or custom_attributes.<name>`,
    `${path}.field`,
  );
}

/** Checks that `value` suits `operator` on a field of `kind`; throws 400 naming `path` otherwise. */
function checkValue(kind: FieldKind, name: string, operator: Comparison, value: unknown, path: string): Scalar | Scalar[] {
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
export function parseNode(raw: unknown, path: string, depth: number): SearchNode {
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
  const op = operator as Comparison;
  return {
    kind: 'filter',
    field,
    name: node.field,
    operator: op,
    value: checkValue(field.kind, node.field, op, node.value, path),
  };
}

/** The sort of a search. */
export interface Sort {
  name: string;
  field: FieldDef;
  descending: boolean;
}

export function readSort(body: Body): Sort {
  const raw = body.sort;
  if (raw === undefined || raw === null)
    return { name: 'created_at', field: SEARCHABLE_FIELDS.created_at as FieldDef, descending: true };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw invalid('sort must be an object {field, order}', 'sort');
  const { field, order } = raw as Body;
  if (order !== undefined && order !== null && order !== 'ascending' && order !== 'descending') {
    throw invalid("sort.order must be 'ascending' or 'descending'", 'sort.order');
  }
  if (field === undefined || field === null) {
    return { name: 'created_at', field: SEARCHABLE_FIELDS.created_at as FieldDef, descending: order !== 'ascending' };
  }
  if (typeof field !== 'string' || field === '') throw invalid('sort.field must be a field name', 'sort.field');
  const def = fieldDef(field, 'sort');
  if (def.kind === 'set') throw invalid(`'${field}' cannot be sorted on`, 'sort.field');
  // An explicit field sorts ascending unless told otherwise.
  return { name: field, field: def, descending: order === 'descending' };
}

export interface Pagination {
  perPage: number;
  startingAfter: string | undefined;
}

export function readPagination(body: Body): Pagination {
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
export function canonical(value: unknown): string {
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
export interface Cursor {
  h: string;
  p: number;
  v: Scalar;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string, hash: string): Cursor {
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
