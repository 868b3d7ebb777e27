/**
 * Conversations (API 1.x): list with admin and user filters, fetch with parts, reply (user or admin;
 * comment, note, open, close, snoozed, assignment), reply to a user's last conversation, mark read.
 * `startConversation` is shared with `POST /messages`.
 */
import { ApiError, invalid, missing, notFound } from '../api-error.js';
import { pagedList } from '../pages.js';
import { type Body, bodyObject, optionalBoolean, optionalIdentifier, optionalString, optionalTimestamp } from '../payload.js';
import { type RouteContext, type RouteResult, type Router, versionAtLeast } from '../router.js';
import {
  type AssigneeRef,
  type AttachmentRecord,
  type AuthorRef,
  type ConversationPartRecord,
  type ConversationRecord,
  nowSeconds,
  type Store,
  type UserRecord,
} from '../store.js';
import { ADMIN_REPLY_TOPICS, withNewParts } from '../webhooks.js';

/** Before API 1.2 a conversation nobody waits on showed a `waiting_since` about 2,000 years ahead. */
const FAR_FUTURE = 64_060_588_800;
/** A fetch returns at most this many parts, the most recent ones. */
const MAX_PARTS = 500;
/** Attachments per reply. */
const MAX_ATTACHMENTS = 10;
const NOBODY: AssigneeRef = Object.freeze({ type: 'nobody_admin', id: null });
const ADMIN_REPLY_TYPES = ['comment', 'note', 'open', 'close', 'snoozed', 'assignment'] as const;
type AdminReplyType = (typeof ADMIN_REPLY_TYPES)[number];

// ---------------------------------------------------------------------------------------------
// Rendering

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** `display_as=plaintext`: the text of an HTML body. */
function plaintext(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (entity) => ENTITIES[entity] ?? entity)
    .trim();
}

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

/** An author as rendered: admins and bots as stored, customers as they are now. */
function renderAuthor(store: Store, author: AuthorRef): AuthorRef {
  return author.type === 'admin' || author.type === 'bot' ? { ...author } : customerRef(store, author.id, author.type);
}

/**
 * A lead merged into a user (`POST /contacts/convert`) hands over its conversations, and what it
 * wrote in them, to the user, as notes are handed over.
 */
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

function renderPart(
  store: Store,
  part: ConversationPartRecord,
  body: (html: string | null) => string | null,
): Record<string, unknown> {
  return {
    type: 'conversation_part',
    id: part.id,
    part_type: part.part_type,
    body: body(part.body),
    created_at: part.created_at,
    updated_at: part.updated_at,
    notified_at: part.notified_at,
    assigned_to: part.assigned_to === null ? null : { ...part.assigned_to },
    author: renderAuthor(store, part.author),
    attachments: part.attachments.map((a) => ({ ...a })),
    external_id: null,
  };
}

/**
 * The wire form of a conversation. Lists (`full: false`) omit `conversation_parts`, `tags` and
 * `conversation_rating`, as Intercom's do.
 */
