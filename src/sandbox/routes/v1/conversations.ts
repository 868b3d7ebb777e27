/**
 * Conversations (API 1.x): list with admin and user filters, fetch with parts, reply (user or admin;
 * comment, note, open, close, snoozed, assignment), reply to a user's last conversation, mark read.
 */
import { ApiError, invalid, missing, notFound } from '../../api-error.js';
import {
  addAdminReply,
  addCustomerReply,
  assigneeById,
  conversationById,
  lastConversationOf,
  wakeSnoozed,
} from '../../domain/conversations.js';
import { ADMIN_REPLY_KINDS, type AdminReplyKind } from '../../domain/event-sink.js';
import { findPerson } from '../../domain/people.js';
import type { AttachmentRecord, UserRecord } from '../../domain/records.js';
import { nowSeconds } from '../../domain/records.js';
import type { Store } from '../../domain/store.js';
import { pagedList } from '../../pages.js';
import { renderConversation } from '../../renderers/v1/conversations.js';
import {
  type Body,
  bodyObject,
  optionalBoolean,
  optionalIdentifier,
  optionalString,
  optionalTimestamp,
} from '../../requests/v1/payload.js';
import { readNamedIdentifier } from '../../requests/v1/people.js';
import type { RouteContext, RouteResult, Router } from '../../router.js';

/** Attachments per reply. */
const MAX_ATTACHMENTS = 10;

const USER_FIELDS = [
  ['intercom_user_id', 'id'],
  ['user_id', 'user_id'],
  ['email', 'email'],
] as const;

/**
 * The user a reply or list names by `intercom_user_id` (any user or lead), `user_id` or `email` (users).
 * Missing: 400; unknown: 404 `User Not Found`.
 */
function requireCustomer(store: Store, body: Body): UserRecord {
  const named = readNamedIdentifier(body, USER_FIELDS);
  if (named === undefined) throw missing('intercom_user_id', 'One of intercom_user_id, user_id or email is required');
  const roles: UserRecord['role'][] = named.key === 'id' ? ['user', 'contact', 'visitor'] : ['user'];
  const record = findPerson(store, roles, named.key, named.value);
  if (record === undefined) throw notFound('User Not Found');
  return record;
}

/** The admin named by `admin_id`; unknown: 404 `admin_not_found` (as notes answer it). */
function requireAdmin(store: Store, id: string | undefined, field: string): string {
  if (id === undefined || id === '') throw missing(field);
  if (!store.admins.has(id)) throw new ApiError(404, 'admin_not_found', 'Admin Not Found', field);
  return id;
}

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
};

/** `attachment_urls`: at most 10 http(s) URLs. */
function readAttachments(body: Body): AttachmentRecord[] {
  const value = body.attachment_urls;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalid('attachment_urls must be an array of URLs', 'attachment_urls');
  if (value.length > MAX_ATTACHMENTS) {
    throw invalid(`attachment_urls may hold at most ${MAX_ATTACHMENTS} URLs`, 'attachment_urls');
  }
  return value.map((item, i) => {
    let url: URL | undefined;
    try {
      url = typeof item === 'string' ? new URL(item) : undefined;
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      throw invalid(`attachment_urls[${i}] must be an http(s) URL`, `attachment_urls[${i}]`);
    }
    const name = decodeURIComponent(url.pathname.split('/').pop() ?? '') || 'attachment';
    const extension = name.includes('.') ? (name.split('.').pop() ?? '').toLowerCase() : '';
    return { type: 'upload', name, url: url.href, content_type: CONTENT_TYPES[extension] ?? 'application/octet-stream' };
  });
}

/**
 * Reads and checks a reply, then applies it. `target` is a conversation id, or `last` for the named
 * user's most recent conversation. Nothing changes unless every check passed.
 */
function reply(ctx: RouteContext, target: string | 'last'): RouteResult {
  const { store } = ctx;
  const body = bodyObject(ctx.body);
  wakeSnoozed(store);
  let conversation = target === 'last' ? undefined : conversationById(store, target);
  const type = optionalString(body, 'type');
  if (type === undefined || type === null) throw missing('type');
  if (type !== 'user' && type !== 'admin') throw invalid("type must be 'user' or 'admin'", 'type');
  const messageType = optionalString(body, 'message_type');
  if (messageType === undefined || messageType === null) throw missing('message_type');
  const text = optionalString(body, 'body') ?? undefined;
  const attachments = readAttachments(body);
  if (conversation === undefined) conversation = lastConversationOf(store, requireCustomer(store, body).id);
  const c = conversation;

  if (type === 'user') {
    if (messageType !== 'comment') throw invalid("message_type must be 'comment' for a user reply", 'message_type');
    const customer = target === 'last' ? undefined : requireCustomer(store, body);
    if (customer !== undefined && customer.id !== c.customer_id) {
      throw invalid('The user is not a participant of this conversation', 'intercom_user_id');
    }
    addCustomerReply(store, c, { text, attachments });
    return { status: 200, body: renderConversation(ctx, c, true) };
  }

  const adminId = requireAdmin(store, optionalIdentifier(body, 'admin_id'), 'admin_id');
  if (!(ADMIN_REPLY_KINDS as readonly string[]).includes(messageType)) {
    throw invalid(`message_type must be one of ${ADMIN_REPLY_KINDS.join(', ')}`, 'message_type');
  }
  const kind = messageType as AdminReplyKind;
  const hasText = text !== undefined && text !== '';
  if ((kind === 'comment' && !hasText && attachments.length === 0) || (kind === 'note' && !hasText)) throw missing('body');
  let snoozedUntil: number | undefined;
  if (kind === 'snoozed') {
    const until = optionalTimestamp(body, 'snoozed_until');
    if (until === undefined || until === null) throw missing('snoozed_until');
    if (until <= nowSeconds()) throw invalid('snoozed_until must be in the future', 'snoozed_until');
    snoozedUntil = until;
  }
  let assignee: ReturnType<typeof assigneeById> | undefined;
  if (kind === 'assignment') {
    const id = optionalIdentifier(body, 'assignee_id');
    if (id === undefined || id === '') throw missing('assignee_id');
    assignee = assigneeById(store, id);
  }
  addAdminReply(store, c, { adminId, kind, text, attachments, snoozedUntil, assignee });
  return { status: 200, body: renderConversation(ctx, c, true) };
}

