/** Tickets, their parts, ticket types, their attributes and ticket states in the 2.x shapes. */
import type {
  AuthorRef,
  TicketPartRecord,
  TicketRecord,
  TicketStateRecord,
  TicketTypeAttributeRecord,
  TicketTypeRecord,
} from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { liveTicketStates } from '../../domain/ticket-types.js';
import { externalIdOf } from './contacts.js';

/** `{ type: 'ticket_state', id, category, internal_label, external_label }`. */
export function renderTicketState(state: TicketStateRecord): Record<string, unknown> {
  return {
    type: 'ticket_state',
    id: state.id,
    category: state.category,
    internal_label: state.internal_label,
    external_label: state.external_label,
  };
}

/** A ticket state of `GET /ticket_states`: with `archived` and the ticket types that use it. */
export function renderDetailedTicketState(store: Store, state: TicketStateRecord): Record<string, unknown> {
  const types = [...store.ticketTypes.values()].filter((t) => !t.archived);
  return {
    ...renderTicketState(state),
    archived: state.archived,
    ticket_types: {
      type: 'list',
      data: types.map((t) => ({
        type: 'ticket_type',
        id: t.id,
        name: t.name,
        description: t.description,
        icon: t.icon,
        archived: t.archived,
        is_internal: t.is_internal,
        category: t.category,
      })),
    },
  };
}

/** The wire form of a ticket type attribute. */
export function renderTicketTypeAttribute(store: Store, attribute: TicketTypeAttributeRecord): Record<string, unknown> {
  return {
    type: 'ticket_type_attribute',
    id: attribute.id,
    workspace_id: store.appId,
    name: attribute.name,
    description: attribute.description,
    data_type: attribute.data_type,
    input_options: { ...(attribute.input_options ?? {}) },
    order: attribute.order,
    required_to_create: attribute.required_to_create,
    required_to_create_for_contacts: attribute.required_to_create_for_contacts,
    visible_on_create: attribute.visible_on_create,
    visible_to_contacts: attribute.visible_to_contacts,
    default: attribute.default,
    ticket_type_id: Number(attribute.ticket_type_id),
    archived: attribute.archived,
    created_at: attribute.created_at,
    updated_at: attribute.updated_at,
  };
}

/**
 * The wire form of a ticket type, with its live attributes and the workspace's ticket states. The
 * attribute list carries `data` (as Intercom answers, in the description's examples) and
 * `ticket_type_attributes` (as the description's schema and the official SDK read it).
 */
export function renderTicketType(store: Store, type: TicketTypeRecord): Record<string, unknown> {
  const attributes = type.attributes.filter((a) => !a.archived).map((a) => renderTicketTypeAttribute(store, a));
  return {
    type: 'ticket_type',
    id: type.id,
    category: type.category,
    name: type.name,
    description: type.description,
    icon: type.icon,
    workspace_id: store.appId,
    archived: type.archived,
    is_internal: type.is_internal,
    created_at: type.created_at,
    updated_at: type.updated_at,
    ticket_type_attributes: { type: 'list', data: attributes, ticket_type_attributes: attributes },
    ticket_states: { type: 'list', data: liveTicketStates(store).map(renderTicketState) },
  };
}

/** Who wrote a ticket part: an admin, the bot, or a contact (`user`, leads included: tickets name no leads). */
function renderPartAuthor(store: Store, author: AuthorRef): Record<string, unknown> {
  if (author.type === 'admin') {
    const admin = store.admins.get(author.id);
    return admin === undefined
      ? { type: 'admin', id: author.id, name: null }
      : { type: 'admin', id: author.id, name: admin.name, email: admin.email };
  }
  if (author.type === 'bot') return { type: 'bot', id: author.id, name: 'Fin' };
  const person = store.users.get(author.id);
  const out: Record<string, unknown> = { type: 'user', id: author.id, name: person?.name ?? null };
  if (person?.email != null) out.email = person.email;
  return out;
}

/** A ticket part as it appears in a ticket's `ticket_parts`. */
export function renderTicketPart(store: Store, part: TicketPartRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: 'ticket_part',
    id: part.id,
    part_type: part.part_type,
    body: part.body,
    created_at: part.created_at,
    updated_at: part.created_at,
    assigned_to: part.assigned_to === null ? null : { type: part.assigned_to.type, id: part.assigned_to.id },
    author: renderPartAuthor(store, part.author),
    attachments: [],
    external_id: null,
    redacted: false,
  };
  if (part.state !== undefined) out.ticket_state = part.state;
  if (part.previous_state !== undefined) out.previous_ticket_state = part.previous_state;
  return out;
}

/** A reply part as `POST /tickets/{id}/reply` answers it. */
export function renderTicketReply(store: Store, part: TicketPartRecord): Record<string, unknown> {
  return {
    type: 'ticket_part',
    id: part.id,
    part_type: part.part_type,
    body: part.body,
    created_at: part.created_at,
    updated_at: part.created_at,
    author: renderPartAuthor(store, part.author),
    attachments: [],
    redacted: false,
  };
}

/** The labels of a category, for a ticket whose state the workspace no longer defines. */
const CATEGORY_LABELS: Readonly<Record<TicketRecord['state'], string>> = {
  submitted: 'Submitted',
  in_progress: 'In progress',
  waiting_on_customer: 'Waiting on customer',
  resolved: 'Resolved',
};

/** The wire form of a ticket, with its parts. */
export function renderTicket(store: Store, ticket: TicketRecord): Record<string, unknown> {
  const type = store.ticketTypes.get(ticket.ticket_type_id);
  const state = ticket.ticket_state_id === null ? undefined : store.ticketStates.get(ticket.ticket_state_id);
  const label = CATEGORY_LABELS[ticket.state];
  const out: Record<string, unknown> = {
    type: 'ticket',
    id: ticket.id,
    ticket_id: ticket.ticket_id,
    category: ticket.category,
    ticket_attributes: structuredClone(ticket.attributes),
    ticket_state:
      state === undefined
        ? { type: 'ticket_state', id: ticket.state, category: ticket.state, internal_label: label, external_label: label }
        : renderTicketState(state),
    ticket_type: type === undefined ? null : renderTicketType(store, type),
    contacts: {
      type: 'contact.list',
      contacts: ticket.contact_ids.map((id) => {
        const person = store.users.get(id);
        return { type: 'contact', id, external_id: person === undefined ? null : externalIdOf(person) };
      }),
    },
    // Integers in the description: 0 when not assigned.
    admin_assignee_id: ticket.assignee.type === 'admin' ? Number(ticket.assignee.id) : 0,
    team_assignee_id: ticket.assignee.type === 'team' ? Number(ticket.assignee.id) : 0,
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
    open: ticket.open,
    linked_objects: {
      type: 'list',
      total_count: ticket.conversation_id === null ? 0 : 1,
      has_more: false,
      data: ticket.conversation_id === null ? [] : [{ type: 'conversation', id: ticket.conversation_id, category: null }],
    },
    ticket_parts: {
      type: 'ticket_part.list',
      ticket_parts: ticket.parts.map((part) => renderTicketPart(store, part)),
      total_count: ticket.parts.length,
    },
    is_shared: ticket.is_shared,
    previous_ticket_state_id: ticket.previous_ticket_state_id,
  };
  if (ticket.snoozed_until !== null) out.snoozed_until = ticket.snoozed_until;
  return out;
}