export function renderConversation(
  store: Store,
  c: ConversationRecord,
  ctx: RouteContext,
  full: boolean,
): Record<string, unknown> {
  const plain = ctx.query.get('display_as') === 'plaintext';
  const body = (html: string | null): string | null => (html === null || !plain ? html : plaintext(html));
  const modern = versionAtLeast(ctx.version, '1.2');
  const customer = customerRef(store, c.customer_id);
  const firstReply =
    c.message.author.type === 'user' || c.message.author.type === 'lead'
      ? c.created_at
      : c.parts.find((p) => p.author.type === 'user' || p.author.type === 'lead')?.created_at;
  const out: Record<string, unknown> = {
    type: 'conversation',
    id: c.id,
    created_at: c.created_at,
    updated_at: c.updated_at,
    waiting_since: c.waiting_since ?? (modern ? null : FAR_FUTURE),
    snoozed_until: c.snoozed_until,
    sent_at: c.created_at,
    open: c.state === 'open',
    state: c.state,
    read: c.read,
    assignee: { ...c.assignee },
    user: customer,
    customers: [{ ...customer }],
    conversation_message: {
      type: modern ? 'conversation' : 'conversation_message',
      id: c.message.id,
      subject: c.message.subject,
      body: body(c.message.body),
      author: renderAuthor(store, c.message.author),
      attachments: c.message.attachments.map((a) => ({ ...a })),
      url: null,
      delivered_as: c.message.delivered_as,
    },
    customer_first_reply: firstReply === undefined ? null : { created_at: firstReply, type: 'conversation', url: null },
  };
  if (full) {
    const parts = c.parts.slice(-MAX_PARTS);
    out.conversation_parts = {
      type: 'conversation_part.list',
      conversation_parts: parts.map((p) => renderPart(store, p, body)),
      total_count: parts.length,
    };
    const tags = [];
    for (const id of c.tag_ids) {
      const tag = store.tags.get(id);
      if (tag !== undefined) tags.push({ type: 'tag', id: tag.id, name: tag.name });
    }
    out.tags = { type: 'tag.list', tags };
    out.conversation_rating = null;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lookups shared with /messages

/** How a request may name a customer. */
export type CustomerKey = 'id' | 'user_id' | 'email';

/**
 * The customer with this `id`, `user_id` or `email` among `roles` (tried in order). An email shared by
 * several records of one role answers 409 `conflict`.
 */
export function findCustomer(
  store: Store,
  roles: readonly UserRecord['role'][],
  key: CustomerKey,
  value: string,
): UserRecord | undefined {
  for (const role of roles) {
    if (key === 'id') {
      const record = store.userById(value, role);
      if (record !== undefined) return record;
    } else if (key === 'user_id') {
      const record = store.userByUserId(value, role);
      if (record !== undefined) return record;
    } else {
      const matches = store.usersByEmail(value, role);
      if (matches.length > 1) {
        throw new ApiError(
          409,
          'conflict',
          `Multiple existing users match this email address ${value} - must be more specific using user_id`,
        );
      }
      if (matches[0] !== undefined) return matches[0];
    }
  }
  return undefined;
}

/**
 * Reads the first customer identifier present in `body` out of `fields` (wire name → key), checking
 * its type. Undefined when none is given.
 */
export function readCustomerKey(
  body: Body,
  fields: ReadonlyArray<readonly [string, CustomerKey]>,
): { field: string; key: CustomerKey; value: string } | undefined {
  for (const [field, key] of fields) {
    const value = key === 'email' ? optionalString(body, field) : optionalIdentifier(body, field);
    if (typeof value === 'string' && value !== '') return { field, key, value };
  }
  return undefined;
}

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
  const named = readCustomerKey(body, USER_FIELDS);
  if (named === undefined) throw missing('intercom_user_id', 'One of intercom_user_id, user_id or email is required');
  const roles: UserRecord['role'][] = named.key === 'id' ? ['user', 'contact', 'visitor'] : ['user'];
  const record = findCustomer(store, roles, named.key, named.value);
  if (record === undefined) throw notFound('User Not Found');
  return record;
}

/** The admin named by `admin_id`; unknown: 404 `admin_not_found` (as notes answer it). */
function requireAdmin(store: Store, id: string | undefined, field: string): string {
  if (id === undefined || id === '') throw missing(field);
  if (!store.admins.has(id)) throw new ApiError(404, 'admin_not_found', 'Admin Not Found', field);
  return id;
}

function conversationOr404(store: Store, id: string): ConversationRecord {
  const c = store.conversations.get(id);
  if (c === undefined) throw notFound('Conversation Not Found');
  return c;
}

/** Ids come from one sequence: the latest part's (or the message's) id orders activity within a second. */
const lastActivity = (c: ConversationRecord): number => Number(c.parts.at(-1)?.id ?? c.message.id);

/** The customer's most recently updated conversation. */
function lastConversationOf(store: Store, customerId: string): ConversationRecord {
  let last: ConversationRecord | undefined;
  for (const c of store.conversations.values()) {
    if (c.customer_id !== customerId) continue;
    if (last === undefined || (c.updated_at - last.updated_at || lastActivity(c) - lastActivity(last)) > 0) last = c;
  }
  if (last === undefined) throw notFound('Conversation Not Found');
  return last;
}

// ---------------------------------------------------------------------------------------------
// Writes

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
 * unassigned.
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
  store.conversations.set(record.id, record);
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

/** The assignee `assignee_id` names: an admin, a team, or `"0"` for nobody. */
function readAssignee(store: Store, body: Body): AssigneeRef {
  const id = optionalIdentifier(body, 'assignee_id');
  if (id === undefined || id === '') throw missing('assignee_id');
  if (id === '0') return { ...NOBODY };
  if (store.admins.has(id)) return { type: 'admin', id };
  if (store.teams.has(id)) return { type: 'team', id };
  throw new ApiError(404, 'admin_not_found', 'No admin or team has this id', 'assignee_id');
}

/**
 * Reads and checks a reply, then applies it. `target` is a conversation id, or `last` for the named
 * user's most recent conversation. Nothing changes unless every check passed.
 */
function reply(ctx: RouteContext, target: string | 'last'): RouteResult {
  const { store } = ctx;
  const body = bodyObject(ctx.body);
  wakeSnoozed(store);
  let conversation = target === 'last' ? undefined : conversationOr404(store, target);
  const type = optionalString(body, 'type');
  if (type === undefined || type === null) throw missing('type');
  if (type !== 'user' && type !== 'admin') throw invalid("type must be 'user' or 'admin'", 'type');
  const messageType = optionalString(body, 'message_type');
  if (messageType === undefined || messageType === null) throw missing('message_type');
  const text = optionalString(body, 'body') ?? undefined;
  const attachments = readAttachments(body);
  if (conversation === undefined) conversation = lastConversationOf(store, requireCustomer(store, body).id);
  const c = conversation;
  const now = nowSeconds();

  if (type === 'user') {
    if (messageType !== 'comment') throw invalid("message_type must be 'comment' for a user reply", 'message_type');
    const customer = target === 'last' ? undefined : requireCustomer(store, body);
    if (customer !== undefined && customer.id !== c.customer_id) {
      throw invalid('The user is not a participant of this conversation', 'intercom_user_id');
    }
    if ((text === undefined || text === '') && attachments.length === 0) throw missing('body');
    const author = customerRef(store, c.customer_id);
    c.parts.push(newPart(store, 'comment', author, text ? toHtml(text, false) : null, attachments));
    // A customer's reply reopens a snoozed or closed conversation; they now wait for an answer.
    c.state = 'open';
    c.snoozed_until = null;
    c.waiting_since ??= now;
    c.read = true;
    c.updated_at = now;
    store.emit('conversation.user.replied', (w) => withNewParts(renderConversation(store, c, w, true), 1));
    return { status: 200, body: renderConversation(store, c, ctx, true) };
  }

  const adminId = requireAdmin(store, optionalIdentifier(body, 'admin_id'), 'admin_id');
  if (!(ADMIN_REPLY_TYPES as readonly string[]).includes(messageType)) {
    throw invalid(`message_type must be one of ${ADMIN_REPLY_TYPES.join(', ')}`, 'message_type');
  }
  const kind = messageType as AdminReplyType;
  const hasText = text !== undefined && text !== '';
  if ((kind === 'comment' && !hasText && attachments.length === 0) || (kind === 'note' && !hasText)) throw missing('body');
  let snoozedUntil: number | undefined;
  if (kind === 'snoozed') {
    const until = optionalTimestamp(body, 'snoozed_until');
    if (until === undefined || until === null) throw missing('snoozed_until');
    if (until <= now) throw invalid('snoozed_until must be in the future', 'snoozed_until');
    snoozedUntil = until;
  }
  const assignee = kind === 'assignment' ? readAssignee(store, body) : undefined;

  const author: AuthorRef = { type: 'admin', id: adminId };
  const topic = kind === 'open' && c.state === 'snoozed' ? 'conversation.admin.unsnoozed' : (ADMIN_REPLY_TOPICS[kind] as string);
  c.parts.push(newPart(store, kind, author, hasText ? toHtml(text, true) : null, attachments, assignee ?? null));
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
      c.snoozed_until = snoozedUntil ?? null;
      break;
    case 'assignment':
      c.assignee = assignee ?? { ...NOBODY };
      break;
    case 'note':
      break;
  }
  // Whatever the customer can see answers them: they no longer wait, and have something unread.
  if (kind !== 'note' && (hasText || attachments.length > 0)) {
    c.waiting_since = null;
    c.read = false;
  }
  c.updated_at = now;
  store.emit(topic, (w) => withNewParts(renderConversation(store, c, w, true), 1));
  return { status: 200, body: renderConversation(store, c, ctx, true) };
}

