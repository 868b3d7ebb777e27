import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import {
  anonymousIdentity,
  anonymousSaveBody,
  convertTargetIdentity,
  fillAnonymous,
  personFieldsBody,
  personWriteBody,
  refreshAnonymous,
  USER_READ_ONLY,
  USER_SHAPE,
  USER_WRITABLE_FIELDS,
} from '../../src/resources/person-fields.js';

// The rules the 1.x users, leads and visitors share: which fields a save sends, how a write body is
// checked, and how a lead or visitor is named in a convert.

/** Asserts that `run` throws InvalidParameterError for `field` with exactly `message`. */
function refuses(run: () => unknown, field: string, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InvalidParameterError, String(error));
    assert.equal(error.field, field);
    assert.equal(error.message, `${field}: ${message}`);
    return true;
  });
}

test("the fields a user save may send, and those it never sends (the gem's user model)", () => {
  assert.deepEqual([...USER_WRITABLE_FIELDS].sort(), [
    'companies',
    'custom_attributes',
    'email',
    'last_request_at',
    'last_seen_ip',
    'last_seen_user_agent',
    'name',
    'new_session',
    'owner_id',
    'phone',
    'remote_created_at',
    'signed_up_at',
    'unsubscribed_from_emails',
    'update_last_request_at',
    'user_id',
  ]);
  assert.deepEqual([...USER_READ_ONLY].sort(), [
    'anonymous',
    'app_id',
    'created_at',
    'id',
    'pseudonym',
    'session_count',
    'type',
    'updated_at',
  ]);
  assert.deepEqual(USER_SHAPE.lists, ['companies', 'social_profiles', 'segments', 'tags']);
  assert.equal(USER_SHAPE.writable, USER_WRITABLE_FIELDS);
});

test('personFieldsBody: the three timestamps as epoch seconds, null and absent left alone, the rest as given', () => {
  const at = new Date(1_438_944_980_000);
  const body = personFieldsBody(
    { signed_up_at: at, remote_created_at: at, last_request_at: at, name: 'Wash', owner_id: null },
    'user',
  );
  assert.deepEqual(body, {
    signed_up_at: 1_438_944_980,
    remote_created_at: 1_438_944_980,
    last_request_at: 1_438_944_980,
    name: 'Wash',
    owner_id: null,
  });
  assert.deepEqual(personFieldsBody({ signed_up_at: null }, 'user'), { signed_up_at: null });
  assert.equal('custom_attributes' in personFieldsBody({ name: 'x' }, 'user'), false, 'a bulk item sends no empty attributes');
  const params = { name: 'Kaylee' };
  assert.notEqual(personFieldsBody(params, 'user'), params, 'a copy: the caller keeps its object');
});

test("personFieldsBody refuses, naming the parameter and the field: a bad timestamp, custom attributes that aren't, companies that are no array", () => {
  assert.throws(
    () => personFieldsBody({ last_request_at: 'yesterday' }, 'row 4'),
    (error: unknown) => error instanceof InvalidParameterError && error.field === 'row 4.last_request_at',
  );
  assert.throws(
    () => personFieldsBody({ custom_attributes: 'plan' }, 'row 4'),
    (error: unknown) => error instanceof InvalidParameterError && error.field === 'row 4.custom_attributes',
  );
  refuses(
    () => personFieldsBody({ companies: { company_id: '6' } }, 'row 4'),
    'row 4.companies',
    'must be an array of company items',
  );
  assert.deepEqual(personFieldsBody({ companies: [{ company_id: '6' }] }, 'row 4'), { companies: [{ company_id: '6' }] });
});

test('personWriteBody: custom_attributes always, {} when none; given ones kept', () => {
  assert.deepEqual(personWriteBody({ email: 'a@b.c' }, 'user'), { email: 'a@b.c', custom_attributes: {} });
  assert.deepEqual(personWriteBody({ custom_attributes: { plan: 'pro' } }, 'user'), { custom_attributes: { plan: 'pro' } });
});

