/**
 * Tickets: create one of a type (its attributes checked against the type's: known names, data types,
 * required ones), change its state, open/closed, snooze and assignment, reply to it (admin comment or
 * note, contact comment), delete it. Every change adds a ticket part, as Intercom's do.
 */
import { NOBODY, toHtml } from './conversations.js';
import { DomainError, notFound } from './errors.js';
import {
  type AssigneeRef,
  type AuthorRef,
  nowSeconds,
  type TicketAttributes,
  type TicketPartRecord,
  type TicketRecord,
  type TicketStateRecord,
  type TicketTypeAttributeRecord,
  type TicketTypeRecord,
} from './records.js';
import type { Store } from './store.js';
import { listItemsOf, ticketStateOfCategory } from './ticket-types.js';

/** The ticket with this id; unknown ids are not found (`ticket_not_found`). */
export function ticketById(store: Store, id: string): TicketRecord {
  const ticket = store.tickets.get(id);
  if (ticket === undefined) throw notFound('Ticket not found', { reason: 'ticket_not_found' });
  return ticket;
}

const invalidAttribute = (message: string, name: string): DomainError =>
  new DomainError('invalid', message, { field: `ticket_attributes.${name}` });

/** Whether `value` fits an attribute's data type. */
function fitsDataType(attribute: TicketTypeAttributeRecord, value: TicketAttributes[string]): boolean {
  switch (attribute.data_type) {
    case 'string':
      return typeof value === 'string';
    case 'list':
      return typeof value === 'string' && listItemsOf(attribute.input_options).includes(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return (
        (typeof value === 'number' && Number.isInteger(value)) || (typeof value === 'string' && !Number.isNaN(Date.parse(value)))
      );
    case 'files':
      return Array.isArray(value);
  }
}

/**
 * Checks ticket attribute values against a type's live attributes: each name must be one of them and
 * each value of its data type (`null` clears one). On create, the attributes `required_to_create`
 * must be given.
 */
export function checkTicketAttributes(type: TicketTypeRecord, values: TicketAttributes, creating: boolean): void {
  const live = type.attributes.filter((a) => !a.archived);
  for (const [name, value] of Object.entries(values)) {
    const attribute = live.find((a) => a.name === name);
    if (attribute === undefined) {
      throw invalidAttribute(`'${name}' is not an attribute of the ticket type '${type.name}'`, name);
    }
    if (value === null) {
      if (attribute.required_to_create) throw invalidAttribute(`The ticket attribute '${name}' is required`, name);
      continue;
    }
    if (!fitsDataType(attribute, value)) {
      const what =
        attribute.data_type === 'list' ? `one of ${listItemsOf(attribute.input_options).join(', ')}` : `a ${attribute.data_type}`;
      throw invalidAttribute(`The ticket attribute '${name}' must be ${what}`, name);
    }
  }
  if (creating) {
    const missing = live.filter((a) => a.required_to_create && (values[a.name] === undefined || values[a.name] === ''));
    if (missing.length > 0) {
      throw new DomainError('invalid', `Missing required ticket attributes: ${missing.map((a) => a.name).join(', ')}`, {
        field: 'ticket_attributes',
      });
    }
  }
}

/** A new part of a ticket with the next id. */
function addPart(
  store: Store,
  ticket: TicketRecord,
  part: Omit<TicketPartRecord, 'id' | 'created_at'>,
  at: number,
): TicketPartRecord {
  const record: TicketPartRecord = { id: store.nextId(), created_at: at, ...part };
  ticket.parts.push(record);
  ticket.updated_at = at;
  return record;
}

/** What a new ticket is made of. */
export interface NewTicket {
  type: TicketTypeRecord;
  contactIds: string[];
  attributes: TicketAttributes;
  /** Who creates it: an admin, or the bot for tickets made through the API without one. */
  author: AuthorRef;
  conversationId?: string | null;
  companyId?: string | null;
  assignee?: AssigneeRef;
  createdAt?: number;
}

/** The next number users see (`ticket_id`), one more than the largest so far. */
function nextTicketNumber(store: Store): string {
  let max = 0;
  for (const ticket of store.tickets.values()) max = Math.max(max, Number(ticket.ticket_id) || 0);
  return String(max + 1);
}

/** Checks that a ticket of `type` with these attributes can be created (the type is live, the attributes fit). */
export function checkNewTicket(type: TicketTypeRecord, attributes: TicketAttributes): void {
  if (type.archived) throw new DomainError('invalid', `The ticket type '${type.name}' is archived`, { field: 'ticket_type_id' });
  checkTicketAttributes(type, attributes, true);
}

/** Creates a ticket in the `submitted` state; its type and attributes are checked first. */
export function createTicket(store: Store, fields: NewTicket): TicketRecord {
  const { type } = fields;
  checkNewTicket(type, fields.attributes);
  const at = fields.createdAt ?? nowSeconds();
  const state = ticketStateOfCategory(store, 'submitted');
  const ticket: TicketRecord = {
    id: store.nextId(),
    ticket_id: nextTicketNumber(store),
    ticket_type_id: type.id,
    category: type.category,
    state: 'submitted',
    ticket_state_id: state?.id ?? null,
    previous_ticket_state_id: null,
    open: true,
    snoozed_until: null,
    assignee: fields.assignee ?? { ...NOBODY },
    is_shared: type.category === 'Customer' && !type.is_internal,
    conversation_id: fields.conversationId ?? null,
    company_id: fields.companyId ?? null,
    contact_ids: [...new Set(fields.contactIds)],
    attributes: Object.fromEntries(Object.entries(fields.attributes).filter(([, v]) => v !== null)),
    parts: [],
    tag_ids: [],
    created_at: at,
    updated_at: at,
  };
  store.tickets.set(ticket.id, ticket);
  addPart(
    store,
    ticket,
    {
      part_type: 'ticket_state_updated_by_admin',
      body: null,
      author: fields.author,
      assigned_to: null,
      previous_state: 'submitted',
      state: 'submitted',
    },
    at,
  );
  store.sink.publish({ type: 'ticket.created', ticket });
  return ticket;
}

/** What an update of a ticket may change; states and assignees are resolved by the caller. */
export interface TicketChanges {
  attributes?: TicketAttributes;
  state?: TicketStateRecord;
  open?: boolean;
  snoozedUntil?: number;
  assignee?: AssigneeRef;
  isShared?: boolean;
  companyId?: string | null;
}

/** Changes a ticket, adding a part for each change; the attributes are checked before anything changes. */
export function updateTicket(store: Store, ticket: TicketRecord, author: AuthorRef, changes: TicketChanges): void {
  const type = store.ticketTypes.get(ticket.ticket_type_id);
  if (changes.attributes !== undefined && type !== undefined) checkTicketAttributes(type, changes.attributes, false);
  const at = nowSeconds();
  const part = (partType: string, extra: Partial<TicketPartRecord> = {}): void => {
    addPart(store, ticket, { part_type: partType, body: null, author, assigned_to: null, ...extra }, at);
  };
  if (changes.attributes !== undefined) {
    for (const [name, value] of Object.entries(changes.attributes)) {
      if (value === null) delete ticket.attributes[name];
      else ticket.attributes[name] = value;
    }
    part('ticket_attribute_updated_by_admin');
  }
  if (changes.state !== undefined && changes.state.id !== ticket.ticket_state_id) {
    const previous = ticket.state;
    ticket.previous_ticket_state_id = ticket.ticket_state_id;
    ticket.ticket_state_id = changes.state.id;
    ticket.state = changes.state.category;
    part('ticket_state_updated_by_admin', { previous_state: previous, state: changes.state.category });
  }
  if (changes.assignee !== undefined) {
    ticket.assignee = changes.assignee;
    part('assignment', { assigned_to: changes.assignee.type === 'nobody_admin' ? null : changes.assignee });
  }
  if (changes.snoozedUntil !== undefined) {
    ticket.snoozed_until = changes.snoozedUntil;
    ticket.open = true;
    part('snoozed');
  }
  if (changes.open !== undefined && changes.open !== ticket.open) {
    ticket.open = changes.open;
    // Closing a ticket also unsnoozes it.
    if (!changes.open) ticket.snoozed_until = null;
    part(changes.open ? 'open' : 'close');
  }
  if (changes.isShared !== undefined) ticket.is_shared = changes.isShared;
  if (changes.companyId !== undefined) ticket.company_id = changes.companyId;
  ticket.updated_at = at;
}

/** A reply to a ticket: an admin's comment, note or quick reply, or a contact's comment. */
export interface TicketReply {
  kind: 'comment' | 'note' | 'quick_reply';
  author: AuthorRef;
  text?: string | undefined;
  createdAt?: number | undefined;
}

/**
 * Adds a reply part. Contacts reply only on tickets shared with them (not on back-office ones), and
 * only to tickets they are on; comments and notes need a body.
 */
export function replyToTicket(store: Store, ticket: TicketRecord, reply: TicketReply): TicketPartRecord {
  const fromAdmin = reply.author.type === 'admin';
  if (!fromAdmin) {
    if (ticket.category !== 'Customer' || !ticket.is_shared) {
      throw new DomainError('invalid', 'User replies are not allowed on Backoffice tickets', { reason: 'parameter_mismatch' });
    }
    if (!ticket.contact_ids.includes(reply.author.id)) throw notFound('Resource Not Found');
  }
  const hasText = reply.text !== undefined && reply.text.trim() !== '';
  if (reply.kind !== 'quick_reply' && !hasText) {
    throw new DomainError('invalid', 'body is a required parameter', { field: 'body', reason: 'missing' });
  }
  const body = hasText ? toHtml(reply.text as string, fromAdmin) : null;
  const part = addPart(
    store,
    ticket,
    { part_type: reply.kind, body, author: reply.author, assigned_to: null },
    reply.createdAt ?? nowSeconds(),
  );
  // A contact's comment on a ticket waiting on them puts it back in progress.
  if (!fromAdmin && ticket.state === 'waiting_on_customer') {
    const state = ticketStateOfCategory(store, 'in_progress');
    if (state !== undefined) {
      ticket.previous_ticket_state_id = ticket.ticket_state_id;
      ticket.ticket_state_id = state.id;
      ticket.state = 'in_progress';
    }
  }
  return part;
}

/** Deletes a ticket for good. */
export function deleteTicket(store: Store, id: string): void {
  ticketById(store, id);
  store.tickets.delete(id);
}
