import { AdminNotFound, InvalidParameterError, ResourceNotFound } from '../core/errors.js';
import type { ExactlyOne } from '../core/exactly-one.js';
import { entity, type JsonObject } from '../core/models.js';
import type { RequestOptions } from '../core/request-pipeline.js';
import { APIResource } from '../core/resource.js';
import { apiPath } from '../core/url.js';
import { requireId, requireObject, requireOneOf, requireText } from '../core/validation.js';

/** The admin who sends a message. */
export interface MessageAdminSender {
  type: 'admin';
  /** The admin's id. */
  id: string;
}

/** A user recipient, by exactly one of `id` (Intercom's), `user_id` (yours) or `email`. */
export type MessageUserRecipient = { type: 'user' } & ExactlyOne<{ id: string; user_id: string; email: string }>;

/** A lead recipient, by `id` or `user_id`: Intercom does not accept a lead's email here. */
export type MessageContactRecipient = { type: 'contact' } & ExactlyOne<{ id: string; user_id: string }>;

/** Who an admin's message goes to. */
export type MessageRecipient = MessageUserRecipient | MessageContactRecipient;

/** A user or lead who writes to the app, by exactly one of `id`, `user_id` or `email`. */
export type MessageCustomerSender = { type: 'user' | 'contact' } & ExactlyOne<{ id: string; user_id: string; email: string }>;

/** An in-app message from an admin. */
export type AdminInAppMessageParams = {
  /** Default: `inapp`. */
  message_type?: 'inapp';
  body: string;
  from: MessageAdminSender;
  to: MessageRecipient;
};

/** An email from an admin. */
export type AdminEmailMessageParams = {
  message_type: 'email';
  subject: string;
  body: string;
  /** Default: `plain`. */
  template?: 'plain' | 'personal';
  from: MessageAdminSender;
  to: MessageRecipient;
};

/** A message from a user or lead to the app (in-app); it starts a conversation. */
export type CustomerMessageParams = {
  /** Only `inapp`. */
  message_type?: 'inapp';
  /** Plain text. */
  body: string;
  from: MessageCustomerSender;
};

/** Parameters of {@link Messages.create}. */
export type CreateMessageParams = AdminInAppMessageParams | AdminEmailMessageParams | CustomerMessageParams;

