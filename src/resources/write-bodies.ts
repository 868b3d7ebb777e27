/**
 * The checks a write runs before anything is sent, offered on their own: to check the rows of an
 * import, say, before a bulk job carries them.
 *
 * @module
 */
import type { JsonObject } from '../core/models.js';
import { eventBody } from './events.js';
import { personWriteBody } from './person-fields.js';

/**
 * The body `users.create` (and a bulk user item) sends for `params`, checked as they check it: throws
 * {@link InvalidParameterError} naming `parameter` and the field. Nothing is sent.
 *
 * ```ts
 * const body = userWriteBody({ user_id: '25', email: 'wash@serenity.io' }, 'row 2');
 * ```
 */
export function userWriteBody(params: Record<string, unknown>, parameter = 'params'): JsonObject {
  return personWriteBody(params, parameter);
}

/**
 * The body `events.create` (and a bulk event item) sends for `params`, checked as they check it:
 * `created_at` and metadata dates as epoch seconds; throws {@link InvalidParameterError} naming
 * `parameter` and the field. Nothing is sent.
 */
export function eventWriteBody(params: JsonObject, parameter = 'params'): JsonObject {
  return eventBody(params, parameter);
}
