import { InvalidParameterError } from '../core/errors.js';
import type { ExactlyOne } from '../core/exactly-one.js';
import { entity, type JsonObject, type Timestamp, toEpochSeconds, unwrapLists } from '../core/models.js';
import type { PageIterator } from '../core/pagination.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath, type QueryParams, type QueryValue } from '../core/url.js';
import {
  checkListParameter,
  describe,
  type ListParameterKind,
  optionalBoolean,
  optionalString,
  requireId,
  requireObject,
  requireOneOf,
  requireText,
} from '../core/validation.js';

/** Who a conversation (or an assignment part) is assigned to; `nobody_admin` when unassigned. */
export type ConversationAssignee =
  | { type: 'admin'; id: string; [field: string]: unknown }
  | { type: 'team'; id: string; [field: string]: unknown }
  | { type: 'nobody_admin'; id: null; [field: string]: unknown };

/**
 * The customer of a conversation, as a partial reference. Pass it to `users.load` for the full user
 * (leads have type `lead`).
 */
export interface ConversationCustomer {
  type: 'user' | 'lead';
  id: string;
  [field: string]: unknown;
}

/** Who wrote a message or part. */
export interface ConversationAuthor {
  type: 'user' | 'lead' | 'admin' | 'bot';
  id: string;
  name?: string;
  email?: string;
  [field: string]: unknown;
}

/** A file attached to a message or part. */
export interface ConversationAttachment {
  type?: 'upload';
  name: string;
  url: string;
  content_type?: string;
  filesize?: number;
  width?: number | null;
  height?: number | null;
}

/** The message that started a conversation. Its type is `conversation_message` before API 1.2, `conversation` from 1.2. */
export interface ConversationMessage {
  type: 'conversation_message' | 'conversation';
  id?: string;
  /** The subject of an email message; `''` for in-app messages. */
  subject: string | null;
  /** HTML. */
  body: string | null;
  author: ConversationAuthor;
  attachments: ConversationAttachment[];
  url?: string | null;
  /** `customer_initiated`, `admin_initiated`, `automated`, ... */
  delivered_as?: string;
  [field: string]: unknown;
}

/** The kinds of conversation part; other values may appear. */
export type ConversationPartType =
  | 'comment'
  | 'note'
  | 'assignment'
  | 'open'
  | 'close'
  | 'snoozed'
  | 'unsnoozed'
  | 'away_mode_assignment'
  | 'default_assignment'
  | 'participant_added'
  | (string & Record<never, never>);

/** One part of a conversation: a reply, a note, an assignment, a state change. */
export interface ConversationPart {
  type: 'conversation_part';
  id: string;
  part_type: ConversationPartType;
  /** HTML, or null for parts without text. */
  body: string | null;
  created_at: number;
  updated_at: number;
  notified_at: number;
  /** The new assignee, on `assignment` parts; null otherwise. */
  assigned_to: ConversationAssignee | null;
  author: ConversationAuthor;
  attachments: ConversationAttachment[];
  external_id?: string | null;
  [field: string]: unknown;
}

/** A tag on a conversation. */
export interface ConversationTag {
  type: 'tag';
  id: string;
  name: string;
}

/** The customer's rating of a conversation. */
export interface ConversationRating {
  rating: number | null;
  remark: string | null;
  created_at: number;
  customer: { type: string; id: string };
  teammate: { type: string; id: string };
}

/**
 * A conversation as lists return it: everything but its parts, tags and rating. Fetch it with
 * {@link Conversations.find} for those.
 */
export interface ConversationSummary {
  type: 'conversation';
  id: string;
  created_at: number;
  updated_at: number;
  /**
   * Since when the customer waits for an answer. From API 1.2 null when an admin answered last
   * (before 1.2: a date far in the future).
   */
  waiting_since: number | null;
  snoozed_until: number | null;
  sent_at?: number;
  /** True when `state` is `open`. */
  open: boolean;
  state: 'open' | 'closed' | 'snoozed';
  read: boolean;
  assignee: ConversationAssignee;
  /** The customer (partial: `users.load(conversation.user)` gets the full user). */
  user: ConversationCustomer;
  customers: ConversationCustomer[];
  conversation_message: ConversationMessage;
  customer_first_reply?: { created_at: number; type: string; url: string | null } | null;
  [field: string]: unknown;
}

/** A conversation with its parts in order (the `conversation_part.list` wrapper is unwrapped). */
export interface Conversation extends ConversationSummary {
  conversation_parts: ConversationPart[];
  /** From the `tag.list` wrapper. */
  tags: ConversationTag[];
  conversation_rating?: ConversationRating | null;
}

