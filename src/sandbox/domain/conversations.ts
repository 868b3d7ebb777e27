/**
 * Conversations: started by a message, answered by customers and admins (comments, notes, state
 * changes, assignments), snoozed until a time, handed over when a lead merges into a user.
 */

import { DomainError, notFound } from './errors.js';
import type { AdminReplyKind } from './event-sink.js';
import {
  type AssigneeRef,
  type AttachmentRecord,
  type AuthorRef,
  type ConversationPartRecord,
  type ConversationRecord,
  nowSeconds,
  type UserRecord,
} from './records.js';
import type { Store } from './store.js';

/** Nobody: an unassigned conversation. */
export const NOBODY: AssigneeRef = Object.freeze({ type: 'nobody_admin', id: null });

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Bodies are stored as HTML. Admins may send HTML, which is kept; plain text (always, for customers) is
 * escaped and wrapped in `<p>`.
 */
export function toHtml(text: string, allowHtml: boolean): string {
  if (allowHtml && /<[a-z][^>]*>/i.test(text)) return text;
  return `<p>${escapeHtml(text)}</p>`;
}

/**
 * `user` for users, `lead` for leads (and visitors) in conversation references, from the live record
 * (a lead converted in place shows as a user); `fallback` when the record is gone.
 */
export function customerRef(store: Store, id: string, fallback: AuthorRef['type'] = 'user'): AuthorRef {
  const record = store.users.get(id);
  if (record === undefined) return { type: fallback, id };
  return { type: record.role === 'user' ? 'user' : 'lead', id };
}

/** A lead merged into a user hands over its conversations, and what it wrote in them, to the user. */
export function reassignConversations(store: Store, fromId: string, toId: string): void {
  for (const c of store.conversations.values()) {
    if (c.customer_id !== fromId) continue;
    c.customer_id = toId;
    const authors = [c.message, ...c.parts];
    for (const item of authors)
      if (item.author.type !== 'admin' && item.author.id === fromId) item.author = { type: 'user', id: toId };
  }
}

/** Wakes snoozed conversations whose time has come: they are open again. */
export function wakeSnoozed(store: Store, now = nowSeconds()): void {
  for (const c of store.conversations.values()) {
    if (c.state === 'snoozed' && c.snoozed_until !== null && c.snoozed_until <= now) {
      c.updated_at = c.snoozed_until;
      c.state = 'open';
      c.snoozed_until = null;
    }
  }
}

/** The conversation with this id, or a not-found error. */
export function conversationById(store: Store, id: string): ConversationRecord {
  const c = store.conversations.get(id);
  if (c === undefined) throw notFound('Conversation Not Found');
  return c;
}

/** Ids come from one sequence: the latest part's (or the message's) id orders activity within a second. */
const lastActivity = (c: ConversationRecord): number => Number(c.parts.at(-1)?.id ?? c.message.id);

/** The customer's most recently updated conversation. */
export function lastConversationOf(store: Store, customerId: string): ConversationRecord {
  let last: ConversationRecord | undefined;
  for (const c of store.conversations.values()) {
    if (c.customer_id !== customerId) continue;
    if (last === undefined || (c.updated_at - last.updated_at || lastActivity(c) - lastActivity(last)) > 0) last = c;
  }
  if (last === undefined) throw notFound('Conversation Not Found');
  return last;
}

/** Fields of a new conversation started by a message. */
export interface NewConversation {
  customer: UserRecord;
  author: AuthorRef;
  messageId: string;
  subject: string;
  /** HTML. */
  body: string;
  deliveredAs: ConversationRecord['message']['delivered_as'];
}

/**
 * Starts a conversation with a message. A customer's message waits for an answer and counts as read
 * by them; an admin's message is unread by the customer and waits on nobody. Both start open and
 * unassigned. Publishes `conversation.started`.
 */
export function startConversation(store: Store, fields: NewConversation): ConversationRecord {
  const now = nowSeconds();
  const fromCustomer = fields.author.type === 'user' || fields.author.type === 'lead';
  const record: ConversationRecord = {
    id: store.nextId(),
    created_at: now,
    updated_at: now,
    waiting_since: fromCustomer ? now : null,
    snoozed_until: null,
    state: 'open',
    read: fromCustomer,
    assignee: { ...NOBODY },
    customer_id: fields.customer.id,
    message: {
      id: fields.messageId,
      subject: fields.subject,
      body: fields.body,
      author: fields.author,
      attachments: [],
      delivered_as: fields.deliveredAs,
    },
    parts: [],
    tag_ids: [],
  };
  store.addConversation(record);
  store.sink.publish({ type: 'conversation.started', conversation: record, by: fromCustomer ? 'customer' : 'admin' });
  return record;
}

