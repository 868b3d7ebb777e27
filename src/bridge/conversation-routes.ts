/**
 * The bridge's translation of conversations and messages to API 2.x.
 *
 * | 1.x call | 2.x requests |
 * | --- | --- |
 * | `conversations.find` `GET /conversations/{id}` | `GET /conversations/{id}`, and `GET /contacts/{id}` for a customer no author names |
 * | `conversations.all` `GET /conversations` | `GET /conversations` (cursor pages) |
 * | `findAll` `type=admin` (`id`, `open`, `before`) | `POST /conversations/search` (`admin_assignee_id` or `team_assignee_id`, `state`, `updated_at`) |
 * | `findAll` `type=user` (`email`, `user_id`, `intercom_user_id`, `unread`) | the person's id (1.x `GET /users?...` through the bridge), then `POST /conversations/search` (`contact_ids`, `read`) |
 * | `reply` / `replyToLast` (comment, note) | `POST /conversations/{id or last}/reply` |
 * | `open`, `close`, `assign`, `snooze` | `POST /conversations/{id}/parts` |
 * | `markRead` `PUT /conversations/{id}` | `PUT /conversations/{id}` `{read: true}` |
 * | `messages.create` from an admin | the recipient's id, then `POST /messages` (`in_app` or `email`, `to: {type: user or lead, id}`) |
 * | `messages.create` from a user or lead | the sender's id, then `POST /conversations` |
 *
 * A filtered list comes in the order 2.x search gives; the unfiltered one most recently updated first,
 * as 1.x. Replies, parts and messages are never repeated once they may have reached Intercom (their errors keep
 * `outcomeUnknown`). The 1.x list pages become `pages.next` links to this bridge carrying the 2.x cursor.
 *
 * @module
 */