test("a lead's save sends what changed and its custom attributes, never its user_id (Intercom's) nor read-only fields", () => {
  const lead: Record<string, unknown> = {};
  fillAnonymous(lead, {
    type: 'contact',
    id: '5a0',
    user_id: 'b7e-intercom-made',
    name: 'Old',
    custom_attributes: null,
    tags: { type: 'tag.list', tags: [{ id: '1' }] },
  } as never);
  assert.deepEqual(lead.tags, [{ id: '1' }], 'the X.list wrappers are unwrapped');
  assert.deepEqual(lead.companies, [], 'and absent lists are empty');
  assert.deepEqual(lead.custom_attributes, {});
  assert.deepEqual(anonymousSaveBody(lead, 'lead'), { custom_attributes: {} }, 'nothing changed');

  lead.name = 'New';
  lead.user_id = 'mine';
  lead.created_at = 5;
  (lead.custom_attributes as Record<string, unknown>).plan = 'pro';
  assert.deepEqual(anonymousSaveBody(lead, 'lead'), { name: 'New', custom_attributes: { plan: 'pro' } });

  // A visitor the API gave no user_id: one set by the caller is not sent either.
  const visitor: Record<string, unknown> = {};
  fillAnonymous(visitor, { type: 'visitor', id: 'v1' } as never);
  visitor.user_id = 'set-by-caller';
  visitor.email = 'new@example.com';
  assert.deepEqual(anonymousSaveBody(visitor, 'visitor'), { email: 'new@example.com', custom_attributes: {} });
});

test('after a save the lead takes the saved state and forgets its changes', () => {
  const lead: Record<string, unknown> = {};
  fillAnonymous(lead, { type: 'contact', id: '5a0', name: 'Old' } as never);
  lead.name = 'New';
  refreshAnonymous(lead, { type: 'contact', id: '5a0', name: 'New', phone: '+1' });
  assert.equal(lead.phone, '+1');
  assert.deepEqual(anonymousSaveBody(lead, 'lead'), { custom_attributes: {} });
  lead.phone = '+2';
  assert.deepEqual(anonymousSaveBody(lead, 'lead'), { phone: '+2', custom_attributes: {} });
});

test('anonymousIdentity: the user_id when it has one (as the gem sends), else its id; neither is refused', () => {
  assert.deepEqual(anonymousIdentity({ user_id: 'u-1', id: 'i-1' }, 'lead'), { user_id: 'u-1' });
  assert.deepEqual(anonymousIdentity({ user_id: '', id: 'i-1' }, 'lead'), { id: 'i-1' });
  assert.deepEqual(anonymousIdentity({ user_id: 7, id: 'i-1' }, 'lead'), { id: 'i-1' }, 'a user_id that is no string');
  assert.deepEqual(anonymousIdentity({ id: 42 }, 'lead'), { id: '42' });
  refuses(() => anonymousIdentity({}, 'lead'), 'lead', 'needs a user_id or an id');
  refuses(() => anonymousIdentity({ id: null }, 'visitor'), 'visitor', 'needs a user_id or an id');
  refuses(() => anonymousIdentity({ id: '' }, 'visitor'), 'visitor.id', 'must be a non-empty string (got string)');
  refuses(() => anonymousIdentity('5a0', 'visitor'), 'visitor', 'must be an object (got string)');
});

test('convertTargetIdentity: every identifier given (id, email, user_id), empty ones skipped; none is refused', () => {
  assert.deepEqual(convertTargetIdentity({ id: 'i', email: 'e@x.io', user_id: 'u' }, 'user'), {
    id: 'i',
    email: 'e@x.io',
    user_id: 'u',
  });
  assert.deepEqual(convertTargetIdentity({ id: null, email: '', user_id: 25 }, 'user'), { user_id: '25' });
  refuses(() => convertTargetIdentity({ email: 5 }, 'user'), 'user.email', 'must be a string (got number)');
  refuses(() => convertTargetIdentity({ id: {} }, 'user'), 'user.id', 'must be a non-empty string (got object)');
  refuses(() => convertTargetIdentity({ user_id: ' ' }, 'user'), 'user.user_id', 'must be a non-empty string (got string)');
  refuses(() => convertTargetIdentity({ name: 'n' }, 'user'), 'user', 'needs an id, an email or a user_id');
  refuses(() => convertTargetIdentity(undefined, 'user'), 'user', 'must be an object (got undefined)');
});
