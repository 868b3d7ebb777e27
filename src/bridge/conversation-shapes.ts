/**
 * 2.x conversations and messages rendered as the bodies API 1.x answered (the `conversation` of
 * `GET /conversations/{id}`, the items of `conversation.list`, `admin_message`, `user_message`), so the
 * 1.x resources build the same models from them.
 *
 * What 2.x no longer gives, and what the 1.x body then holds:
 * - the customer's type: 2.x lists `contacts` (`type: contact`); the 1.x `user`/`customers` type
 *   (`user` or `lead`) comes from the authors of the message and parts, else from the caller
 *   (`customerTypes`), else `user`;
 * - `assignee`: from `admin_assignee_id`, else `team_assignee_id` (2.x may hold both: the admin wins),
 *   else `nobody_admin`;
 * - `open`: true only when `state` is `open` (2.x says `open` for snoozed ones too);
 * - `conversation_message`: from `source`; `sent_at` is `created_at`; `customer_first_reply` is
 *   worked out from the authors on a fetched conversation, and left out of list items.
 *
 * @module
 */
import type { JsonObject } from '../core/models.js';
import { arrayOf, objectOf } from './v2-sends.js';

/** The 1.x type of a customer: `user` or `lead`. */
export type CustomerType = 'user' | 'lead';

const PART_FIELDS = ['created_at', 'updated_at', 'notified_at'] as const;

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;

/** A 2.x author (`user`, `lead`, `admin`, `bot`, `team`...) as 1.x wrote it. */
function author(raw: unknown): JsonObject {
  const source = objectOf(raw);
  const out: JsonObject = { type: source.type === 'contact' ? 'user' : source.type, id: str(source.id) ?? null };
  if (typeof source.name === 'string') out.name = source.name;
  if (typeof source.email === 'string' && source.email !== '') out.email = source.email;
  return out;
}

const attachments = (raw: unknown): JsonObject[] => (Array.isArray(raw) ? raw.map((a) => ({ ...objectOf(a) })) : []);

/** The 1.x assignee of a 2.x conversation. */
function assignee(conversation: JsonObject): JsonObject {
  const admin = str(conversation.admin_assignee_id);
  if (admin !== undefined && admin !== '0') return { type: 'admin', id: admin };
  const team = str(conversation.team_assignee_id);
  if (team !== undefined && team !== '0') return { type: 'team', id: team };
  return { type: 'nobody_admin', id: null };
}

/** The parts of a fetched 2.x conversation, in order. */
export function partsOf(conversation: JsonObject): JsonObject[] {
  return arrayOf(conversation.conversation_parts, 'conversation_parts');
}

/** The ids of a 2.x conversation's contacts, in order. */
export function contactIdsOf(conversation: JsonObject): string[] {
  return arrayOf(conversation.contacts, 'contacts').flatMap((c) => str(c.id) ?? []);
}

/** What the authors of the message and parts say a contact is (`user` or `lead`), when they say. */
export function authorTypeOf(conversation: JsonObject, contactId: string): CustomerType | undefined {
  for (const item of [objectOf(conversation.source), ...partsOf(conversation)]) {
    const by = objectOf(item.author);
    if (str(by.id) === contactId && (by.type === 'user' || by.type === 'lead')) return by.type;
  }
  return undefined;
}

function renderPart(part: JsonObject): JsonObject {
  const assigned = part.assigned_to === null || part.assigned_to === undefined ? null : objectOf(part.assigned_to);
  const out: JsonObject = {
    type: 'conversation_part',
    id: str(part.id) ?? null,
    part_type: part.part_type,
    body: typeof part.body === 'string' ? part.body : null,
  };
  for (const field of PART_FIELDS) out[field] = part[field] ?? null;
  out.assigned_to = assigned === null ? null : { type: assigned.type, id: str(assigned.id) ?? null };
  out.author = author(part.author);
  out.attachments = attachments(part.attachments);
  out.external_id = part.external_id ?? null;
  return out;
}

/** When the customer first wrote: the message when they started it, else their first part. */
function customerFirstReply(conversation: JsonObject, parts: JsonObject[]): JsonObject | null {
  const isCustomer = (item: JsonObject): boolean => {
    const type = objectOf(item.author).type;
    return type === 'user' || type === 'lead' || type === 'contact';
  };
  const source = objectOf(conversation.source);
  const at = isCustomer(source) ? conversation.created_at : parts.find(isCustomer)?.created_at;
  return at === undefined ? null : { created_at: at, type: 'conversation', url: null };
}

/**
 * The 1.x body of a 2.x conversation: with `full` (a fetch) its parts, tags and rating too, as
 * `GET /conversations/{id}` answered; without, a list item. `customerTypes` gives the type of contacts
 * the authors do not name.
 */
export function conversationTo1x(
  conversation: JsonObject,
  full: boolean,
  customerTypes: ReadonlyMap<string, CustomerType> = new Map(),
): JsonObject {
  const customers = contactIdsOf(conversation).map((id) => ({
    type: authorTypeOf(conversation, id) ?? customerTypes.get(id) ?? 'user',
    id,
  }));
  const source = objectOf(conversation.source);
  const state = conversation.state;
  const out: JsonObject = {
    type: 'conversation',
    id: str(conversation.id) ?? null,
    created_at: conversation.created_at,
    updated_at: conversation.updated_at,
    waiting_since: conversation.waiting_since ?? null,
    snoozed_until: conversation.snoozed_until ?? null,
    sent_at: conversation.created_at,
    open: state === 'open',
    state,
    read: conversation.read === true,
    assignee: assignee(conversation),
    user: customers[0] === undefined ? null : { ...customers[0] },
    customers,
    conversation_message: {
      type: 'conversation',
      id: str(source.id) ?? null,
      subject: typeof source.subject === 'string' ? source.subject : null,
      body: typeof source.body === 'string' ? source.body : null,
      author: author(source.author),
      attachments: attachments(source.attachments),
      url: source.url ?? null,
      delivered_as: source.delivered_as,
    },
  };
  if (!full) return out;
  const parts = partsOf(conversation);
  out.customer_first_reply = customerFirstReply(conversation, parts);
  const rendered = parts.map(renderPart);
  out.conversation_parts = { type: 'conversation_part.list', conversation_parts: rendered, total_count: rendered.length };
  const tags = arrayOf(conversation.tags, 'tags').map((tag) => ({ type: 'tag', id: str(tag.id) ?? null, name: tag.name }));
  out.tags = { type: 'tag.list', tags };
  out.conversation_rating = conversation.conversation_rating ?? null;
  return out;
}

/** The 1.x `admin_message` of a 2.x `POST /messages` answer; `messageType` and `template` as the caller gave them. */
export function adminMessageTo1x(
  answer: unknown,
  adminId: string,
  messageType: 'inapp' | 'email',
  template: unknown,
): JsonObject {
  const message = objectOf(answer);
  const out: JsonObject = {
    type: 'admin_message',
    id: str(message.id) ?? null,
    created_at: message.created_at,
    message_type: messageType,
  };
  if (messageType === 'email') out.subject = message.subject ?? '';
  out.body = message.body;
  if (messageType === 'email') out.template = template ?? 'plain';
  out.owner = { type: 'admin', id: adminId };
  return out;
}

/** The 1.x `user_message` of a 2.x `POST /conversations` answer. */
export function userMessageTo1x(answer: unknown): JsonObject {
  const message = objectOf(answer);
  return {
    type: 'user_message',
    id: str(message.id) ?? null,
    created_at: message.created_at,
    body: message.body,
    message_type: 'inapp',
  };
}
