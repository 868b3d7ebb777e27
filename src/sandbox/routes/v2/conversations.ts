/**
 * 2.x conversations: start one as a contact, find it with its parts, list (cursor), search, reply as
 * an admin or a contact, manage (close, open, snooze, assign), attach and detach contacts, convert
 * to a ticket (a ticket of the ticket store), redact a part, delete.
 */
import { ApiError } from '../../api-error.js';
import {
  attachContact,
  convertToTicket,
  deleteConversation,
  detachContact,
  redactPart,
} from '../../domain/conversation-changes.js';
import { conversationMatches } from '../../domain/conversation-search.js';
import {
  type AdminReply,
  addAdminReply,
  addCustomerReply,
  assigneeById,
  conversationById,
  lastConversationOf,
  startConversation,
  toHtml,
  wakeSnoozed,
} from '../../domain/conversations.js';
import type { AdminReplyKind } from '../../domain/event-sink.js';
import type { ConversationRecord, UserRecord } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { renderConversation, renderStartMessage } from '../../renderers/v2/conversations.js';
import { resourceNotFound } from '../../renderers/v2/error-list.js';
import { renderTicket } from '../../renderers/v2/tickets.js';
import { type Body, bodyObject, optionalAttributes, optionalIdentifier, optionalString } from '../../requests/v1/payload.js';
import { requiredId } from '../../requests/v2/body-fields.js';
import { contactById } from '../../requests/v2/contact-lookup.js';
import { CHANGE_KINDS, REPLY_KINDS, readAdminPart } from '../../requests/v2/conversation-parts.js';
import { readConversationQuery } from '../../requests/v2/conversation-query.js';
import { cursorPage } from '../../requests/v2/cursor-list.js';
import { readTicketAttributes } from '../../requests/v2/ticket-fields.js';
import type { RouteContext, Router } from '../../router.js';

const required = (field: string): ApiError => new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);

/** The admin a body names in `admin_id`; unknown admins are not found. */
function adminOf(store: Store, body: Body): string {
  const adminId = requiredId(body, 'admin_id');
  if (!store.admins.has(adminId)) throw new ApiError(404, 'admin_not_found', 'Admin Not Found');
  return adminId;
}

/** The contact a reply or attachment names by `intercom_user_id`, `user_id` or `email`. */
function namedContact(store: Store, body: Body): UserRecord {
  const intercomUserId = optionalIdentifier(body, 'intercom_user_id');
  if (intercomUserId !== undefined) return contactById(store, intercomUserId);
  const userId = optionalIdentifier(body, 'user_id');
  if (userId !== undefined) {
    const record = store.userByUserId(userId, 'user');
    if (record === undefined) throw resourceNotFound('User');
    return record;
  }
  const email = optionalString(body, 'email');
  if (typeof email === 'string') {
    const record = store.usersByEmail(email, 'user')[0] ?? store.usersByEmail(email, 'contact')[0];
    if (record === undefined) throw resourceNotFound('User');
    return record;
  }
  throw new ApiError(400, 'parameter_not_found', 'One of intercom_user_id, user_id or email is required');
}

/** The conversation a path names; `last` is the named contact's latest one. */
function conversationFor(store: Store, id: string, body: Body): ConversationRecord {
  if (id === 'last') return lastConversationOf(store, namedContact(store, body).id);
  return conversationById(store, id);
}

/** An admin's part: a reply (`comment`, `note`, `quick_reply`) or a change (`close`, `open`, `snoozed`, `assignment`). */
function adminPart(store: Store, body: Body, kinds: readonly string[]): AdminReply {
  const fields = readAdminPart(body, kinds);
  if (!store.admins.has(fields.adminId)) throw new ApiError(404, 'admin_not_found', 'Admin Not Found');
  const reply: AdminReply = {
    adminId: fields.adminId,
    kind: (fields.messageType === 'quick_reply' ? 'comment' : fields.messageType) as AdminReplyKind,
    text: optionalString(body, 'body') ?? undefined,
    attachments: [],
  };
  if (fields.snoozedUntil !== undefined) reply.snoozedUntil = fields.snoozedUntil;
  if (fields.assigneeId !== undefined) reply.assignee = assigneeById(store, fields.assigneeId);
  return reply;
}

