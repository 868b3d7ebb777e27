/**
 * `client.tickets`: the generated operations, plus the ticket part operations written out (note,
 * comment, close, reopen, snooze, assign): replies through `POST /tickets/{id}/reply`, state changes
 * through `PUT /tickets/{id}`. Each checks its input before anything is sent.
 *
 * @module
 */

import { InvalidParameterError } from '../core/errors.js';
import { TicketsClient } from './generated/resources/tickets.js';
import type { Ticket, TicketReply } from './generated/schemas.js';
import type { RequestOptions } from './request-options.js';

/** Which ticket, and the admin who acts. */
export interface TicketPartRequest {
  ticket_id: string;
  /** The admin who acts (a number in the ticket's update, a string in its replies: both are accepted). */
  admin_id: string | number;
}

function checkPart(request: TicketPartRequest): void {
  if (typeof request !== 'object' || request === null) throw new InvalidParameterError('request', 'must be an object');
  if (typeof request.ticket_id !== 'string' || request.ticket_id === '')
    throw new InvalidParameterError('ticket_id', 'must be a non-empty string');
  if (!/^\d+$/.test(String(request.admin_id))) throw new InvalidParameterError('admin_id', "must be an admin's numeric id");
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidParameterError(name, 'must be a non-empty string');
}

/** Tickets: every 2.x operation, and its part operations as methods. */
export class Tickets extends TicketsClient {
  /** Adds a note (seen by teammates only). Never repeated after a lost answer. */
  async note(request: TicketPartRequest & { body: string }, options?: RequestOptions): Promise<TicketReply> {
    checkPart(request);
    requireText(request.body, 'body');
    return this.reply(
      {
        ticket_id: request.ticket_id,
        body: { message_type: 'note', type: 'admin', admin_id: String(request.admin_id), body: request.body },
      },
      options,
    );
  }

  /** Replies to the ticket's contacts as an admin. Never repeated after a lost answer. */
  async comment(request: TicketPartRequest & { body: string }, options?: RequestOptions): Promise<TicketReply> {
    checkPart(request);
    requireText(request.body, 'body');
    return this.reply(
      {
        ticket_id: request.ticket_id,
        body: { message_type: 'comment', type: 'admin', admin_id: String(request.admin_id), body: request.body },
      },
      options,
    );
  }

  /** Closes the ticket (`open: false`). Repeatable (a PUT). */
  async close(request: TicketPartRequest, options?: RequestOptions): Promise<Ticket> {
    checkPart(request);
    return this.update({ ticket_id: request.ticket_id, admin_id: Number(request.admin_id), open: false }, options);
  }

  /** Reopens the ticket (`open: true`). Repeatable (a PUT). */
  async reopen(request: TicketPartRequest, options?: RequestOptions): Promise<Ticket> {
    checkPart(request);
    return this.update({ ticket_id: request.ticket_id, admin_id: Number(request.admin_id), open: true }, options);
  }

  /** Snoozes the ticket until `snoozed_until` (a UNIX time in seconds, in the future). Repeatable (a PUT). */
  async snooze(request: TicketPartRequest & { snoozed_until: number }, options?: RequestOptions): Promise<Ticket> {
    checkPart(request);
    if (!Number.isInteger(request.snoozed_until) || request.snoozed_until <= Date.now() / 1000) {
      throw new InvalidParameterError('snoozed_until', 'must be a whole number of seconds since the epoch, in the future');
    }
    return this.update(
      { ticket_id: request.ticket_id, admin_id: Number(request.admin_id), snoozed_until: request.snoozed_until },
      options,
    );
  }

  /** Assigns the ticket to an admin or a team (`assignee_id`; `'0'` unassigns it). Repeatable (a PUT). */
  async assign(request: TicketPartRequest & { assignee_id: string }, options?: RequestOptions): Promise<Ticket> {
    checkPart(request);
    requireText(request.assignee_id, 'assignee_id');
    return this.update(
      { ticket_id: request.ticket_id, admin_id: Number(request.admin_id), assignee_id: request.assignee_id },
      options,
    );
  }
}
