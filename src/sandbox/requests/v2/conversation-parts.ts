/** Reading the parts an admin adds to a conversation (replies and changes) and reply bodies, before any lookup. */
import { ApiError } from '../../api-error.js';
import { type Body, optionalString } from '../v1/payload.js';
import { requiredId } from './body-fields.js';

const required = (field: string): ApiError => new ApiError(400, 'parameter_not_found', `${field} is a required parameter`);

/** The kinds of part an admin's reply adds, and those of `POST /conversations/{id}/parts`. */
export const REPLY_KINDS = ['comment', 'note', 'quick_reply'] as const;
export const CHANGE_KINDS = ['close', 'open', 'snoozed', 'assignment'] as const;

/** An admin's part as its body gives it, before any lookup: Intercom's refusals for what is missing or odd. */
interface AdminPartFields {
  messageType: string;
  adminId: string;
  snoozedUntil?: number;
  assigneeId?: string;
}

/** Reads an admin's part of one of `kinds` from its body alone. */
export function readAdminPart(body: Body, kinds: readonly string[]): AdminPartFields {
  const messageType = optionalString(body, 'message_type');
  if (messageType === undefined || messageType === null) throw required('message_type');
  if (!kinds.includes(messageType))
    throw new ApiError(400, 'parameter_invalid', `message_type must be one of ${kinds.join(', ')}`);
  const fields: AdminPartFields = { messageType, adminId: requiredId(body, 'admin_id') };
  if (messageType === 'snoozed') {
    const until = body.snoozed_until;
    if (typeof until !== 'number' || !Number.isInteger(until)) throw required('snoozed_until');
    fields.snoozedUntil = until;
  }
  if (messageType === 'assignment') fields.assigneeId = requiredId(body, 'assignee_id');
  return fields;
}

/** Reads a reply body alone (who replies, and what): the refusals that need no lookup. */
export function readReplyBody(body: Body): void {
  const type = optionalString(body, 'type');
  if (type === undefined || type === null) throw required('type');
  if (type === 'admin') {
    readAdminPart(body, REPLY_KINDS);
    return;
  }
  if (type !== 'user') throw new ApiError(400, 'parameter_invalid', "type must be 'admin' or 'user'");
  if (optionalString(body, 'message_type') !== 'comment')
    throw new ApiError(400, 'parameter_invalid', "message_type must be 'comment'");
}