/** A message an admin sent. */
export interface AdminMessage {
  type: 'admin_message';
  /** The message's id (not the conversation's). */
  id: string;
  created_at: number;
  message_type: 'inapp' | 'email';
  /** Email messages only. */
  subject?: string;
  body: string;
  /** Email messages only. */
  template?: 'plain' | 'personal';
  owner: { type: 'admin'; id: string; name?: string; email?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** A message a user or lead sent. */
export interface UserMessage {
  type: 'user_message';
  /** The message's id (not the conversation's). */
  id: string;
  created_at: number;
  body: string;
  message_type: 'inapp';
  [field: string]: unknown;
}

/** Checks a message's parameters; throws {@link InvalidParameterError} before any request. */
function checkMessage(params: Record<string, unknown>): void {
  const from = params.from;
  requireObject(from, 'params.from');
  requireText(params.body, 'params.body');
  const messageType = params.message_type;
  if (from.type === 'admin') {
    requireId(from.id, 'params.from.id');
    const to = params.to;
    requireObject(to, 'params.to');
    if (to.type === 'user') {
      requireOneOf(to, ['id', 'user_id', 'email'], 'params.to');
    } else if (to.type === 'contact') {
      if (to.email !== undefined) {
        throw new InvalidParameterError('params.to.email', 'a lead cannot be addressed by email; use id or user_id');
      }
      requireOneOf(to, ['id', 'user_id'], 'params.to');
    } else {
      throw new InvalidParameterError('params.to.type', "must be 'user' or 'contact'");
    }
    if (messageType === 'email') {
      requireText(params.subject, 'params.subject');
      const template = params.template;
      if (template !== undefined && template !== 'plain' && template !== 'personal') {
        throw new InvalidParameterError('params.template', "must be 'plain' or 'personal'");
      }
    } else if (messageType !== undefined && messageType !== 'inapp') {
      throw new InvalidParameterError('params.message_type', "must be 'inapp' or 'email'");
    }
  } else if (from.type === 'user' || from.type === 'contact') {
    requireOneOf(from, ['id', 'user_id', 'email'], 'params.from');
    if (params.to !== undefined) throw new InvalidParameterError('params.to', 'only messages from an admin have a recipient');
    if (messageType !== undefined && messageType !== 'inapp') {
      throw new InvalidParameterError('params.message_type', "must be 'inapp' for a message from a user or lead");
    }
  } else {
    throw new InvalidParameterError('params.from.type', "must be 'admin', 'user' or 'contact'");
  }
}

/**
 * Messages: `intercom.messages`. Every message starts a conversation.
 *
 * ```ts
 * await intercom.messages.create({
 *   message_type: 'inapp',
 *   body: "What's up :)",
 *   from: { type: 'admin', id: '394051' },
 *   to: { type: 'user', email: 'bob@example.com' },
 * });
 * ```
 */
export class Messages extends APIResource {
  /** An admin's in-app message or email to a user or lead (`POST /messages`). */
  create(params: AdminInAppMessageParams | AdminEmailMessageParams, options?: RequestOptions): Promise<AdminMessage>;
  /** A user's or lead's message to the app (`POST /messages`). */
  create(params: CustomerMessageParams, options?: RequestOptions): Promise<UserMessage>;
  /**
   * Sends a message (`POST /messages`): what comes back depends on who sent it. An unknown sender or
   * recipient throws {@link ResourceNotFound} whose `field` names it (`params.from.id`,
   * `params.to.email`...): the API's 404 does not say which, so for an admin's message one
   * `GET /admins/{id}` tells them apart.
   */
  create(params: CreateMessageParams, options?: RequestOptions): Promise<AdminMessage | UserMessage>;
  async create(params: CreateMessageParams, options?: RequestOptions): Promise<AdminMessage | UserMessage> {
    requireObject(params, 'params');
    checkMessage(params);
    // Sent as given, as the gem does. A message is created each time: never repeated once sent.
    const body: JsonObject = { ...params };
    try {
      return entity<AdminMessage | UserMessage>(await this.http.post('/messages', { body, options }));
    } catch (error) {
      if (!(error instanceof ResourceNotFound) || error.field !== undefined) throw error;
      throw namedNotFound(error, await this.#missingParty(params, options));
    }
  }

  /**
   * Which party of a message the API did not find (its 404 does not say): the sender of a customer's
   * message; for an admin's, the admin when `GET /admins/{id}` does not find it, else the recipient.
   */
  async #missingParty(params: CreateMessageParams, options: RequestOptions | undefined): Promise<string | undefined> {
    const { from } = params;
    if (from.type !== 'admin') return `params.from.${identifierKey(from)}`;
    if (!('to' in params)) return undefined;
    try {
      await this.http.get(apiPath`/admins/${from.id}`, { options });
    } catch (error) {
      return error instanceof ResourceNotFound || error instanceof AdminNotFound ? 'params.from.id' : undefined;
    }
    return `params.to.${identifierKey(params.to)}`;
  }
}

/** The key of the one identifier a party was named by. */
function identifierKey(party: object): string {
  return ['id', 'user_id', 'email'].find((key) => (party as Record<string, unknown>)[key] !== undefined) ?? 'id';
}

/** `error` again, with `field` naming what was not found. */
function namedNotFound(error: ResourceNotFound, field: string | undefined): ResourceNotFound {
  if (field === undefined) return error;
  return new ResourceNotFound(
    `${error.message}: no such ${field.startsWith('params.from') ? 'sender' : 'recipient'} (${field})`,
    {
      httpCode: error.httpCode,
      applicationErrorCode: error.applicationErrorCode,
      field,
      requestId: error.requestId,
      headers: error.headers,
      outcomeUnknown: error.outcomeUnknown,
      body: error.body,
      cause: error,
    },
  );
}
