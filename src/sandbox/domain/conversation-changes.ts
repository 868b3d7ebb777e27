/**
 * What 2.x adds to conversations: more contacts on one conversation, redacting a part, deleting,
 * and converting a conversation into a ticket.
 */
import { conversationById } from './conversations.js';
import { DomainError, notFound } from './errors.js';
import {
  type AuthorRef,
  type ConversationRecord,
  nowSeconds,
  type TicketAttributes,
  type TicketRecord,
  type UserRecord,
} from './records.js';
import type { Store } from './store.js';
import { ticketTypeById } from './ticket-types.js';
import { createTicket } from './tickets.js';

/** The customer and every contact attached since, in order. */
export function contactIdsOf(c: ConversationRecord): string[] {
  return [c.customer_id, ...(c.extra_contact_ids ?? []).filter((id) => id !== c.customer_id)];
}

/** Attaches a contact to a conversation (once). */
export function attachContact(c: ConversationRecord, contact: UserRecord): void {
  const ids = contactIdsOf(c);
  if (!ids.includes(contact.id)) c.extra_contact_ids = [...(c.extra_contact_ids ?? []), contact.id];
  c.updated_at = nowSeconds();
}

/** Detaches a contact; the last contact of a conversation cannot be detached. */
export function detachContact(c: ConversationRecord, contactId: string): void {
  const ids = contactIdsOf(c);
  if (!ids.includes(contactId)) throw notFound('Contact Not Found');
  if (ids.length === 1) {
    throw new DomainError('invalid', 'The last contact of a conversation cannot be detached', { reason: 'last_contact' });
  }
  const rest = ids.filter((id) => id !== contactId);
  c.customer_id = rest[0] as string;
  c.extra_contact_ids = rest.slice(1);
  c.updated_at = nowSeconds();
}

/** Redacts the body of a part (or of the first message, `source`): the text is gone for good. */
export function redactPart(store: Store, conversationId: string, partId: string, source: boolean): ConversationRecord {
  const c = conversationById(store, conversationId);
  if (source) {
    if (c.message.id !== partId) throw notFound('Conversation Part Not Found');
    c.message.body = '<p><i>This message was deleted</i></p>';
    return c;
  }
  const part = c.parts.find((p) => p.id === partId);
  if (part === undefined) throw notFound('Conversation Part Not Found');
  part.body = '<p><i>This message was deleted</i></p>';
  part.redacted = true;
  return c;
}

/** Deletes a conversation for good. */
export function deleteConversation(store: Store, id: string): void {
  conversationById(store, id);
  store.removeConversation(id);
}

/**
 * Converts a conversation into a ticket of a type, with its contacts; the conversation is then
 * linked to the ticket. An unknown ticket type is not found; the attributes are checked against the type's.
 */
export function convertToTicket(
  store: Store,
  c: ConversationRecord,
  ticketTypeId: string,
  attributes: TicketAttributes,
  author: AuthorRef,
): TicketRecord {
  return createTicket(store, {
    type: ticketTypeById(store, ticketTypeId),
    contactIds: contactIdsOf(c),
    attributes,
    author,
    conversationId: c.id,
    assignee: { ...c.assignee },
  });
}
