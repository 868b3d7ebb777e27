import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { pause, raw } from '../helpers/raw-http.js';
import { startReceiver, type WebhookReceiver } from '../helpers/webhook-receiver.js';

/** Where the state changes, the sandbox emits the matching topic, with the item Intercom sends. */
describe('sandbox: what each change notifies', () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'demo', defaultVersion: '1.2' });
  });
  beforeEach(async () => {
    sandbox.reset();
    receiver = await startReceiver();
    const sub = await raw(sandbox, 'POST', '/subscriptions', {
      url: receiver.url,
      topics: ['user', 'contact', 'visitor', 'company', 'event.created', 'conversation'],
      metadata: { event_names: ['placed-order'] },
    });
    assert.equal(sub.status, 200);
  });
  afterEach(() => receiver.close());
  after(() => sandbox.close());

  /** How many deliveries {@link topics} has reported. */
  let seen = 0;
  beforeEach(() => {
    seen = 0;
  });
  /** Topics delivered since the last call, in the order of the changes. */
  async function topics(): Promise<string[]> {
    await sandbox.waitForDeliveries();
    const fresh = sandbox.deliveries.slice(seen);
    seen = sandbox.deliveries.length;
    return fresh.map((d) => d.topic);
  }
  /** The data of the last notification of a topic. */
  const item = (topic: string) =>
    sandbox.deliveries.findLast((d) => d.topic === topic)?.notification.data as { item: Record<string, unknown> };

  test('users: created (not on update), and deleted with the partial item Intercom sends', async () => {
    const user = (await raw(sandbox, 'POST', '/users', { user_id: 'n-1', email: 'n1@example.com' })).json;
    await raw(sandbox, 'POST', '/users', { user_id: 'n-1', name: 'Updated' });
    assert.deepEqual(await topics(), ['user.created']);
    assert.equal(item('user.created').item.email, 'n1@example.com');
    assert.equal('last_seen_ip' in item('user.created').item, false, 'rendered in the app version (1.2): no PII fields');
    await raw(sandbox, 'DELETE', `/users/${user.id}`);
    assert.deepEqual(await topics(), ['user.deleted']);
    assert.deepEqual(item('user.deleted').item, { type: 'user', id: user.id, user_id: 'n-1', email: 'n1@example.com' });
  });

  test('companies: created by POST /companies and by a user write naming a new company; not on update', async () => {
    await raw(sandbox, 'POST', '/companies', { company_id: 'n-co', name: 'Notify Co' });
    await raw(sandbox, 'POST', '/companies', { company_id: 'n-co', plan: 'pro' });
    assert.deepEqual(await topics(), ['company.created']);
    assert.equal(item('company.created').item.name, 'Notify Co');
    await raw(sandbox, 'POST', '/users', { user_id: '1', companies: [{ company_id: 'n-co-2', name: 'Second Co' }] });
    assert.deepEqual(await topics(), ['company.created']);
    assert.equal(item('company.created').item.company_id, 'n-co-2');
    assert.equal(item('company.created').item.user_count, 1);
  });

  test('tags: user.tag.created/deleted carry a user_tag; leads get contact.tag.*; no change, no notification', async () => {
    await raw(sandbox, 'POST', '/tags', { name: 'Notified', users: [{ user_id: '1' }] });
    await raw(sandbox, 'POST', '/tags', { name: 'Notified', users: [{ user_id: '1' }] });
    assert.deepEqual(await topics(), ['user.tag.created']);
    const tagged = item('user.tag.created').item;
    assert.equal(tagged.type, 'user_tag');
    assert.equal((tagged.tag as { name: string }).name, 'Notified');
    assert.equal((tagged.user as { user_id: string }).user_id, '1');
    assert.equal(typeof tagged.created_at, 'number');
    await raw(sandbox, 'POST', '/tags', { name: 'Notified', users: [{ user_id: '1', untag: true }] });
    assert.deepEqual(await topics(), ['user.tag.deleted']);
    const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'tagged-lead@example.com' })).json;
    await raw(sandbox, 'POST', '/tags', { name: 'Notified', users: [{ id: lead.id }] });
    assert.deepEqual(await topics(), ['contact.created', 'contact.tag.created']);
    assert.equal(item('contact.tag.created').item.type, 'contact_tag');
    assert.equal((item('contact.tag.created').item.contact as { id: string }).id, lead.id);
  });

  test('leads: created (not on update), deleted, and converted: contact.signed_up with the lead, user.created for a new user', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'lead@example.com' })).json;
    await raw(sandbox, 'PUT', `/contacts/${lead.id}`, { name: 'Lead' });
    await raw(sandbox, 'POST', '/contacts', { id: lead.id, phone: '555' });
    assert.deepEqual(await topics(), ['contact.created']);
    assert.equal(item('contact.created').item.type, 'contact');

    await raw(sandbox, 'POST', '/contacts/convert', { contact: { user_id: lead.user_id }, user: { user_id: 'converted-1' } });
    assert.deepEqual(await topics(), ['contact.signed_up', 'user.created']);
    assert.equal(item('contact.signed_up').item.type, 'contact', 'the lead as it was');
    assert.equal(item('contact.signed_up').item.user_id, lead.user_id);
    assert.equal(item('user.created').item.user_id, 'converted-1');
    assert.equal(item('user.created').item.id, lead.id);

    // Merged into an existing user: no user is created.
    const other = (await raw(sandbox, 'POST', '/contacts', { email: 'merge@example.com' })).json;
    await raw(sandbox, 'POST', '/contacts/convert', { contact: { id: other.id }, user: { user_id: '1' } });
    assert.deepEqual(await topics(), ['contact.created', 'contact.signed_up']);

    const doomed = (await raw(sandbox, 'POST', '/contacts', {})).json;
    await raw(sandbox, 'DELETE', `/contacts/${doomed.id}`);
    assert.deepEqual(await topics(), ['contact.created', 'contact.deleted']);
    assert.equal(item('contact.deleted').item.id, doomed.id);
  });

  test('visitors: converting one to a user is visitor.signed_up (with the visitor) and user.created', async () => {
    await raw(sandbox, 'POST', '/visitors/convert', {
      visitor: { user_id: '8a88a590-e1c3-41e2-a502-e0649dbf721c' },
      type: 'user',
      user: { email: 'was-a-visitor@example.com' },
    });
    assert.deepEqual(await topics(), ['visitor.signed_up', 'user.created']);
    assert.equal(item('visitor.signed_up').item.type, 'visitor');
    assert.equal(item('user.created').item.email, 'was-a-visitor@example.com');
  });

  test('events: event.created for the named events, from POST /events and bulk jobs', async () => {
    const at = Math.floor(Date.now() / 1000);
    await raw(sandbox, 'POST', '/events', { event_name: 'placed-order', created_at: at, email: 'bob@example.com' });
    assert.deepEqual(await topics(), ['event.created']);
    const event = item('event.created').item;
    assert.deepEqual(
      [event.type, event.event_name, event.email, event.created_at],
      ['event', 'placed-order', 'bob@example.com', at],
    );
    const job = await raw(sandbox, 'POST', '/bulk/events', {
      items: [{ method: 'post', data_type: 'event', data: { event_name: 'placed-order', created_at: at, user_id: '2' } }],
    });
    assert.equal(job.status, 202);
    for (let i = 0; i < 200 && sandbox.deliveries.length <= seen; i++) await pause(5);
    assert.deepEqual(await topics(), ['event.created']);
    assert.equal(item('event.created').item.user_id, '2');
  });

  test('conversations: messages start them, replies and admin actions each notify with only the new part', async () => {
    const wash = '394051';
    await raw(sandbox, 'POST', '/messages', { from: { type: 'user', user_id: '1' }, body: 'Help!' });
    assert.deepEqual(await topics(), ['conversation.user.created']);
    const started = item('conversation.user.created').item;
    assert.equal(started.type, 'conversation');
    assert.deepEqual(started.conversation_parts, { type: 'conversation_part.list', conversation_parts: [], total_count: 0 });
    assert.equal((started.conversation_message as { body: string }).body, '<p>Help!</p>');
    const id = started.id as string;

    await raw(sandbox, 'POST', '/messages', {
      message_type: 'inapp',
      body: 'Hi from us',
      from: { type: 'admin', id: wash },
      to: { type: 'user', user_id: '2' },
    });
    assert.deepEqual(await topics(), ['conversation.admin.single.created']);

    const steps: Array<[Record<string, unknown>, string, string]> = [
      [{ type: 'user', user_id: '1', message_type: 'comment', body: 'More details' }, 'conversation.user.replied', 'comment'],
      [{ type: 'admin', admin_id: wash, message_type: 'comment', body: 'On it' }, 'conversation.admin.replied', 'comment'],
      [{ type: 'admin', admin_id: wash, message_type: 'note', body: 'VIP' }, 'conversation.admin.noted', 'note'],
      [
        { type: 'admin', admin_id: wash, message_type: 'assignment', assignee_id: wash },
        'conversation.admin.assigned',
        'assignment',
      ],
      [{ type: 'admin', admin_id: wash, message_type: 'close' }, 'conversation.admin.closed', 'close'],
      [{ type: 'admin', admin_id: wash, message_type: 'open' }, 'conversation.admin.opened', 'open'],
      [
        { type: 'admin', admin_id: wash, message_type: 'snoozed', snoozed_until: Math.floor(Date.now() / 1000) + 3600 },
        'conversation.admin.snoozed',
        'snoozed',
      ],
      [{ type: 'admin', admin_id: wash, message_type: 'open' }, 'conversation.admin.unsnoozed', 'open'],
    ];
    for (const [body, topic, partType] of steps) {
      const answer = await raw(sandbox, 'POST', `/conversations/${id}/reply`, body);
      assert.equal(answer.status, 200, answer.text);
      assert.deepEqual(await topics(), [topic]);
      const conversation = item(topic).item;
      assert.equal(conversation.id, id);
      const parts = conversation.conversation_parts as { conversation_parts: Array<{ part_type: string }>; total_count: number };
      assert.deepEqual(
        parts.conversation_parts.map((p) => p.part_type),
        [partType],
        topic,
      );
      assert.equal(parts.total_count, 1);
    }
    assert.equal(item('conversation.admin.snoozed').item.state, 'snoozed');
    assert.equal(item('conversation.admin.unsnoozed').item.state, 'open');
  });

  test('bulk user jobs notify user.created for new users', async () => {
    await raw(sandbox, 'POST', '/bulk/users', {
      items: [
        { method: 'post', data_type: 'user', data: { user_id: 'bulk-1', email: 'bulk1@example.com' } },
        { method: 'post', data_type: 'user', data: { user_id: '1', name: 'Bob again' } },
      ],
    });
    for (let i = 0; i < 200 && sandbox.deliveries.length <= seen; i++) await pause(5);
    assert.deepEqual(await topics(), ['user.created']);
    assert.equal(item('user.created').item.user_id, 'bulk-1');
  });
});