/** Registers the `/conversations` routes. */
export function conversationRoutes(router: Router): void {
  router.add('POST', '/conversations', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const from = body.from;
    if (typeof from !== 'object' || from === null || Array.isArray(from)) throw required('from');
    const fromBody = from as Body;
    const type = optionalString(fromBody, 'type');
    if (type !== 'user' && type !== 'lead' && type !== 'contact') {
      throw new ApiError(400, 'parameter_invalid', "from.type must be 'user', 'lead' or 'contact'");
    }
    const text = optionalString(body, 'body');
    if (text === undefined || text === null || text === '') throw required('body');
    const contact = contactById(store, requiredId(fromBody, 'id'));
    const conversation = startConversation(store, {
      customer: contact,
      author: { type: contact.role === 'user' ? 'user' : 'lead', id: contact.id },
      messageId: store.nextId(),
      subject: optionalString(body, 'subject') ?? '',
      body: toHtml(text, false),
      deliveredAs: 'customer_initiated',
    });
    return { status: 200, body: renderStartMessage(conversation) };
  });

  router.add('GET', '/conversations', (ctx: RouteContext) => {
    wakeSnoozed(ctx.store);
    const all = [...ctx.store.conversations.values()].sort((a, b) => b.updated_at - a.updated_at || Number(b.id) - Number(a.id));
    const { slice, pages, totalCount } = cursorPage(ctx, all, { defaultPerPage: 20, maxPerPage: 150 });
    return {
      status: 200,
      body: {
        type: 'conversation.list',
        conversations: slice.map((c) => renderConversation(ctx.store, c, false)),
        total_count: totalCount,
        pages,
      },
    };
  });

  router.add('POST', '/conversations/search', (ctx: RouteContext) => {
    wakeSnoozed(ctx.store);
    const body = bodyObject(ctx.body);
    if (body.query === undefined || body.query === null) throw required('query');
    const query = readConversationQuery(body.query);
    const pagination = (typeof body.pagination === 'object' && body.pagination !== null ? body.pagination : {}) as Body;
    const search = new URLSearchParams();
    if (pagination.per_page !== undefined && pagination.per_page !== null) search.set('per_page', String(pagination.per_page));
    if (typeof pagination.starting_after === 'string') search.set('starting_after', pagination.starting_after);
    const found = [...ctx.store.conversations.values()]
      .filter((c) => conversationMatches(query, c))
      .sort((a, b) => b.created_at - a.created_at || Number(b.id) - Number(a.id));
    const { slice, pages, totalCount } = cursorPage({ ...ctx, query: search }, found, { defaultPerPage: 20, maxPerPage: 150 });
    return {
      status: 200,
      body: {
        type: 'conversation.list',
        conversations: slice.map((c) => renderConversation(ctx.store, c, false)),
        total_count: totalCount,
        pages,
      },
    };
  });

  router.add('POST', '/conversations/redact', (ctx: RouteContext) => {
    const body = bodyObject(ctx.body);
    const type = optionalString(body, 'type');
    if (type !== 'conversation_part' && type !== 'source') {
      throw new ApiError(400, 'parameter_invalid', "type must be 'conversation_part' or 'source'");
    }
    const conversationId = requiredId(body, 'conversation_id');
    const partId = requiredId(body, type === 'source' ? 'source_id' : 'conversation_part_id');
    const conversation = redactPart(ctx.store, conversationId, partId, type === 'source');
    return { status: 200, body: renderConversation(ctx.store, conversation, true) };
  });

  router.add('GET', '/conversations/:id', (ctx: RouteContext) => {
    wakeSnoozed(ctx.store);
    return { status: 200, body: renderConversation(ctx.store, conversationById(ctx.store, ctx.params.id as string), true) };
  });

  router.add('PUT', '/conversations/:id', (ctx: RouteContext) => {
    const conversation = conversationById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    if (body.read !== undefined) {
      if (typeof body.read !== 'boolean') throw new ApiError(400, 'parameter_invalid', 'read must be a boolean');
      conversation.read = body.read;
    }
    optionalAttributes(body);
    return { status: 200, body: renderConversation(ctx.store, conversation, true) };
  });

  router.add('DELETE', '/conversations/:id', (ctx: RouteContext) => {
    const id = ctx.params.id as string;
    deleteConversation(ctx.store, id);
    return { status: 200, body: { id, object: 'conversation', deleted: true } };
  });

  router.add('POST', '/conversations/:id/reply', (ctx: RouteContext) => {
    const { store } = ctx;
    const body = bodyObject(ctx.body);
    const type = optionalString(body, 'type');
    if (type === undefined || type === null) throw required('type');
    if (type === 'admin') {
      const conversation = conversationFor(store, ctx.params.id as string, body);
      addAdminReply(store, conversation, adminPart(store, body, REPLY_KINDS));
      return { status: 200, body: renderConversation(store, conversation, true) };
    }
    if (type !== 'user') throw new ApiError(400, 'parameter_invalid', "type must be 'admin' or 'user'");
    const messageType = optionalString(body, 'message_type');
    if (messageType !== 'comment') throw new ApiError(400, 'parameter_invalid', "message_type must be 'comment'");
    const conversation = conversationFor(store, ctx.params.id as string, body);
    const contact = namedContact(store, body);
    if (!(conversation.extra_contact_ids ?? []).includes(contact.id) && conversation.customer_id !== contact.id) {
      throw resourceNotFound('Conversation');
    }
    addCustomerReply(store, conversation, { text: optionalString(body, 'body') ?? undefined, attachments: [] });
    return { status: 200, body: renderConversation(store, conversation, true) };
  });

  router.add('POST', '/conversations/:id/parts', (ctx: RouteContext) => {
    const { store } = ctx;
    const conversation = conversationById(store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    addAdminReply(store, conversation, adminPart(store, body, CHANGE_KINDS));
    return { status: 200, body: renderConversation(store, conversation, true) };
  });

  router.add('POST', '/conversations/:id/customers', (ctx: RouteContext) => {
    const { store } = ctx;
    const conversation = conversationById(store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    adminOf(store, body);
    const customer = body.customer;
    if (typeof customer !== 'object' || customer === null || Array.isArray(customer)) throw required('customer');
    attachContact(conversation, namedContact(store, customer as Body));
    return { status: 200, body: renderConversation(store, conversation, true) };
  });

  router.add('DELETE', '/conversations/:id/customers/:contact_id', (ctx: RouteContext) => {
    const { store } = ctx;
    const conversation = conversationById(store, ctx.params.id as string);
    adminOf(store, bodyObject(ctx.body));
    detachContact(conversation, ctx.params.contact_id as string);
    return { status: 200, body: renderConversation(store, conversation, true) };
  });

  router.add('POST', '/conversations/:id/convert', (ctx: RouteContext) => {
    const { store } = ctx;
    const conversation = conversationById(store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const ticketTypeId = requiredId(body, 'ticket_type_id');
    const attributes = readTicketAttributes(body, 'attributes') ?? {};
    const ticket = convertToTicket(store, conversation, ticketTypeId, attributes, { type: 'admin', id: ctx.adminId });
    return { status: 200, body: renderTicket(store, ticket) };
  });
}