import { AdminNotFound, type IntercomError, ResourceNotFound, UnavailableOnApi2Error } from '../core/errors.js';
import type { JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { apiPath, type QueryParams } from '../core/url.js';
import {
  adminMessageTo1x,
  authorTypeOf,
  type CustomerType,
  contactIdsOf,
  conversationTo1x,
  userMessageTo1x,
} from './conversation-shapes.js';
import { type PersonKind, personIdOf } from './person-reference.js';
import type { BridgeCall, BridgeContext, BridgeRoutes } from './route-table.js';
import { objectOf, readV2, searchV2, writeV2 } from './v2-sends.js';

const CUSTOMER_KEYS = ['intercom_user_id', 'user_id', 'email'] as const;
const STATE_CHANGES = new Set(['open', 'close', 'assignment', 'snoozed']);

/** The key (`intercom_user_id`, `user_id`, `email`) and value a 1.x request names a customer by. */
function customerKey(source: Readonly<Record<string, unknown>>): [string, string] | undefined {
  for (const key of CUSTOMER_KEYS) {
    const value = source[key];
    if (typeof value === 'string' && value !== '') return [key, value];
    if (typeof value === 'number') return [key, String(value)];
  }
  return undefined;
}

/**
 * The 1.x types of a conversation's contacts that no author names, looked up with `GET /contacts/{id}`
 * (one read each). `bestEffort` (after a write succeeded): a failed lookup leaves the type `user`
 * rather than hiding that the write was made.
 */
async function customerTypesOf(
  context: BridgeContext,
  conversation: JsonObject,
  options: RequestOptions | undefined,
  bestEffort: boolean,
): Promise<Map<string, CustomerType>> {
  const types = new Map<string, CustomerType>();
  for (const id of contactIdsOf(conversation)) {
    if (authorTypeOf(conversation, id) !== undefined) continue;
    try {
      const contact = objectOf(await readV2(context.v2, apiPath`/contacts/${id}`, undefined, options));
      types.set(id, contact.role === 'lead' ? 'lead' : 'user');
    } catch (error) {
      if (!bestEffort) throw error;
    }
  }
  return types;
}

/** A 2.x conversation answered by a fetch or a write, as the 1.x conversation. */
async function fullConversation(
  context: BridgeContext,
  answer: unknown,
  call: BridgeCall,
  afterWrite: boolean,
): Promise<JsonObject> {
  const conversation = objectOf(answer);
  return conversationTo1x(conversation, true, await customerTypesOf(context, conversation, call.options, afterWrite));
}

/** The 2.x search query of a 1.x `findAll`; `undefined` for the unfiltered list. */
async function searchQueryOf(
  context: BridgeContext,
  call: BridgeCall,
): Promise<{ query: JsonObject; link: QueryParams } | undefined> {
  const q = call.query;
  const link: Record<string, string> = {};
  const filters: JsonObject[] = [];
  if (q.type === 'admin') {
    const id = q.admin_id ?? q.id ?? '';
    link.type = 'admin';
    link.id = id;
    filters.push({
      operator: 'OR',
      value: [
        { field: 'admin_assignee_id', operator: '=', value: id },
        { field: 'team_assignee_id', operator: '=', value: id },
      ],
    });
    if (q.open === 'true' || q.open === 'false') {
      link.open = q.open;
      filters.push({ field: 'state', operator: q.open === 'true' ? '=' : '!=', value: 'open' });
    }
    if (q.before !== undefined && q.before !== '') {
      link.before = q.before;
      filters.push({ field: 'updated_at', operator: '<', value: Number(q.before) });
    }
  } else if (q.type === 'user') {
    const named = customerKey(q);
    if (named === undefined) return undefined;
    const id = await personIdOf(context.bridge, 'user', named[0], named[1], call.options);
    // The next pages name the customer by id: no lookup again.
    link.type = 'user';
    link.intercom_user_id = id;
    filters.push({ field: 'contact_ids', operator: '=', value: id });
    if (q.unread === 'true') {
      link.unread = 'true';
      filters.push({ field: 'read', operator: '=', value: false });
    }
  } else {
    return undefined;
  }
  const query = filters.length === 1 ? (filters[0] as JsonObject) : { operator: 'AND', value: filters };
  return { query, link };
}

/** Refuses the 1.x list options 2.x lists cannot honour, before anything is sent. */
function checkListOptions(query: Readonly<Record<string, string>>): void {
  if (query.page !== undefined && query.page !== '') {
    throw new UnavailableOnApi2Error(
      'page numbers on conversation lists',
      '2.x pages conversations by cursor: iterate the list (its pages follow the cursor) instead of asking for a page',
    );
  }
  const sort = query.sort ?? 'updated_at';
  const order = query.order ?? 'desc';
  if (sort !== 'updated_at' || order !== 'desc') {
    throw new UnavailableOnApi2Error(
      `conversation lists sorted by ${sort} ${order}`,
      '2.x lists conversations most recently updated first only: sort the items yourself',
    );
  }
  if (query.display_as !== undefined && query.display_as !== '') {
    throw new UnavailableOnApi2Error(
      'plain-text bodies in conversation lists',
      "fetch a conversation with conversations.find({ id, display_as: 'plaintext' })",
    );
  }
}

/** `GET /conversations` with or without 1.x filters: one 2.x list or search page, as a 1.x page. */
async function listConversations(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  checkListOptions(call.query);
  const perPage = call.query.per_page !== undefined && call.query.per_page !== '' ? Number(call.query.per_page) : 20;
  const startingAfter = call.query.starting_after;
  const search = await searchQueryOf(context, call);
  let answer: JsonObject;
  if (search === undefined) {
    const query: Record<string, string | number> = { per_page: perPage };
    if (startingAfter !== undefined) query.starting_after = startingAfter;
    answer = objectOf(await readV2(context.v2, '/conversations', query, call.options));
  } else {
    const pagination: JsonObject = { per_page: perPage };
    if (startingAfter !== undefined) pagination.starting_after = startingAfter;
    answer = objectOf(await searchV2(context.v2, '/conversations/search', { query: search.query, pagination }, call.options));
  }
  const conversations = Array.isArray(answer.conversations)
    ? answer.conversations.map((c) => conversationTo1x(objectOf(c), false))
    : [];
  const pages = objectOf(answer.pages);
  const cursor = objectOf(pages.next).starting_after;
  let next: string | null = null;
  if (typeof cursor === 'string' && cursor !== '') {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(search?.link ?? {})) params.set(key, String(value));
    params.set('per_page', String(perPage));
    params.set('starting_after', cursor);
    next = `${context.baseUrl}/conversations?${params}`;
  }
  return {
    type: 'conversation.list',
    conversations,
    total_count: answer.total_count ?? conversations.length,
    pages: {
      type: 'pages',
      next,
      page: pages.page ?? 1,
      per_page: pages.per_page ?? perPage,
      total_pages: pages.total_pages ?? 1,
    },
  };
}

