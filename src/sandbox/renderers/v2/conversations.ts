/** Conversations, their parts and messages in the 2.x shapes. */
import { contactIdsOf } from '../../domain/conversation-changes.js';
import type { AuthorRef, ConversationPartRecord, ConversationRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { externalIdOf } from './contacts.js';
import { renderAppliedTag } from './workspace.js';

/** Who wrote a part: `admin`, `bot`, `user` or `lead`, with their name and email when known. */
function renderAuthor(store: Store, author: AuthorRef): Record<string, unknown> {
  const out: Record<string, unknown> = { type: author.type, id: author.id };
  if (author.type === 'admin') {
    const admin = store.admins.get(author.id);
    if (admin !== undefined) Object.assign(out, { name: admin.name, email: admin.email });
    return out;
  }
  const person = store.users.get(author.id);
  if (person !== undefined) {
    out.type = person.role === 'user' ? 'user' : 'lead';
    out.name = person.name;
    if (person.email !== null) out.email = person.email;
  }
  return out;
}

function renderPart(store: Store, part: ConversationPartRecord, state: ConversationRecord['state']): Record<string, unknown> {
  return {
    type: 'conversation_part',
    id: part.id,
    part_type: part.part_type,
    body: part.body,
    created_at: part.created_at,
    updated_at: part.updated_at,
    notified_at: part.notified_at,
    assigned_to: part.assigned_to === null ? null : { type: part.assigned_to.type, id: part.assigned_to.id },
    author: renderAuthor(store, part.author),
    attachments: part.attachments.map((a) => ({ ...a })),
    external_id: null,
    redacted: part.redacted === true,
    state,
  };
}

/** The tickets made from a conversation, as its `linked_objects`. */
function linkedTicketsOf(store: Store, c: ConversationRecord): Record<string, unknown> {
  const data: Record<string, unknown>[] = [];
  for (const ticket of store.tickets.values()) {
    if (ticket.conversation_id === c.id) data.push({ type: 'ticket', id: ticket.id, category: ticket.category });
  }
  return { type: 'list', total_count: data.length, has_more: false, data };
}

/** The wire form of a conversation; with `parts`, its conversation parts too (a find does, a list does not). */
export function renderConversation(store: Store, c: ConversationRecord, parts: boolean): Record<string, unknown> {
  const tags = c.tag_ids.flatMap((id) => {
    const tag = store.tags.get(id);
    return tag === undefined ? [] : [renderAppliedTag(tag)];
  });
  const contacts = contactIdsOf(c).map((id) => {
    const person = store.users.get(id);
    return { type: 'contact', id, external_id: person === undefined ? null : externalIdOf(person) };
  });
  const teammates = new Set<string>();
  for (const part of c.parts) if (part.author.type === 'admin') teammates.add(part.author.id);
  const out: Record<string, unknown> = {
    type: 'conversation',
    id: c.id,
    title: null,
    created_at: c.created_at,
    updated_at: c.updated_at,
    waiting_since: c.waiting_since,
    snoozed_until: c.snoozed_until,
    open: c.state !== 'closed',
    state: c.state,
    read: c.read,
    priority: 'none',
    tags: { type: 'tag.list', tags },
    source: {
      type: 'conversation',
      id: c.message.id,
      delivered_as: c.message.delivered_as,
      subject: c.message.subject,
      body: c.message.body,
      author: renderAuthor(store, c.message.author),
      attachments: c.message.attachments.map((a) => ({ ...a })),
      url: null,
      redacted: false,
    },
    contacts: { type: 'contact.list', contacts },
    teammates: { type: 'admin.list', teammates: [...teammates].map((id) => ({ type: 'admin', id })) },
    custom_attributes: {},
    statistics: null,
    linked_objects: linkedTicketsOf(store, c),
    ai_agent_participated: false,
  };
  // The description types both as integers: an unassigned conversation leaves them out.
  if (c.assignee.type === 'admin') out.admin_assignee_id = Number(c.assignee.id);
  if (c.assignee.type === 'team') out.team_assignee_id = Number(c.assignee.id);
  if (parts) {
    out.conversation_parts = {
      type: 'conversation_part.list',
      conversation_parts: c.parts.map((part) => renderPart(store, part, c.state)),
      total_count: c.parts.length,
    };
  }
  return out;
}

/** The message that started a conversation, as `POST /conversations` answers it. */
export function renderStartMessage(c: ConversationRecord): Record<string, unknown> {
  return {
    type: 'user_message',
    id: c.message.id,
    created_at: c.created_at,
    body: c.message.body,
    message_type: 'inapp',
    conversation_id: c.id,
  };
}
