/**
 * Reading a 2.x conversation search body: filters and AND/OR groups (nested at most two levels,
 * 15 items a group) over the fields a conversation search knows, and `pagination.per_page` (default
 * 20, at most 150) with `starting_after` (the last conversation's id).
 */
import { ApiError } from '../../api-error.js';
import { CONVERSATION_FIELDS, type ConversationQuery } from '../../domain/conversation-search.js';
import type { Comparison } from '../../domain/people-search.js';
import type { Body } from '../v1/payload.js';

const OPERATORS: readonly string[] = ['=', '!=', 'IN', 'NIN', '>', '<', '>=', '<=', '~', '!~', '^', '$'];
const MAX_DEPTH = 2;
const MAX_GROUP_ITEMS = 15;

const bad = (message: string): ApiError => new ApiError(400, 'parameter_invalid', message);
const isObject = (v: unknown): v is Body => typeof v === 'object' && v !== null && !Array.isArray(v);
const isValue = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

/** A numeric string on a number-valued field is read as the number. */
const numeric = (v: unknown): unknown => (typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v);

/** The fields a search knows: whether a name is one, and the names its refusal lists. */
export interface SearchFields {
  has(name: string): boolean;
  names: readonly string[];
}

const CONVERSATION_SEARCH_FIELDS: SearchFields = {
  has: (name) => CONVERSATION_FIELDS[name] !== undefined,
  names: Object.keys(CONVERSATION_FIELDS),
};

/** Parses and checks one node over `fields` (a conversation's by default); `depth` counts the groups around it. */
export function readConversationQuery(
  raw: unknown,
  depth = 0,
  fields: SearchFields = CONVERSATION_SEARCH_FIELDS,
): ConversationQuery {
  if (!isObject(raw)) throw bad('query must be a filter {field, operator, value} or a group {operator, value: [...]}');
  if (raw.field === undefined) {
    if (raw.operator !== 'AND' && raw.operator !== 'OR') throw bad("A group's operator must be AND or OR");
    if (depth >= MAX_DEPTH) throw bad(`Groups nest at most ${MAX_DEPTH} levels deep`);
    if (!Array.isArray(raw.value) || raw.value.length === 0) throw bad("A group's value must be a non-empty array");
    if (raw.value.length > MAX_GROUP_ITEMS) throw bad(`A group holds at most ${MAX_GROUP_ITEMS} items`);
    return {
      kind: 'group',
      operator: raw.operator,
      items: raw.value.map((item) => readConversationQuery(item, depth + 1, fields)),
    };
  }
  if (typeof raw.field !== 'string' || !fields.has(raw.field)) {
    throw bad(`'${String(raw.field)}' is not a searchable field; use one of ${fields.names.join(', ')}`);
  }
  if (typeof raw.operator !== 'string' || !OPERATORS.includes(raw.operator)) {
    throw bad(`operator must be one of ${OPERATORS.join(' ')}`);
  }
  let operator = raw.operator as Comparison | '>=' | '<=';
  let value: unknown = Array.isArray(raw.value) ? raw.value.map(numeric) : numeric(raw.value);
  if (operator === 'IN' || operator === 'NIN') {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isValue))
      throw bad(`${operator} needs a non-empty array of values`);
  } else if (!isValue(value)) {
    throw bad(`${operator} needs a single value`);
  }
  if (operator === '>=' || operator === '<=') {
    if (typeof value !== 'number') throw bad(`${operator} needs a number`);
    value = operator === '>=' ? value - 1 : value + 1;
    operator = operator === '>=' ? '>' : '<';
  }
  return { kind: 'filter', field: raw.field, operator, value: value as Extract<ConversationQuery, { kind: 'filter' }>['value'] };
}