/** The 2.x body of a 1.x reply: a comment or note (`/reply`), or a state change (`/parts`). */
function replyOf(id: string, body: JsonObject): { path: string; body: JsonObject } {
  const messageType = String(body.message_type);
  const attachmentUrls = body.attachment_urls;
  if (body.type === 'user') {
    const named = customerKey(body);
    const out: JsonObject = { message_type: 'comment', type: 'user', body: body.body };
    if (named !== undefined) out[named[0]] = named[1];
    if (attachmentUrls !== undefined) out.attachment_urls = attachmentUrls;
    return { path: apiPath`/conversations/${id}/reply`, body: out };
  }
  const adminId = String(body.admin_id);
  if (!STATE_CHANGES.has(messageType)) {
    const out: JsonObject = { message_type: messageType, type: 'admin', admin_id: adminId, body: body.body };
    if (attachmentUrls !== undefined) out.attachment_urls = attachmentUrls;
    const named = id === 'last' ? customerKey(body) : undefined;
    if (named !== undefined) out[named[0]] = named[1];
    return { path: apiPath`/conversations/${id}/reply`, body: out };
  }
  if (id === 'last') {
    throw new UnavailableOnApi2Error(
      `${messageType} part on a customer's last conversation`,
      "2.x changes a conversation's state by its id: find it (conversations.findAll({ type: 'user', ... })) and pass its id",
    );
  }
  if (attachmentUrls !== undefined) {
    throw new UnavailableOnApi2Error(`attachments on a ${messageType} part`, 'send them in a comment reply');
  }
  const out: JsonObject = { message_type: messageType };
  if (messageType === 'open') {
    if (typeof body.body === 'string' && body.body !== '') {
      throw new UnavailableOnApi2Error('message on an open part', 'open the conversation, then reply with a comment');
    }
  } else if (messageType === 'snoozed') {
    out.snoozed_until = body.snoozed_until;
  } else {
    out.type = 'admin';
  }
  out.admin_id = adminId;
  if (messageType === 'assignment') out.assignee_id = String(body.assignee_id);
  if ((messageType === 'close' || messageType === 'assignment') && typeof body.body === 'string' && body.body !== '') {
    out.body = body.body;
  }
  return { path: apiPath`/conversations/${id}/parts`, body: out };
}

/** A 1.x message party's kind, key and value: `{type: 'user', email}` is a user named by email. */
function partyOf(party: JsonObject): { kind: PersonKind; key: string; value: string } {
  const kind: PersonKind = party.type === 'contact' || party.type === 'lead' ? 'lead' : 'user';
  for (const key of ['id', 'user_id', 'email']) {
    const value = party[key];
    if (typeof value === 'string' && value !== '') return { kind, key, value };
    if (typeof value === 'number') return { kind, key, value: String(value) };
  }
  return { kind, key: 'id', value: '' };
}

/**
 * `error` as the 1.x messages resource gives it: a {@link ResourceNotFound} whose `field` names the party
 * not found (`params.to.email`...), which 1.x's 404 did not say and 2.x's lookups do.
 */
