import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MultipleMatchingUsersError, ResourceNotFound } from 'intercom-ts';
import { type BridgeFixture, withBridge } from './bridge-sandbox.js';

async function newContact(s: BridgeFixture, body: Record<string, unknown>): Promise<{ id: string }> {
  return (await s.call('POST', '/contacts', body)) as { id: string };
}

test('users.find by email, user_id and id: the 2.x lookups, answered as 1.x users', async () => {
  const s = await withBridge();
  try {
    const created = await newContact(s, {
      role: 'user',
      email: 'ann@example.com',
      external_id: 'ann-1',
      name: 'Ann',
      last_seen_at: 1700000000,
      custom_attributes: {},
    });
    s.clearLog();
    const byEmail = await s.intercom.users.find({ email: 'ann@example.com' });
    assert.equal(byEmail.id, created.id);
    assert.equal(byEmail.user_id, 'ann-1');
    assert.equal(byEmail.type, 'user');
    assert.equal(byEmail.last_request_at, 1700000000);
    assert.deepEqual(s.sent(), ['POST /contacts/search']);
    assert.deepEqual(s.requests()[0]?.body, {
      query: {
        operator: 'AND',
        value: [
          { field: 'role', operator: '=', value: 'user' },
          { field: 'email', operator: '=', value: 'ann@example.com' },
        ],
      },
      pagination: { per_page: 50 },
    });
    s.clearLog();
    const byUserId = await s.intercom.users.find({ user_id: 'ann-1' });
    assert.equal(byUserId.id, created.id);
    assert.deepEqual(s.sent(), ['GET /contacts/find_by_external_id/ann-1']);
    s.clearLog();
    const byId = await s.intercom.users.find({ id: created.id });
    assert.equal(byId.email, 'ann@example.com');
    assert.deepEqual(s.sent(), [`GET /contacts/${created.id}`]);
  } finally {
    await s.close();
  }
});

test('before 2.13, users.find({ user_id }) searches on external_id', async () => {
  const s = await withBridge('2.7');
  try {
    const created = await newContact(s, { role: 'user', external_id: 'bob-2', email: 'bob-two@example.com' });
    s.clearLog();
    assert.equal((await s.intercom.users.find({ user_id: 'bob-2' })).id, created.id);
    assert.deepEqual(s.sent(), ['POST /contacts/search']);
    const query = (s.requests()[0]?.body as { query: { value: unknown[] } } | undefined)?.query.value;
    assert.deepEqual(query?.[1], { field: 'external_id', operator: '=', value: 'bob-2' });
  } finally {
    await s.close();
  }
});

test('the 1.x misses: unknown user, a lead through /users, several users by email', async () => {
  const s = await withBridge();
  try {
    const lead = await newContact(s, { role: 'lead', email: 'lee@example.com' });
    // 1.x allowed several users with one email (2.x refuses a second one).
    await s.call('POST', '/users', { user_id: 't1', email: 'twin@example.com' }, '1.4');
    await s.call('POST', '/users', { user_id: 't2', email: 'twin@example.com' }, '1.4');
    await assert.rejects(s.intercom.users.find({ email: 'twin@example.com' }), MultipleMatchingUsersError);
    await assert.rejects(s.intercom.users.find({ email: 'nobody@example.com' }), ResourceNotFound);
    await assert.rejects(
      s.intercom.users.find({ user_id: 'nobody' }),
      (e: unknown) => e instanceof ResourceNotFound && e.httpCode === 404 && e.code === 'not_found',
    );
    await assert.rejects(
      s.intercom.users.find({ id: lead.id }),
      (e: unknown) => e instanceof ResourceNotFound && e.message === 'User Not Found',
    );
    await assert.rejects(s.intercom.users.find({ id: '000000000000000000000000' }), ResourceNotFound);
    const leadFound = await s.intercom.contacts.find({ id: lead.id });
    assert.equal(leadFound.type, 'contact');
    const leads = await s.intercom.contacts.find({ email: 'lee@example.com' });
    assert.equal(leads.contacts.length, 1);
  } finally {
    await s.close();
  }
});
