/**
 * Searching conversations: a query tree of filters and AND/OR groups over a conversation's fields
 * (`id`, `state`, `open`, `read`, `created_at`, `updated_at`, `waiting_since`, `snoozed_until`,
 * `admin_assignee_id`, `team_assignee_id`, `contact_ids`, `tag_ids`, `source.author.id`,
 * `source.body`, `source.subject`, `source.delivered_as`). Text compares ignoring case.
 */

import { contactIdsOf } from './conversation-changes.js';
import type { Comparison } from './people-search.js';
import type { ConversationRecord } from './records.js';

/** A scalar a search compares. */
export type Value = string | number | boolean | null;

/** A checked conversation query. */
export type ConversationQuery =
  | { kind: 'filter'; field: string; operator: Comparison; value: Value | Value[] }
  | { kind: 'group'; operator: 'AND' | 'OR'; items: ConversationQuery[] };

/** The fields a conversation search reads; arrays are sets of ids. */
export const CONVERSATION_FIELDS: Readonly<Record<string, (c: ConversationRecord) => Value | string[]>> = {
  id: (c) => c.id,
  state: (c) => c.state,
  open: (c) => c.state !== 'closed',
  read: (c) => c.read,
  created_at: (c) => c.created_at,
  updated_at: (c) => c.updated_at,
  waiting_since: (c) => c.waiting_since,
  snoozed_until: (c) => c.snoozed_until,
  admin_assignee_id: (c) => (c.assignee.type === 'admin' ? Number(c.assignee.id) : null),
  team_assignee_id: (c) => (c.assignee.type === 'team' ? Number(c.assignee.id) : null),
  contact_ids: (c) => contactIdsOf(c),
  tag_ids: (c) => c.tag_ids,
  'source.author.id': (c) => c.message.author.id,
  'source.author.type': (c) => c.message.author.type,
  'source.body': (c) => c.message.body,
  'source.subject': (c) => c.message.subject,
  'source.delivered_as': (c) => c.message.delivered_as,
};

const norm = (v: Value): Value => (typeof v === 'string' ? v.toLowerCase() : v);
const same = (a: Value, b: Value): boolean => (a === null || b === null ? a === b : String(norm(a)) === String(norm(b)));

function compare(operator: Comparison, actual: Value, value: Value | Value[]): boolean {
  switch (operator) {
    case '=':
      return same(actual, value as Value);
    case '!=':
      return !same(actual, value as Value);
    case 'IN':
      return (value as Value[]).some((v) => same(actual, v));
    case 'NIN':
      return !(value as Value[]).some((v) => same(actual, v));
    case '>':
    case '<': {
      if (actual === null || value === null) return false;
      const a = typeof actual === 'number' ? actual : String(actual).toLowerCase();
      const b = typeof actual === 'number' ? Number(value) : String(value).toLowerCase();
      return operator === '>' ? a > b : a < b;
    }
    default: {
      if (typeof actual !== 'string') return operator === '!~';
      const text = actual.toLowerCase();
      const needle = String(value).toLowerCase();
      if (operator === '~') return text.includes(needle);
      if (operator === '!~') return !text.includes(needle);
      if (operator === '^') return text.startsWith(needle);
      return text.endsWith(needle);
    }
  }
}

/** Whether a conversation matches a query. */
export function conversationMatches(query: ConversationQuery, c: ConversationRecord): boolean {
  return recordMatches(query, c, (field, record) => CONVERSATION_FIELDS[field]?.(record));
}

/**
 * Whether a record matches a query whose fields `read` resolves (undefined: no such field). The
 * same evaluation serves conversations and tickets.
 */
export function recordMatches<R>(
  query: ConversationQuery,
  record: R,
  read: (field: string, record: R) => Value | string[] | undefined,
): boolean {
  if (query.kind === 'group') {
    return query.operator === 'AND'
      ? query.items.every((item) => recordMatches(item, record, read))
      : query.items.some((item) => recordMatches(item, record, read));
  }
  const actual = read(query.field, record);
  if (actual === undefined) return false;
  if (Array.isArray(actual)) {
    const has = (v: Value): boolean => actual.includes(String(v));
    switch (query.operator) {
      case '=':
        return query.value === null ? actual.length === 0 : has(query.value as Value);
      case '!=':
        return query.value === null ? actual.length > 0 : !has(query.value as Value);
      case 'IN':
        return (query.value as Value[]).some(has);
      case 'NIN':
        return !(query.value as Value[]).some(has);
      default:
        return false;
    }
  }
  return compare(query.operator, actual, query.value);
}
