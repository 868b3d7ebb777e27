/**
 * The fields users, leads and visitors share (API 1.x gives them one shape): which are writable,
 * how a write body is built and checked, and how a lead or visitor names itself in a convert.
 * Used by `users.ts`, `contacts.ts`, `visitors.ts` and `customers.ts`, and by the CLI's import.
 *
 * @module
 */
import { InvalidParameterError } from '../core/errors.js';
import {
  assertCustomAttributes,
  changedFields,
  fillModel,
  type JsonObject,
  type ModelShape,
  refreshModel,
  type Timestamp,
  toEpochSeconds,
} from '../core/models.js';
import { describe, requireId, requireObject } from '../core/validation.js';

/** The user fields a save may send when they changed; everything else the API returns is read-only. */
export const USER_WRITABLE_FIELDS: ReadonlySet<string> = new Set([
  'user_id',
  'email',
  'phone',
  'name',
  'signed_up_at',
  'remote_created_at',
  'last_request_at',
  'last_seen_ip',
  'last_seen_user_agent',
  'unsubscribed_from_emails',
  'owner_id',
  'companies',
  'custom_attributes',
  'update_last_request_at',
  'new_session',
]);

/** Fields that a user save never sends, even when the caller sets them. */
export const USER_READ_ONLY: ReadonlySet<string> = new Set([
  'type',
  'id',
  'created_at',
  'updated_at',
  'session_count',
  'app_id',
  'anonymous',
  'pseudonym',
]);

/** How users (and customers) are read and saved: their `X.list` wrappers and writable fields. */
export const USER_SHAPE: ModelShape = {
  lists: ['companies', 'social_profiles', 'segments', 'tags'],
  writable: USER_WRITABLE_FIELDS,
};

/** How leads and visitors are read and saved: a user's shape, but their `user_id` is Intercom's. */
const ANONYMOUS_SHAPE: ModelShape = {
  lists: USER_SHAPE.lists,
  writable: new Set([...USER_WRITABLE_FIELDS].filter((field) => field !== 'user_id')),
};

/** Fields a lead or visitor save never sends, even when the caller sets them. */
const ANONYMOUS_READ_ONLY: ReadonlySet<string> = new Set([...USER_READ_ONLY, 'user_id']);

const TIMESTAMP_FIELDS = ['signed_up_at', 'remote_created_at', 'last_request_at'] as const;

/**
 * The wire form of person fields: timestamps as epoch seconds, custom attributes and companies
 * checked (what a bulk job item sends).
 */
export function personFieldsBody(params: Record<string, unknown>, parameter: string): JsonObject {
  const body: JsonObject = { ...params };
  for (const key of TIMESTAMP_FIELDS) {
    const value = body[key];
    if (value !== undefined && value !== null) body[key] = toEpochSeconds(value as Timestamp, `${parameter}.${key}`);
  }
  if (body.custom_attributes !== undefined) assertCustomAttributes(body.custom_attributes, `${parameter}.custom_attributes`);
  if (body.companies !== undefined && !Array.isArray(body.companies)) {
    throw new InvalidParameterError(`${parameter}.companies`, 'must be an array of company items');
  }
  return body;
}

/**
 * What a user, lead or visitor create or save sends: {@link personFieldsBody}, and
 * `custom_attributes` always (`{}` when none).
 */
export function personWriteBody(params: Record<string, unknown>, parameter: string): JsonObject {
  const body = personFieldsBody(params, parameter);
  if (body.custom_attributes === undefined) body.custom_attributes = {};
  return body;
}

/**
 * Fills a lead or visitor model from an API object: unwraps the `X.list` wrappers, defaults
 * `custom_attributes` and the lists, and remembers the fields for {@link changedFields}.
 */
export function fillAnonymous(model: Record<string, unknown>, data: JsonObject): void {
  fillModel(model, data, ANONYMOUS_SHAPE);
}

/** The body of a lead or visitor save: what changed since the API returned it, plus the complete `custom_attributes`. */
export function anonymousSaveBody(model: Record<string, unknown>, parameter: string): JsonObject {
  return personWriteBody({ ...changedFields(model, ANONYMOUS_READ_ONLY), custom_attributes: model.custom_attributes }, parameter);
}

/** After a lead or visitor save: the model takes the saved state and forgets its changes. */
export function refreshAnonymous(model: Record<string, unknown>, saved: object): void {
  refreshModel(model, saved, ANONYMOUS_SHAPE);
}

/** `{ user_id }` (as the gem sends) or `{ id }` of a lead or visitor to convert. */
export function anonymousIdentity(model: unknown, parameter: string): JsonObject {
  requireObject(model, parameter);
  if (typeof model.user_id === 'string' && model.user_id !== '') return { user_id: model.user_id };
  if (model.id === undefined || model.id === null) {
    throw new InvalidParameterError(parameter, 'needs a user_id or an id');
  }
  return { id: requireId(model.id, `${parameter}.id`) };
}

/** The identifiers of the user a lead or visitor converts into (`id`, `email`, `user_id` when set), at least one. */
export function convertTargetIdentity(user: unknown, parameter: string): JsonObject {
  requireObject(user, parameter);
  const out: JsonObject = {};
  for (const key of ['id', 'email', 'user_id'] as const) {
    const value = user[key];
    if (value === undefined || value === null || value === '') continue;
    if (key === 'email' && typeof value !== 'string') {
      throw new InvalidParameterError(`${parameter}.email`, `must be a string (got ${describe(value)})`);
    }
    out[key] = requireId(value, `${parameter}.${key}`);
  }
  if (Object.keys(out).length === 0) throw new InvalidParameterError(parameter, 'needs an id, an email or a user_id');
  return out;
}
