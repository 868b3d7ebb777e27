/**
 * Ticket types and their attributes, and the workspace's ticket states. Every ticket type comes
 * with the built-in `_default_title_` and `_default_description_` attributes, as Intercom's do.
 */
import { DomainError, notFound } from './errors.js';
import { nowSeconds, type TicketStateRecord, type TicketTypeAttributeRecord, type TicketTypeRecord } from './records.js';
import type { Store } from './store.js';

/** The ticket states of a new workspace: one per category, labelled as Intercom labels them. */
export const DEFAULT_TICKET_STATES: readonly TicketStateRecord[] = [
  { id: '8321', category: 'submitted', internal_label: 'Submitted', external_label: 'Submitted', archived: false },
  { id: '8322', category: 'in_progress', internal_label: 'In progress', external_label: 'In progress', archived: false },
  {
    id: '8323',
    category: 'waiting_on_customer',
    internal_label: 'Waiting on customer',
    external_label: 'Waiting on you',
    archived: false,
  },
  { id: '8324', category: 'resolved', internal_label: 'Resolved', external_label: 'Resolved', archived: false },
];

/** Defines the default ticket states in a store. */
export function defineDefaultTicketStates(store: Store): void {
  for (const state of DEFAULT_TICKET_STATES) store.ticketStates.set(state.id, { ...state });
}

/** The workspace's ticket states that are not archived, in id order. */
export function liveTicketStates(store: Store): TicketStateRecord[] {
  return [...store.ticketStates.values()].filter((s) => !s.archived);
}

/** The first live ticket state of a category, if the workspace has one. */
export function ticketStateOfCategory(store: Store, category: TicketStateRecord['category']): TicketStateRecord | undefined {
  return liveTicketStates(store).find((s) => s.category === category);
}

/** The next id after the largest numeric one of `ids`. */
function nextNumericId(ids: Iterable<string>, floor: number): string {
  let max = floor;
  for (const id of ids) if (/^\d+$/.test(id) && Number(id) > max) max = Number(id);
  return String(max + 1);
}

/** The ids of every ticket type attribute of the store. */
function* attributeIds(store: Store): Iterable<string> {
  for (const type of store.ticketTypes.values()) for (const attribute of type.attributes) yield attribute.id;
}

/** What a new ticket type attribute is made of (defaults as the description gives them). */
export type NewTicketTypeAttribute = Pick<TicketTypeAttributeRecord, 'name' | 'description' | 'data_type'> &
  Partial<
    Pick<
      TicketTypeAttributeRecord,
      | 'required_to_create'
      | 'required_to_create_for_contacts'
      | 'visible_on_create'
      | 'visible_to_contacts'
      | 'input_options'
      | 'default'
    >
  >;

/** What a ticket type is made of. */
export type NewTicketType = Pick<TicketTypeRecord, 'name'> &
  Partial<Pick<TicketTypeRecord, 'id' | 'description' | 'category' | 'icon' | 'is_internal' | 'created_at'>>;

/** Creates a ticket type (next numeric id unless given) with its two built-in attributes. */
export function defineTicketType(store: Store, fields: NewTicketType): TicketTypeRecord {
  const name = fields.name.trim();
  if (name === '') throw new DomainError('invalid', "Name can't be blank", { field: 'name' });
  const taken = [...store.ticketTypes.values()].find((t) => t.name.toLowerCase() === name.toLowerCase() && !t.archived);
  if (taken !== undefined) throw new DomainError('invalid', `A ticket type named '${name}' already exists`, { field: 'name' });
  const at = fields.created_at ?? nowSeconds();
  const type: TicketTypeRecord = {
    id: fields.id ?? nextNumericId(store.ticketTypes.keys(), 0),
    name,
    description: fields.description ?? '',
    category: fields.category ?? 'Customer',
    icon: fields.icon ?? '🎟️',
    archived: false,
    is_internal: fields.is_internal ?? false,
    attributes: [],
    created_at: at,
    updated_at: at,
  };
  store.ticketTypes.set(type.id, type);
  const builtIn = { description: '', data_type: 'string', default: true } as const;
  addTicketTypeAttribute(store, type, { ...builtIn, name: '_default_title_', input_options: { multiline: false } }, at);
  addTicketTypeAttribute(store, type, { ...builtIn, name: '_default_description_', input_options: { multiline: true } }, at);
  return type;
}

/** The ticket type with this id; unknown ids are not found. */
export function ticketTypeById(store: Store, id: string): TicketTypeRecord {
  const type = store.ticketTypes.get(id);
  if (type === undefined) throw notFound('Ticket type not found', { field: 'ticket_type_id', reason: 'ticket_type_not_found' });
  return type;
}

