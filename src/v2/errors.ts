/**
 * Errors of the 2.x client: the core's classes (which carry the official SDK's `statusCode` and
 * `body` besides `code`, `requestId` and `outcomeUnknown`), and the few the 2.x API adds.
 *
 * @module
 */

import { type IntercomError, MultipleMatchingUsersError, ResourceNotFound } from '../core/errors.js';

/** The context of `cause`, for an error that refines it. */
const contextOf = (cause: IntercomError) => ({
  httpCode: cause.httpCode,
  applicationErrorCode: cause.applicationErrorCode,
  field: cause.field,
  requestId: cause.requestId,
  headers: cause.headers,
  body: cause.body,
  cause,
});

/**
 * `contacts.create` was refused (HTTP 409) because a contact with the same email or external id
 * exists. {@link ContactConflictError.existingContactId} names it: update that contact instead.
 */
export class ContactConflictError extends MultipleMatchingUsersError {
  /** The id of the contact that already exists, when Intercom named it. */
  readonly existingContactId: string | undefined;
  /** True when the existing contact is archived (unarchive it to use it). */
  readonly archived: boolean;

  constructor(cause: IntercomError) {
    super(cause.message, contextOf(cause));
    this.existingContactId = /\bid=([A-Za-z0-9_-]+)/.exec(cause.message)?.[1];
    this.archived = /archived/i.test(cause.message);
  }
}

/**
 * A contact that was merged into another (HTTP 410, code `contact_merged`, API 2.16):
 * {@link ContactMergedError.canonicalContactId} is the contact it was merged into, from the `Link` header.
 */
export class ContactMergedError extends ResourceNotFound {
  /** The id of the contact it was merged into, when the `Link` header names it. */
  readonly canonicalContactId: string | undefined;

  constructor(cause: IntercomError) {
    super(cause.message, contextOf(cause));
    this.canonicalContactId = /<[^>]*\/contacts\/([^/>?]+)>\s*;\s*rel="?canonical"?/.exec(cause.headers?.link ?? '')?.[1];
  }
}

/** The error a 2.x operation throws for `error`: a more precise class where the operation has one. */
export function refinedError(error: unknown, method: string, path: string): unknown {
  const failure = error as IntercomError;
  if (method === 'POST' && path === '/contacts' && failure?.httpCode === 409) return new ContactConflictError(failure);
  if (failure?.applicationErrorCode === 'contact_merged') return new ContactMergedError(failure);
  return error;
}