/** Names a customer by exactly one of `email`, `user_id` (yours) or `intercom_user_id` (Intercom's id; leads too). */
export type ConversationUserIdentifier = ExactlyOne<{ email: string; user_id: string; intercom_user_id: string }>;

/** Paging, order and format of a conversation list. (Parameter shapes are types, not interfaces, so that they stay plain records.) */
export type ConversationListOptions = {
  /** An explicit page fetches only that page. */
  page?: number;
  /** Default: 20. */
  per_page?: number;
  /** Default: `desc`. */
  order?: 'asc' | 'desc';
  /** Default: `updated_at`. */
  sort?: 'created_at' | 'updated_at' | 'waiting_since';
  /** Bodies as plain text instead of HTML. */
  display_as?: 'plaintext';
};

/** The conversations assigned to an admin (or team). */
export type AdminConversationFilter = ConversationListOptions & {
  type: 'admin';
  /** The admin's (or team's) id. */
  id: string | number;
  /** `true`: only open ones; `false`: only those not open. Default: both. */
  open?: boolean;
  /** Only conversations last updated before this moment. */
  before?: Timestamp;
};

/** A customer's conversations. */
export type UserConversationFilter = ConversationListOptions & {
  type: 'user';
  /** `true`: only those with a reply the customer has not read. `false` or absent: all. */
  unread?: boolean;
} & ConversationUserIdentifier;

/** Filters of {@link Conversations.findAll}, sent as query parameters in the order given. */
export type ListConversationsParams = AdminConversationFilter | UserConversationFilter;

/** A customer's reply: a comment. */
export type UserReply = {
  type: 'user';
  message_type: 'comment';
  body: string;
  /** URLs of files to attach (at most 10). */
  attachment_urls?: string[];
} & ConversationUserIdentifier;

/** What an admin's reply does, by `message_type`. */
export type AdminReplyAction =
  /** A reply the customer sees (`comment`) or an internal `note`. */
  | { message_type: 'comment' | 'note'; body: string }
  /** Opens or closes the conversation, with an optional message. */
  | { message_type: 'open' | 'close'; body?: string }
  /** Assigns the conversation to an admin or team; `'0'` unassigns it. */
  | { message_type: 'assignment'; assignee_id: string | number; body?: string }
  /** Snoozes the conversation until the given moment. */
  | { message_type: 'snoozed'; snoozed_until: Timestamp };

/** An admin's reply. */
export type AdminReply = {
  type: 'admin';
  /** The admin who replies. */
  admin_id: string | number;
  /** URLs of files to attach (at most 10). */
  attachment_urls?: string[];
} & AdminReplyAction;

/** Parameters of {@link Conversations.reply}: the conversation `id`, and a user or an admin reply. */
export type ReplyParams = { id: string } & (UserReply | AdminReply);

/**
 * Parameters of {@link Conversations.replyToLast}: a reply to the most recent conversation of the
 * customer named by `email`, `user_id` or `intercom_user_id`. A user reply may carry an `admin_id`
 * (the Ruby gem's README sends one; Intercom ignores it).
 */
export type ReplyToLastParams = (UserReply & { admin_id?: string | number }) | (AdminReply & ConversationUserIdentifier);

/** Parameters of {@link Conversations.open} and {@link Conversations.close}. */
export type AdminStateParams = {
  /** The conversation. */
  id: string;
  /** The admin acting. */
  admin_id: string | number;
  /** An optional message to the customer. */
  body?: string;
};

/** Parameters of {@link Conversations.assign}. */
export type AssignParams = AdminStateParams & {
  /** The admin or team to assign to; `'0'` unassigns. */
  assignee_id: string | number;
};

/** Parameters of {@link Conversations.snooze}. */
export type SnoozeParams = {
  id: string;
  admin_id: string | number;
  /** When the conversation reopens: epoch seconds or a `Date`. */
  snoozed_until: Timestamp;
};

const USER_KEYS = ['email', 'user_id', 'intercom_user_id'] as const;
const ADMIN_MESSAGE_TYPES = new Set(['comment', 'note', 'open', 'close', 'assignment', 'snoozed']);

/** A conversation id for a path; `last` is not one (use `replyToLast`). */
function conversationId(value: unknown, parameter: string): string {
  const id = requireId(value, parameter);
  if (id === 'last') throw new InvalidParameterError(parameter, "'last' is not a conversation id; use replyToLast");
  return id;
}

/**
 * Checks a reply and returns its body: the parameters as given (but `id`), with `snoozed_until` in epoch
 * seconds. To the customer's `last` conversation, the customer must be named.
 */