function partyNotFound(error: IntercomError, field: string): ResourceNotFound {
  return new ResourceNotFound(
    `${error.message}: no such ${field.startsWith('params.from') ? 'sender' : 'recipient'} (${field})`,
    {
      httpCode: error.httpCode ?? 404,
      applicationErrorCode: error.applicationErrorCode ?? 'not_found',
      field,
      requestId: error.requestId,
      headers: error.headers,
      outcomeUnknown: error.outcomeUnknown,
      body: error.body,
      cause: error,
    },
  );
}

/** The contact id of a message party, a party not found being named by `field`. */
async function partyId(
  context: BridgeContext,
  party: { kind: PersonKind; key: string; value: string },
  field: string,
  options: RequestOptions | undefined,
): Promise<string> {
  try {
    return await personIdOf(context.bridge, party.kind, party.key, party.value, options);
  } catch (error) {
    if (error instanceof ResourceNotFound && error.field === undefined) throw partyNotFound(error, `${field}.${party.key}`);
    throw error;
  }
}

/** `POST /messages`: an admin's message (2.x `POST /messages`) or a customer's (2.x `POST /conversations`). */
async function createMessage(context: BridgeContext, call: BridgeCall): Promise<JsonObject> {
  const body = objectOf(call.body);
  const from = objectOf(body.from);
  if (from.type === 'admin') {
    const to = partyOf(objectOf(body.to));
    const contactId = await partyId(context, to, 'params.to', call.options);
    const messageType = body.message_type === 'email' ? 'email' : 'inapp';
    const adminId = String(from.id);
    const out: JsonObject = { message_type: messageType === 'email' ? 'email' : 'in_app' };
    if (messageType === 'email') out.subject = body.subject;
    out.body = body.body;
    if (messageType === 'email' && body.template !== undefined) out.template = body.template;
    out.from = { type: 'admin', id: /^\d+$/.test(adminId) ? Number(adminId) : adminId };
    out.to = { type: to.kind, id: contactId };
    let answer: unknown;
    try {
      answer = await writeV2(context.v2, 'POST', '/messages', out, false, call.options);
    } catch (error) {
      // 2.x says admin_not_found where 1.x answered 404 not_found: the 1.x class, naming the sender.
      if (error instanceof AdminNotFound) throw partyNotFound(error, 'params.from.id');
      throw error;
    }
    return adminMessageTo1x(answer, adminId, messageType, body.template);
  }
  const sender = partyOf(from);
  const contactId = await partyId(context, sender, 'params.from', call.options);
  const answer = await writeV2(
    context.v2,
    'POST',
    '/conversations',
    { from: { type: sender.kind, id: contactId }, body: body.body },
    false,
    call.options,
  );
  return userMessageTo1x(answer);
}

/** The 1.x routes of conversations and messages. */
export const conversationRoutes: BridgeRoutes = (context) => [
  { method: 'GET', path: '/conversations', handle: (call) => listConversations(context, call) },
  {
    method: 'GET',
    path: '/conversations/:id',
    handle: async (call) => {
      const query = call.query.display_as === 'plaintext' ? { display_as: 'plaintext' } : undefined;
      const answer = await readV2(context.v2, apiPath`/conversations/${call.params.id as string}`, query, call.options);
      return fullConversation(context, answer, call, false);
    },
  },
  {
    method: 'PUT',
    path: '/conversations/:id',
    handle: async (call) => {
      const body = objectOf(call.body);
      const answer = await writeV2(
        context.v2,
        'PUT',
        apiPath`/conversations/${call.params.id as string}`,
        { read: body.read === true },
        true,
        call.options,
      );
      return fullConversation(context, answer, call, true);
    },
  },
  {
    method: 'POST',
    path: '/conversations/:id/reply',
    handle: async (call) => {
      const reply = replyOf(call.params.id as string, objectOf(call.body));
      // A reply or part adds to the conversation: never sent twice.
      const answer = await writeV2(context.v2, 'POST', reply.path, reply.body, false, call.options);
      return fullConversation(context, answer, call, true);
    },
  },
  { method: 'POST', path: '/messages', handle: (call) => createMessage(context, call) },
];
