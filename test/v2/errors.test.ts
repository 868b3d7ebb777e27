import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntercomError, MultipleMatchingUsersError, ResourceNotFound } from '../../src/core/errors.js';
import { ContactConflictError, ContactMergedError, refinedError } from '../../src/v2/errors.js';

// The errors the 2.x client refines from the core's (pure functions, no socket).

const conflict = (message: string, extra: Partial<ConstructorParameters<typeof IntercomError>[1]> = {}) =>
  new IntercomError(message, { httpCode: 409, applicationErrorCode: 'conflict', requestId: 'req-9', ...extra });

test('a 409 on POST /contacts is a ContactConflictError with the existing id and the context of its cause', () => {
  const cause = conflict('A contact matching those details already exists with id=6657a1b2c3_d-4', {
    field: 'email',
    headers: { 'x-request-id': 'req-9' },
    body: { type: 'error.list' },
    outcomeUnknown: false,
  });
  const error = refinedError(cause, 'POST', '/contacts');
  assert.ok(error instanceof ContactConflictError);
  assert.ok(error instanceof MultipleMatchingUsersError);
  assert.equal(error.existingContactId, '6657a1b2c3_d-4');
  assert.equal(error.archived, false);
  assert.equal(error.message, cause.message);
  assert.equal(error.httpCode, 409);
  assert.equal(error.applicationErrorCode, 'conflict');
  assert.equal(error.field, 'email');
  assert.equal(error.requestId, 'req-9');
  assert.deepEqual(error.headers, { 'x-request-id': 'req-9' });
  assert.deepEqual(error.body, { type: 'error.list' });
  assert.equal(error.cause, cause);
  assert.equal(error.name, 'ContactConflictError');
});

test('the conflict with an archived contact says so; without an id the id is undefined', () => {
  const archived = refinedError(
    conflict('An archived contact matching those details already exists with id=abc'),
    'POST',
    '/contacts',
  );
  assert.ok(archived instanceof ContactConflictError);
  assert.equal(archived.archived, true);
  assert.equal(archived.existingContactId, 'abc');
  const bare = refinedError(conflict('Conflict'), 'POST', '/contacts');
  assert.ok(bare instanceof ContactConflictError);
  assert.equal(bare.existingContactId, undefined);
  assert.equal(bare.archived, false);
  // `id=` must be a word of its own: `uuid=...` names no contact.
  const uuid = refinedError(conflict('exists with uuid=zzz'), 'POST', '/contacts') as ContactConflictError;
  assert.equal(uuid.existingContactId, undefined);
});

test('a 409 elsewhere, or another status on POST /contacts, is left as it is', () => {
  for (const [error, method, path] of [
    [conflict('x'), 'PUT', '/contacts'],
    [conflict('x'), 'POST', '/contacts/search'],
    [conflict('x'), 'POST', '/companies'],
    [new IntercomError('x', { httpCode: 400 }), 'POST', '/contacts'],
  ] as const) {
    assert.equal(refinedError(error, method, path), error);
  }
  const plain = new Error('socket');
  assert.equal(refinedError(plain, 'POST', '/contacts'), plain);
  assert.equal(refinedError(undefined, 'GET', '/contacts/1'), undefined);
  assert.equal(refinedError(undefined, 'POST', '/contacts'), undefined);
});

test('contact_merged is a ContactMergedError naming the canonical contact from the Link header', () => {
  const merged = (link: string | undefined) =>
    refinedError(
      new IntercomError('Contact was merged', {
        httpCode: 410,
        applicationErrorCode: 'contact_merged',
        headers: link === undefined ? {} : { link },
      }),
      'GET',
      '/contacts/old',
    );
  const error = merged('<https://api.intercom.io/contacts/6657abc>; rel="canonical"');
  assert.ok(error instanceof ContactMergedError);
  assert.ok(error instanceof ResourceNotFound);
  assert.equal(error.canonicalContactId, '6657abc');
  assert.equal(error.httpCode, 410);
  assert.equal(error.code, 'contact_merged');
  assert.equal((merged('<https://api.intercom.io/contacts/x1>;rel=canonical') as ContactMergedError).canonicalContactId, 'x1');
  assert.equal((merged('<https://api.intercom.io/contacts/x2> ; rel=canonical') as ContactMergedError).canonicalContactId, 'x2');
  assert.equal((merged('<https://api.intercom.io/contacts/x1>; rel="next"') as ContactMergedError).canonicalContactId, undefined);
  assert.equal((merged(undefined) as ContactMergedError).canonicalContactId, undefined);
  const noHeaders = refinedError(new IntercomError('m', { applicationErrorCode: 'contact_merged' }), 'DELETE', '/contacts/1');
  assert.ok(noHeaders instanceof ContactMergedError);
  assert.equal(noHeaders.canonicalContactId, undefined);
});

test('a refined error keeps outcomeUnknown false: a refused create was not applied', () => {
  const error = refinedError(conflict('exists with id=1'), 'POST', '/contacts') as ContactConflictError;
  assert.equal(error.outcomeUnknown, false);
});