function replyBody(params: Record<string, unknown>, parameter: string, to: 'conversation' | 'last'): JsonObject {
  const body: JsonObject = {};
  for (const [key, value] of Object.entries(params)) if (key !== 'id' && value !== undefined) body[key] = value;
  const type = params.type;
  const messageType = params.message_type;
  if (type === 'user') {
    if (messageType !== 'comment') {
      throw new InvalidParameterError(`${parameter}.message_type`, "must be 'comment' for a user reply");
    }
    requireOneOf(params, USER_KEYS, parameter);
    requireText(params.body, `${parameter}.body`);
  } else if (type === 'admin') {
    requireId(params.admin_id, `${parameter}.admin_id`);
    if (typeof messageType !== 'string' || !ADMIN_MESSAGE_TYPES.has(messageType)) {
      throw new InvalidParameterError(`${parameter}.message_type`, `must be one of ${[...ADMIN_MESSAGE_TYPES].join(', ')}`);
    }
    if (to === 'last') requireOneOf(params, USER_KEYS, parameter);
    if (messageType === 'comment' || messageType === 'note') requireText(params.body, `${parameter}.body`);
    else optionalString(params.body, `${parameter}.body`);
    if (messageType === 'assignment') requireId(params.assignee_id, `${parameter}.assignee_id`);
    if (messageType === 'snoozed') {
      if (params.snoozed_until === undefined) throw new InvalidParameterError(`${parameter}.snoozed_until`, 'is required');
      body.snoozed_until = toEpochSeconds(params.snoozed_until as Timestamp, `${parameter}.snoozed_until`);
    }
  } else {
    throw new InvalidParameterError(`${parameter}.type`, "must be 'user' or 'admin'");
  }
  const urls = params.attachment_urls;
  if (urls !== undefined && (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string'))) {
    throw new InvalidParameterError(`${parameter}.attachment_urls`, 'must be an array of URL strings');
  }
  return body;
}

/** The paging, order and format of a conversation list, and what each may hold. */
const LIST_OPTION_FIELDS: Readonly<Record<keyof ConversationListOptions, ListParameterKind>> = {
  page: 'positive-integer',
  per_page: 'positive-integer',
  order: ['asc', 'desc'],
  sort: ['created_at', 'updated_at', 'waiting_since'],
  display_as: ['plaintext'],
};

/** The query of a list: the filters in the order given, `before` in epoch seconds. */
function listQuery(params: Record<string, unknown>): QueryParams {
  const type = params.type;
  if (type === 'admin') {
    requireId(params.id, 'params.id');
    optionalBoolean(params.open, 'params.open');
  } else if (type === 'user') {
    requireOneOf(params, USER_KEYS, 'params');
    optionalBoolean(params.unread, 'params.unread');
  } else {
    throw new InvalidParameterError('params.type', "must be 'admin' or 'user'");
  }
  for (const [key, kind] of Object.entries(LIST_OPTION_FIELDS)) {
    if (params[key] !== undefined) checkListParameter(params[key], kind, `params.${key}`);
  }
  const query: Record<string, QueryValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (key === 'before') query[key] = toEpochSeconds(value as Timestamp, 'params.before');
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') query[key] = value;
    else throw new InvalidParameterError(`params.${key}`, `must be a string, number or boolean (got ${describe(value)})`);
  }
  return query;
}

/** @internal A fetched conversation (or a notification's): parts and tags unwrapped from their list wrappers. */
export function toConversation(body: unknown): Conversation {
  const data = entity<JsonObject>(body);
  unwrapLists(data, ['conversation_parts', 'tags']);
  if (!Array.isArray(data.conversation_parts)) data.conversation_parts = [];
  if (!Array.isArray(data.tags)) data.tags = [];
  return data as Conversation;
}

/** A list item: returned as the API sent it (lists carry no parts). */
const toSummary = (raw: JsonObject): ConversationSummary => {
  unwrapLists(raw, ['conversation_parts', 'tags']);
  return raw as ConversationSummary;
};

/**
 * Conversations: `intercom.conversations`.
 *
 * ```ts
 * const conversation = await intercom.conversations.find({ id: '147' });
 * console.log(conversation.conversation_parts[1]?.body);
 * await intercom.conversations.reply({ id: conversation.id, type: 'admin', admin_id: '394051', message_type: 'comment', body: 'Hi!' });
 * ```
 */
export class Conversations extends APIResource {
  /** Every conversation of the app, most recently updated first (`GET /conversations`), 20 a page. */
  all(options?: RequestOptions): PageIterator<ConversationSummary> {
    return this.#list(undefined, options);
  }