// ---------------------------------------------------------------------------------------------
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
    const named = readCustomerKey(Object.fromEntries(query), USER_FIELDS);
    if (named === undefined) throw missing('intercom_user_id', 'One of intercom_user_id, user_id or email is required');
    let customers: UserRecord[];
    if (named.key === 'email') {
      customers = store.usersByEmail(named.value, 'user');
    } else {
      const roles: UserRecord['role'][] = named.key === 'id' ? ['user', 'contact', 'visitor'] : ['user'];
      const record = findCustomer(store, roles, named.key, named.value);
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
    (c) => renderConversation(store, c, ctx, false),
  );
  return { status: 200, body };
}

/** Registers `/conversations`, `/conversations/{id}`, `/conversations/{id}/reply` and `/conversations/last/reply`. */
export function conversationRoutes(router: Router): void {
  router.add('GET', '/conversations', listConversations);

  router.add('GET', '/conversations/:id', (ctx) => {
    wakeSnoozed(ctx.store);
    const c = conversationOr404(ctx.store, ctx.params.id as string);
    return { status: 200, body: renderConversation(ctx.store, c, ctx, true) };
  });

  router.add('PUT', '/conversations/:id', (ctx) => {
    wakeSnoozed(ctx.store);
    const c = conversationOr404(ctx.store, ctx.params.id as string);
    const body = bodyObject(ctx.body);
    const read = optionalBoolean(body, 'read');
    if (read === undefined) throw missing('read');
    c.read = read;
    return { status: 200, body: renderConversation(ctx.store, c, ctx, true) };
  });

  router.add('POST', '/conversations/last/reply', (ctx) => reply(ctx, 'last'));
  router.add('POST', '/conversations/:id/reply', (ctx) => reply(ctx, ctx.params.id as string));
}
