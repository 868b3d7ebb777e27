/**
 * `client.conversations`: the generated operations, plus the conversation part operations written
 * out (open, close, snooze, assign, note), which the API sends as parts of `POST /conversations/{id}/parts`
 * and `/reply`. Each checks its input before anything is sent.
 *
 * @module
 */

import { InvalidParameterError } from '../core/errors.js';
import { ConversationsClient } from './generated/resources/conversations.js';
import type { Conversation } from './generated/schemas.js';
import type { RequestOptions } from './request-options.js';

/** Who acts on the conversation, and which conversation. */
export interface ConversationPartRequest {
  /** The conversation's id (`'last'` is not accepted here). */
  conversation_id: string;
  /** The admin who acts. */
  admin_id: string;
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidParameterError(name, 'must be a non-empty string');
}

function checkPart(request: ConversationPartRequest): void {
  if (typeof request !== 'object' || request === null) throw new InvalidParameterError('request', 'must be an object');
  requireText(request.conversation_id, 'conversation_id');
  requireText(request.admin_id, 'admin_id');
}

/** Conversations: every 2.x operation, and its part operations as methods. */
export class Conversations extends ConversationsClient {
  /** Opens a conversation (a part `message_type: 'open'`). Never repeated after a lost answer. */
  async open(request: ConversationPartRequest, options?: RequestOptions): Promise<Conversation> {
    checkPart(request);
    const { conversation_id, admin_id } = request;
    return this.manage({ conversation_id, body: { message_type: 'open', admin_id } }, options);
  }

  /** Closes a conversation, with an optional closing message. Never repeated after a lost answer. */
  async close(request: ConversationPartRequest & { body?: string }, options?: RequestOptions): Promise<Conversation> {
    checkPart(request);
    const { conversation_id, admin_id, body } = request;
    return this.manage(
      { conversation_id, body: { message_type: 'close', type: 'admin', admin_id, ...(body === undefined ? {} : { body }) } },
      options,
    );
  }

  /** Snoozes a conversation until `snoozed_until` (a UNIX time in seconds, in the future). Never repeated after a lost answer. */
  async snooze(request: ConversationPartRequest & { snoozed_until: number }, options?: RequestOptions): Promise<Conversation> {
    checkPart(request);
    const { conversation_id, admin_id, snoozed_until } = request;
    if (!Number.isInteger(snoozed_until) || snoozed_until <= Date.now() / 1000) {
      throw new InvalidParameterError('snoozed_until', 'must be a whole number of seconds since the epoch, in the future');
    }
    return this.manage({ conversation_id, body: { message_type: 'snoozed', admin_id, snoozed_until } }, options);
  }

  /**
   * Assigns a conversation to an admin (`type: 'admin'`, the default) or a team (`type: 'team'`);
   * `assignee_id: '0'` unassigns it. Never repeated after a lost answer.
   */
  async assign(
    request: ConversationPartRequest & { assignee_id: string; type?: 'admin' | 'team'; body?: string },
    options?: RequestOptions,
  ): Promise<Conversation> {
    checkPart(request);
    const { conversation_id, admin_id, assignee_id, type = 'admin', body } = request;
    requireText(assignee_id, 'assignee_id');
    if (type !== 'admin' && type !== 'team') throw new InvalidParameterError('type', "must be 'admin' or 'team'");
    return this.manage(
      {
        conversation_id,
        body: { message_type: 'assignment', type, admin_id, assignee_id, ...(body === undefined ? {} : { body }) },
      },
      options,
    );
  }

  /** Adds a note (seen by teammates only) as an admin. Never repeated after a lost answer. */
  async note(request: ConversationPartRequest & { body: string }, options?: RequestOptions): Promise<Conversation> {
    checkPart(request);
    requireText(request.body, 'body');
    const { conversation_id, admin_id, body } = request;
    return this.reply({ conversation_id, body: { message_type: 'note', type: 'admin', admin_id, body } }, options);
  }
}