  /**
   * Conversations of an admin (`{ type: 'admin', id, open?, before? }`) or of a customer
   * (`{ type: 'user', email | user_id | intercom_user_id, unread? }`). A lead's conversations are
   * found by `intercom_user_id`. Items carry no parts: use {@link Conversations.find} for those.
   */
  findAll(params: ListConversationsParams, options?: RequestOptions): PageIterator<ConversationSummary> {
    requireObject(params, 'params');
    return this.#list(listQuery(params), options);
  }

  /** One conversation with its parts in order (`GET /conversations/{id}`); at most the 500 most recent parts. */
  async find(params: { id: string; display_as?: 'plaintext' }, options?: RequestOptions): Promise<Conversation> {
    requireObject(params, 'params');
    const id = conversationId(params.id, 'params.id');
    if (params.display_as !== undefined && params.display_as !== 'plaintext') {
      throw new InvalidParameterError('params.display_as', "must be 'plaintext' when given");
    }
    const query = params.display_as === undefined ? undefined : { display_as: params.display_as };
    return toConversation(await this.http.get(apiPath`/conversations/${id}`, { query, options }));
  }

  /**
   * Replies to a conversation (`POST /conversations/{id}/reply`) as a user (a `comment`) or as an admin
   * (`comment`, `note`, `open`, `close`, `assignment` with `assignee_id`, `snoozed` with
   * `snoozed_until`). Returns the whole conversation.
   */
  async reply(params: ReplyParams, options?: RequestOptions): Promise<Conversation> {
    requireObject(params, 'params');
    const id = conversationId(params.id, 'params.id');
    const body = replyBody(params, 'params', 'conversation');
    body.conversation_id = id;
    return this.#reply(apiPath`/conversations/${id}/reply`, body, options);
  }

  /**
   * Replies to the most recent conversation of the customer named by `email`, `user_id` or
   * `intercom_user_id` (`POST /conversations/last/reply`), as that user or as an admin.
   */
  async replyToLast(params: ReplyToLastParams, options?: RequestOptions): Promise<Conversation> {
    requireObject(params, 'params');
    return this.#reply('/conversations/last/reply', replyBody(params, 'params', 'last'), options);
  }

  /** Opens a conversation (also wakes a snoozed one): an admin `open` reply. */
  open(params: AdminStateParams, options?: RequestOptions): Promise<Conversation> {
    return this.#adminAction(params, 'open', options);
  }

  /** Closes a conversation: an admin `close` reply, with an optional `body` to the customer. */
  close(params: AdminStateParams, options?: RequestOptions): Promise<Conversation> {
    return this.#adminAction(params, 'close', options);
  }

  /** Assigns a conversation to the admin or team `assignee_id` (`'0'`: nobody); adds an `assignment` part. */
  assign(params: AssignParams, options?: RequestOptions): Promise<Conversation> {
    return this.#adminAction(params, 'assignment', options);
  }

  /** Snoozes a conversation until `snoozed_until` (epoch seconds or a `Date`); it reopens then, or when the customer replies. */
  snooze(params: SnoozeParams, options?: RequestOptions): Promise<Conversation> {
    return this.#adminAction(params, 'snoozed', options);
  }

  /** Marks a conversation as read (`PUT /conversations/{id}` with `{"read":true}`). */
  async markRead(id: string, options?: RequestOptions): Promise<Conversation> {
    const conversation = conversationId(id, 'id');
    return toConversation(await this.http.put(apiPath`/conversations/${conversation}`, { body: { read: true }, options }));
  }

  async #adminAction(
    params: AdminStateParams | AssignParams | SnoozeParams,
    messageType: 'open' | 'close' | 'assignment' | 'snoozed',
    options: RequestOptions | undefined,
  ): Promise<Conversation> {
    requireObject(params, 'params');
    const id = conversationId(params.id, 'params.id');
    // The gem's order: the caller's parameters, then message_type, type and conversation_id.
    const body = replyBody({ ...params, message_type: messageType, type: 'admin' }, 'params', 'conversation');
    body.conversation_id = id;
    return this.#reply(apiPath`/conversations/${id}/reply`, body, options);
  }

  async #reply(path: string, body: JsonObject, options: RequestOptions | undefined): Promise<Conversation> {
    // Each reply adds a part: not repeated once it may have reached Intercom.
    return toConversation(await this.http.post(path, { body, options }));
  }

  #list(query: QueryParams | undefined, options: RequestOptions | undefined): PageIterator<ConversationSummary> {
    return this.http.list('/conversations', { query, itemsKey: 'conversations', toModel: toSummary, options });
  }
}