/** Some fields of `T`, each optional (undefined: unchanged). */
type Changes<T, K extends keyof T> = { [P in K]?: T[P] | undefined };

/** What an update of a ticket type may change. */
export type TicketTypeChanges = Changes<
  TicketTypeRecord,
  'name' | 'description' | 'category' | 'icon' | 'archived' | 'is_internal'
>;

/** Changes a ticket type. */
export function updateTicketType(type: TicketTypeRecord, changes: TicketTypeChanges): void {
  if (changes.name !== undefined && changes.name.trim() === '') {
    throw new DomainError('invalid', "Name can't be blank", { field: 'name' });
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) (type as unknown as Record<string, unknown>)[key] = value;
  }
  type.updated_at = nowSeconds();
}

/** Adds an attribute to a ticket type; names are unique within a type. */
export function addTicketTypeAttribute(
  store: Store,
  type: TicketTypeRecord,
  fields: NewTicketTypeAttribute,
  at = nowSeconds(),
): TicketTypeAttributeRecord {
  const name = fields.name.trim();
  if (name === '') throw new DomainError('invalid', "Name can't be blank", { field: 'name' });
  if (type.attributes.some((a) => a.name === name)) {
    throw new DomainError('invalid', `The ticket type already has an attribute named '${name}'`, { field: 'name' });
  }
  if (fields.data_type === 'list' && listItemsOf(fields.input_options ?? null).length < 2) {
    throw new DomainError('invalid', 'A list attribute needs at least two list_items', { field: 'list_items' });
  }
  const attribute: TicketTypeAttributeRecord = {
    id: nextNumericId(attributeIds(store), 0),
    ticket_type_id: type.id,
    name,
    description: fields.description,
    data_type: fields.data_type,
    input_options: fields.input_options ?? null,
    order: type.attributes.filter((a) => !a.archived).length,
    required_to_create: fields.required_to_create ?? false,
    required_to_create_for_contacts: fields.required_to_create_for_contacts ?? false,
    visible_on_create: fields.visible_on_create ?? true,
    visible_to_contacts: fields.visible_to_contacts ?? true,
    default: fields.default ?? false,
    archived: false,
    created_at: at,
    updated_at: at,
  };
  type.attributes.push(attribute);
  type.updated_at = Math.max(type.updated_at, at);
  return attribute;
}

/** What an update of a ticket type attribute may change (its data type is fixed). */
export type TicketTypeAttributeChanges = Changes<
  TicketTypeAttributeRecord,
  | 'name'
  | 'description'
  | 'required_to_create'
  | 'required_to_create_for_contacts'
  | 'visible_on_create'
  | 'visible_to_contacts'
  | 'archived'
  | 'input_options'
>;

/** Changes an attribute of a ticket type; built-in attributes keep their names and cannot be archived. */
export function updateTicketTypeAttribute(
  type: TicketTypeRecord,
  attributeId: string,
  changes: TicketTypeAttributeChanges,
): TicketTypeAttributeRecord {
  const attribute = type.attributes.find((a) => a.id === attributeId);
  if (attribute === undefined) throw notFound('Ticket type attribute not found', { field: 'attribute_id' });
  if (attribute.default && ((changes.name !== undefined && changes.name !== attribute.name) || changes.archived === true)) {
    throw new DomainError('invalid', 'The default attributes of a ticket type cannot be renamed or archived');
  }
  if (changes.name !== undefined && type.attributes.some((a) => a !== attribute && a.name === changes.name)) {
    throw new DomainError('invalid', `The ticket type already has an attribute named '${changes.name}'`, { field: 'name' });
  }
  const { input_options: options, ...rest } = changes;
  const merged = options == null ? attribute.input_options : { ...(attribute.input_options ?? {}), ...options };
  if (attribute.data_type === 'list' && listItemsOf(merged).length < 2) {
    throw new DomainError('invalid', 'A list attribute needs at least two list_items', { field: 'list_items' });
  }
  attribute.input_options = merged;
  for (const [key, value] of Object.entries(rest)) {
    if (value !== undefined) (attribute as unknown as Record<string, unknown>)[key] = value;
  }
  attribute.updated_at = nowSeconds();
  type.updated_at = attribute.updated_at;
  return attribute;
}

/** The items of a list attribute's `list_items` (comma-separated), trimmed, without empties. */
export function listItemsOf(options: TicketTypeAttributeRecord['input_options']): string[] {
  return (options?.list_items ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