// Lists

const SORTS = new Set(['created_at', 'updated_at', 'waiting_since']);

function booleanQuery(query: URLSearchParams, name: string): boolean | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (raw !== 'true' && raw !== 'false') throw invalid(`${name} must be true or false`, name);
  return raw === 'true';
}

function listConversations(ctx: RouteContext): RouteResult {
  const { store, query } = ctx;
  wakeSnoozed(store);
  let items = [...store.conversations.values()];
  const type = query.get('type');
  if (type === 'admin') {
    // The gem sends `id`; Intercom documents `admin_id`. `0` or `nobody` is the unassigned inbox.
    const adminId = query.get('admin_id') ?? query.get('id');
    if (adminId === null || adminId === '') throw missing('admin_id');
    items =
      adminId === '0' || adminId === 'nobody'
        ? items.filter((c) => c.assignee.type === 'nobody_admin')
        : items.filter((c) => c.assignee.id === adminId);
    const open = booleanQuery(query, 'open');
    if (open !== undefined) items = items.filter((c) => (c.state === 'open') === open);
    const before = query.get('before');
    if (before !== null && before !== '') {
      if (!/^\d+$/.test(before)) throw invalid('before must be a Unix timestamp in seconds', 'before');
      items = items.filter((c) => c.updated_at < Number(before));
    }
  } else if (type === 'user') {
    const named = readNamedIdentifier(Object.fromEntries(query), USER_FIELDS);
    if (named === undefined) throw missing('intercom_user_id', 'One of intercom_user_id, user_id or email is required');
    let customers: UserRecord[];
    if (named.key === 'email') {
      customers = store.usersByEmail(named.value, 'user');
    } else {
      const roles: UserRecord['role'][] = named.key === 'id' ? ['user', 'contact', 'visitor'] : ['user'];
      const record = findPerson(store, roles, named.key, named.value);
      customers = record === undefined ? [] : [record];
    }
    if (customers.length === 0) throw notFound('User Not Found');
    const ids = new Set(customers.map((r) => r.id));
    items = items.filter((c) => ids.has(c.customer_id));
    // `unread=false` lists read and unread alike.
    if (booleanQuery(query, 'unread') === true) items = items.filter((c) => !c.read);
  } else if (type !== null) {
    throw invalid("type must be 'admin' or 'user'", 'type');
  }
  const sort = query.get('sort') ?? 'updated_at';
  if (!SORTS.has(sort)) throw invalid(`sort must be one of ${[...SORTS].join(', ')}`, 'sort');
  const order = query.get('order') ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid('order must be asc or desc', 'order');
  const key = sort as 'created_at' | 'updated_at' | 'waiting_since';
  items.sort((a, b) => {
    const d = (a[key] ?? 0) - (b[key] ?? 0) || Number(a.id) - Number(b.id);
    return order === 'asc' ? d : -d;
  });
  const body = pagedList(
    ctx,
    items,
    { path: '/conversations', type: 'conversation.list', key: 'conversations', defaultPerPage: 20, maxPerPage: 60 },
    (c) => renderConversation(ctx, c, false),
  );
  return { status: 200, body };
}

/** Registers `/conversations`, `/conversations/{id}`, `/conversations/{id}/reply` and `/conversations/last/reply`. */
export function conversationRoutes(router: Router): void {
  router.add('GET', '/conversations', listConversations);

  router.add('GET', '/conversations/:id', (ctx) => {
    wakeSnoozed(ctx.store);
    const c = conversationById(ctx.store, ctx.params.id as string);
    return { status: 200, body: renderConversation(ctx, c, true) };
  });

  router.add('PUT', '/conversations/:id', (ctx) => {
    wakeSnoozed(ctx.store);
    const c = conversationById(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const read = optionalBoolean(body, 'read');
    if (read === undefined) throw missing('read');
    c.read = read;
    return { status: 200, body: renderConversation(ctx, c, true) };
  });

  router.add('POST', '/conversations/last/reply', (ctx) => reply(ctx, 'last'));
  router.add('POST', '/conversations/:id/reply', (ctx) => reply(ctx, ctx.params.id as string));
}
