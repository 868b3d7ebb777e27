/** One workspace, two views: records written through 1.x are read through 2.x, and the other way round. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { raw } from '../../helpers/raw-http.js';
import { fileSandbox } from '../../helpers/v2-sandbox.js';

const fx = fileSandbox({ seed: 'demo' });

const V2 = { 'intercom-version': '2.16' };
const V1 = { 'intercom-version': '1.4' };

test('a user, its tag, company, note and event written through 1.x are read through 2.x', async () => {
  const user = await raw(fx.sandbox, 'POST', '/users', { user_id: 'x-1', email: 'cross@example.com', name: 'Cross' }, V1);
  assert.equal(user.status, 200);
  await raw(fx.sandbox, 'POST', '/tags', { name: 'Crossed', users: [{ user_id: 'x-1' }] }, V1);
  await raw(fx.sandbox, 'POST', '/users', { user_id: 'x-1', companies: [{ company_id: 'x-co', name: 'Cross Co' }] }, V1);
  await raw(fx.sandbox, 'POST', '/notes', { user: { user_id: 'x-1' }, body: 'Seen in 1.x', admin_id: '394051' }, V1);
  await raw(fx.sandbox, 'POST', '/events', { event_name: 'crossed', created_at: 1_700_000_000, user_id: 'x-1' }, V1);

  const contact = await raw(fx.sandbox, 'GET', '/contacts/find_by_external_id/x-1', undefined, V2);
  assert.equal(contact.status, 200);
  assert.equal(contact.body.type, 'contact');
  assert.equal(contact.body.id, user.body.id);
  assert.equal(contact.body.role, 'user');
  assert.equal(contact.body.external_id, 'x-1');
  assert.equal(contact.body.email, 'cross@example.com');
  assert.equal(contact.body.tags.total_count, 1);
  assert.equal(contact.body.notes.total_count, 1);
  assert.equal(contact.body.companies.total_count, 1);

  const tags = await raw(fx.sandbox, 'GET', `/contacts/${user.body.id}/tags`, undefined, V2);
  assert.deepEqual(
    tags.body.data.map((t: { name: string }) => t.name),
    ['Crossed'],
  );
  const companies = await raw(fx.sandbox, 'GET', `/contacts/${user.body.id}/companies`, undefined, V2);
  assert.equal(companies.body.companies[0].company_id, 'x-co');
  const notes = await raw(fx.sandbox, 'GET', `/contacts/${user.body.id}/notes`, undefined, V2);
  assert.equal(notes.body.data[0].body, '<p>Seen in 1.x</p>');
  const events = await raw(fx.sandbox, 'GET', '/events?type=user&user_id=x-1&summary=true', undefined, V2);
  assert.equal(events.body.events[0].name, 'crossed');
});

test('a 1.x lead is a 2.x contact with role lead; a 2.x lead is a 1.x contact', async () => {
  const lead1 = await raw(fx.sandbox, 'POST', '/contacts', { email: 'lead1@example.com' }, V1);
  const seen2 = await raw(fx.sandbox, 'GET', `/contacts/${lead1.body.id}`, undefined, V2);
  assert.equal(seen2.body.role, 'lead');
  assert.equal(seen2.body.email, 'lead1@example.com');

  const lead2 = await raw(fx.sandbox, 'POST', '/contacts', { role: 'lead', email: 'lead2@example.com' }, V2);
  assert.equal(lead2.status, 200);
  const seen1 = await raw(fx.sandbox, 'GET', `/contacts/${lead2.body.id}`, undefined, V1);
  assert.equal(seen1.status, 200);
  assert.equal(seen1.body.type, 'contact');
  assert.equal(seen1.body.email, 'lead2@example.com');
});

test('a 2.x contact and a conversation it starts are read through 1.x', async () => {
  const contact = await raw(fx.sandbox, 'POST', '/contacts', { external_id: 'two-1', email: 'two@example.com' }, V2);
  const user = await raw(fx.sandbox, 'GET', '/users?user_id=two-1', undefined, V1);
  assert.equal(user.status, 200);
  assert.equal(user.body.id, contact.body.id);
  assert.equal(user.body.email, 'two@example.com');

  const message = await raw(
    fx.sandbox,
    'POST',
    '/conversations',
    { from: { type: 'user', id: contact.body.id }, body: 'Hi' },
    V2,
  );
  await raw(
    fx.sandbox,
    'POST',
    `/conversations/${message.body.conversation_id}/reply`,
    { type: 'admin', message_type: 'comment', admin_id: '394051', body: 'Hello' },
    V2,
  );
  const conversation = await raw(fx.sandbox, 'GET', `/conversations/${message.body.conversation_id}`, undefined, V1);
  assert.equal(conversation.status, 200);
  assert.equal(conversation.body.type, 'conversation');
  assert.equal(conversation.body.user.id, contact.body.id);
  assert.equal(conversation.body.conversation_parts.conversation_parts[0].body, '<p>Hello</p>');
});

test('Intercom-Version picks the family: 2.7 to 2.16 answer 2.x, 2.6 and 2.17 are refused', async () => {
  for (const version of ['2.7', '2.9', '2.10', '2.16']) {
    const res = await raw(fx.sandbox, 'GET', '/contacts?per_page=1', undefined, { 'intercom-version': version });
    assert.equal(res.status, 200, version);
    assert.equal(res.body.type, 'list', version);
  }
  for (const version of ['2.6', '2.17', '2.x']) {
    const res = await raw(fx.sandbox, 'GET', '/contacts', undefined, { 'intercom-version': version });
    assert.equal(res.status, 400, version);
  }
});