function newPart(
  store: Store,
  partType: string,
  author: AuthorRef,
  body: string | null,
  attachments: AttachmentRecord[],
  assignedTo: AssigneeRef | null = null,
): ConversationPartRecord {
  const now = nowSeconds();
  return {
    id: store.nextId(),
    part_type: partType,
    body,
    created_at: now,
    updated_at: now,
    notified_at: now,
    assigned_to: assignedTo,
    author,
    attachments,
  };
}

/** A customer's reply: text (plain) and attachments. */
export interface CustomerReply {
  text?: string | undefined;
  attachments: AttachmentRecord[];
}

/** The customer answers: the conversation reopens (snoozed or closed) and waits for an admin. */
export function addCustomerReply(store: Store, c: ConversationRecord, reply: CustomerReply): void {
  const now = nowSeconds();
  const { text, attachments } = reply;
  if ((text === undefined || text === '') && attachments.length === 0) {
    throw new DomainError('invalid', 'body is a required parameter', { field: 'body', reason: 'missing' });
  }
  c.parts.push(newPart(store, 'comment', customerRef(store, c.customer_id), text ? toHtml(text, false) : null, attachments));
  c.state = 'open';
  c.snoozed_until = null;
  c.waiting_since ??= now;
  c.read = true;
  c.updated_at = now;
  store.sink.publish({ type: 'conversation.customer_replied', conversation: c });
}

/** An admin's reply of one kind; `snoozedUntil` for `snoozed`, `assignee` for `assignment`. */
export interface AdminReply {
  adminId: string;
  kind: AdminReplyKind;
  /** HTML or plain text. */
  text?: string | undefined;
  attachments: AttachmentRecord[];
  snoozedUntil?: number | undefined;
  assignee?: AssigneeRef | undefined;
}

/** The admin or team `id` names, or nobody for `"0"`; an unknown id is not found. */
export function assigneeById(store: Store, id: string): AssigneeRef {
  if (id === '0') return { ...NOBODY };
  if (store.admins.has(id)) return { type: 'admin', id };
  if (store.teams.has(id)) return { type: 'team', id };
  throw notFound('No admin or team has this id', { field: 'assignee_id', reason: 'admin_not_found' });
}

/**
 * An admin answers, notes, opens, closes, snoozes or assigns. Whatever the customer can see answers
 * them: they no longer wait, and have something unread.
 */
export function addAdminReply(store: Store, c: ConversationRecord, reply: AdminReply): void {
  const now = nowSeconds();
  const { kind, adminId, text, attachments } = reply;
  const hasText = text !== undefined && text !== '';
  if ((kind === 'comment' && !hasText && attachments.length === 0) || (kind === 'note' && !hasText)) {
    throw new DomainError('invalid', 'body is a required parameter', { field: 'body', reason: 'missing' });
  }
  const wasSnoozed = c.state === 'snoozed';
  const author: AuthorRef = { type: 'admin', id: adminId };
  c.parts.push(newPart(store, kind, author, hasText ? toHtml(text, true) : null, attachments, reply.assignee ?? null));
  switch (kind) {
    case 'comment':
      // Anyone but the assignee answering a snoozed conversation wakes it up.
      if (c.state === 'snoozed' && !(c.assignee.type === 'admin' && c.assignee.id === adminId)) {
        c.state = 'open';
        c.snoozed_until = null;
      }
      break;
    case 'open':
      c.state = 'open';
      c.snoozed_until = null;
      break;
    case 'close':
      c.state = 'closed';
      c.snoozed_until = null;
      break;
    case 'snoozed':
      c.state = 'snoozed';
      c.snoozed_until = reply.snoozedUntil ?? null;
      break;
    case 'assignment':
      c.assignee = reply.assignee ?? { ...NOBODY };
      break;
    case 'note':
      break;
  }
  if (kind !== 'note' && (hasText || attachments.length > 0)) {
    c.waiting_since = null;
    c.read = false;
  }
  c.updated_at = now;
  store.sink.publish({ type: 'conversation.admin_replied', conversation: c, kind, wasSnoozed });
}
