/**
 * Searching tickets: the fields the description lists (`id`, `created_at`, `updated_at`, `title`,
 * `description`, `category`, `ticket_type_id`, `contact_ids`, `teammate_ids`, `admin_assignee_id`,
 * `team_assignee_id`, `open`, `state`, `snoozed_until`, `ticket_attribute.{id}`), evaluated as a
 * conversation search is. `category` is searched by Intercom's terms: `request`, `task`, `tracker`.
 */
import { type ConversationQuery, recordMatches, type Value } from './conversation-search.js';
import type { TicketRecord } from './records.js';
import type { Store } from './store.js';

/** The search term of each ticket category. */
const CATEGORY_TERMS: Readonly<Record<TicketRecord['category'], string>> = {
  Customer: 'request',
  'Back-office': 'task',
  Tracker: 'tracker',
};

const scalar = (value: TicketRecord['attributes'][string] | undefined): Value =>
  value === undefined || Array.isArray(value) ? null : value;

type FieldReader = (ticket: TicketRecord, store: Store) => Value | string[];

/** The fixed fields of a ticket search. */
const TICKET_FIELDS: Readonly<Record<string, FieldReader>> = {
  id: (t) => t.id,
  created_at: (t) => t.created_at,
  updated_at: (t) => t.updated_at,
  title: (t) => scalar(t.attributes._default_title_),
  description: (t) => scalar(t.attributes._default_description_),
  category: (t) => CATEGORY_TERMS[t.category],
  ticket_type_id: (t) => t.ticket_type_id,
  contact_ids: (t) => t.contact_ids,
  teammate_ids: (t) => [...new Set(t.parts.filter((p) => p.author.type === 'admin').map((p) => p.author.id))],
  admin_assignee_id: (t) => (t.assignee.type === 'admin' ? t.assignee.id : null),
  team_assignee_id: (t) => (t.assignee.type === 'team' ? t.assignee.id : null),
  open: (t) => t.open,
  state: (t) => t.state,
  snoozed_until: (t) => t.snoozed_until,
  tag_ids: (t) => t.tag_ids,
};

const ATTRIBUTE_PREFIX = 'ticket_attribute.';

/** Whether a name is a searchable ticket field (`ticket_attribute.<id>` for any attribute id). */
export function isTicketSearchField(name: string): boolean {
  return TICKET_FIELDS[name] !== undefined || (name.startsWith(ATTRIBUTE_PREFIX) && name.length > ATTRIBUTE_PREFIX.length);
}

/** The names a refusal of an unknown field lists. */
export const TICKET_SEARCH_FIELD_NAMES: readonly string[] = [...Object.keys(TICKET_FIELDS), `${ATTRIBUTE_PREFIX}{id}`];

/** The value of a field of a ticket; undefined when there is no such field. */
function readField(store: Store, field: string, ticket: TicketRecord): Value | string[] | undefined {
  const fixed = TICKET_FIELDS[field];
  if (fixed !== undefined) return fixed(ticket, store);
  if (!field.startsWith(ATTRIBUTE_PREFIX)) return undefined;
  const attributeId = field.slice(ATTRIBUTE_PREFIX.length);
  const attribute = store.ticketTypes.get(ticket.ticket_type_id)?.attributes.find((a) => a.id === attributeId);
  return attribute === undefined ? null : scalar(ticket.attributes[attribute.name]);
}

/** Whether a ticket matches a checked query. */
export function ticketMatches(store: Store, query: ConversationQuery, ticket: TicketRecord): boolean {
  return recordMatches(query, ticket, (field, record) => readField(store, field, record));
}
