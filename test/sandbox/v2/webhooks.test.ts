/**
 * 2.x webhook notifications: chosen by the subscription's `api_version` or the sandbox's
 * `webhookApiVersion`, with 2.x topics (`contact.user.created`, `ticket.created`...) and items in the
 * 2.x shape, valid against the description's schemas. 1.x subscriptions keep their 1.x notifications.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { bodyCheck } from '../../../src/sandbox/openapi/schema-validators.js';
import { type RawAnswer, raw } from '../../helpers/raw-http.js';
import { startReceiver, type WebhookReceiver } from '../../helpers/webhook-receiver.js';

const V2 = { 'intercom-version': '2.16' };
const V1 = { 'intercom-version': '1.4' };

/** The errors of `item` against a component schema of the description, or undefined when valid. */
function schemaErrors(schema: string, item: unknown): unknown {
  return bodyCheck(`test webhook ${schema}`, { $ref: `intercom#/definitions/${schema}` })(item);
}

describe('a sandbox whose webhooks speak 2.x (webhookApiVersion)', () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  const v2 = (method: string, path: string, body?: unknown): Promise<RawAnswer> => raw(sandbox, method, path, body, V2);
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'demo', webhookApiVersion: '2.16' });
  });
  beforeEach(async () => {
    sandbox.reset();
    receiver = await startReceiver();
    const sub = await raw(
      sandbox,
      'POST',
      '/subscriptions',
      {
        url: receiver.url,
        topics: ['contact', 'conversation.user.created', 'conversation.admin.replied', 'ticket.created', 'visitor', 'event'],
        metadata: { event_names: ['placed-order'] },
      },
      V1,
    );
    assert.equal(sub.status, 200, sub.text);
  });
  afterEach(() => receiver.close());
  after(() => sandbox.close());

  let seen = 0;
  beforeEach(() => {
    seen = 0;
  });
  async function topics(): Promise<string[]> {
    await sandbox.waitForDeliveries();
    const fresh = sandbox.deliveries.slice(seen);
    seen = sandbox.deliveries.length;
    return fresh.map((d) => d.topic);
  }
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary notifications
  const item = (topic: string): any =>
    (sandbox.deliveries.findLast((d) => d.topic === topic)?.notification.data as { item: unknown } | undefined)?.item;

  test('contacts: contact.user.created and contact.lead.created carry a contact; contact.deleted identifies it', async () => {
    const user = await v2('POST', '/contacts', { external_id: 'hook-1', email: 'hook@example.com' });
    const lead = await v2('POST', '/contacts', { role: 'lead', email: 'lead-hook@example.com' });
    assert.deepEqual(await topics(), ['contact.user.created', 'contact.lead.created']);
    const created = item('contact.user.created');
    assert.equal(created.type, 'contact');
    assert.equal(created.role, 'user');
    assert.equal(created.external_id, 'hook-1');
    assert.equal(created.id, user.body.id);
    assert.equal(schemaErrors('contact', created), undefined);
    assert.equal(item('contact.lead.created').role, 'lead');
    assert.equal(sandbox.deliveries.at(-1)?.apiVersion, '2.16');

    await v2('DELETE', `/contacts/${lead.body.id}`);
    assert.deepEqual(await topics(), ['contact.deleted']);
    assert.deepEqual(item('contact.deleted'), { type: 'contact', id: lead.body.id, external_id: null });
  });

  test('a user written through 1.x is notified as a 2.x contact', async () => {
    await raw(sandbox, 'POST', '/users', { user_id: 'from-1x', email: 'one@example.com' }, V1);
    assert.deepEqual(await topics(), ['contact.user.created']);
    assert.equal(item('contact.user.created').type, 'contact');
    assert.equal(item('contact.user.created').external_id, 'from-1x');
  });

  test('tags: contact.user.tag.created and .deleted carry a contact_tag', async () => {
    const bob = sandbox.store.userByUserId('1', 'user');
    assert.ok(bob);
    const tag = await v2('POST', '/tags', { name: 'Hooked' });
    await v2('POST', `/contacts/${bob.id}/tags`, { id: tag.body.id });
    assert.deepEqual(await topics(), ['contact.user.tag.created']);
    const tagged = item('contact.user.tag.created');
    assert.equal(tagged.type, 'contact_tag');
    assert.equal(tagged.tag.name, 'Hooked');
    assert.equal(tagged.contact.type, 'contact');
    assert.equal(tagged.contact.id, bob.id);
    await v2('DELETE', `/contacts/${bob.id}/tags/${tag.body.id}`);
    assert.deepEqual(await topics(), ['contact.user.tag.deleted']);
  });

  test('conversations: conversation.user.created, conversation.admin.replied, then ticket.created', async () => {
    const contact = await v2('POST', '/contacts', { email: 'talker@example.com' });
    const message = await v2('POST', '/conversations', { from: { type: 'user', id: contact.body.id }, body: 'Help!' });
    const conversationId = message.body.conversation_id;
    await v2('POST', `/conversations/${conversationId}/reply`, {
      type: 'admin',
      message_type: 'comment',
      admin_id: '394051',
      body: 'On it.',
    });
    const ticket = await v2('POST', `/conversations/${conversationId}/convert`, { ticket_type_id: '1' });
    assert.equal(ticket.status, 200, ticket.text);
    assert.deepEqual(await topics(), [
      'contact.user.created',
      'conversation.user.created',
      'conversation.admin.replied',
      'ticket.created',
    ]);
    const replied = item('conversation.admin.replied');
    assert.equal(replied.type, 'conversation');
    assert.equal(replied.id, conversationId);
    assert.equal(schemaErrors('conversation', replied), undefined);
    const made = item('ticket.created');
    assert.equal(made.type, 'ticket');
    assert.equal(made.id, ticket.body.id);
    assert.equal(schemaErrors('ticket', made), undefined);
  });

  test('a ticket made on its own (POST /tickets) is ticket.created too', async () => {
    const created = await v2('POST', '/tickets', { ticket_type_id: '1', contacts: [{ external_id: '2' }] });
    assert.equal(created.status, 200, created.text);
    assert.deepEqual(await topics(), ['ticket.created']);
    assert.equal(item('ticket.created').id, created.body.id);
    assert.equal(schemaErrors('ticket', item('ticket.created')), undefined);
  });

  test('events and visitors: event.created names the contact; visitor.signed_up carries the visitor', async () => {
    await v2('POST', '/events', { event_name: 'placed-order', created_at: 1_700_000_000, user_id: '1' });
    assert.deepEqual(await topics(), ['event.created']);
    assert.equal(item('event.created').user_id, '1');
    assert.equal(item('event.created').intercom_user_id, sandbox.store.userByUserId('1', 'user')?.id);
    const visitorUserId = '8a88a590-e1c3-41e2-a502-e0649dbf721c';
    await v2('POST', '/visitors/convert', {
      type: 'user',
      visitor: { user_id: visitorUserId },
      user: { user_id: 'was-visitor', email: 'was-visitor@example.com' },
    });
    assert.deepEqual(await topics(), ['visitor.signed_up', 'contact.user.created']);
    const signedUp = item('visitor.signed_up');
    assert.equal(signedUp.type, 'visitor');
    assert.equal(signedUp.user_id, visitorUserId);
    assert.equal(schemaErrors('visitor', signedUp), undefined);
  });
});

describe("a subscription's own api_version", () => {
  let sandbox: Sandbox;
  let receiver: WebhookReceiver;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
  });
  beforeEach(async () => {
    sandbox.reset();
    receiver = await startReceiver();
  });
  afterEach(() => receiver.close());
  after(() => sandbox.close());

  test('one change, two subscriptions: 1.x gets user.created with a user, 2.x gets contact.user.created with a contact', async () => {
    const old = await raw(sandbox, 'POST', '/subscriptions', { url: receiver.url, topics: ['user.created'] });
    const fresh = await raw(sandbox, 'POST', '/subscriptions', {
      url: receiver.url,
      topics: ['contact.user.created'],
      api_version: '2.16',
    });
    assert.equal(fresh.status, 200, fresh.text);
    const user = await raw(sandbox, 'POST', '/users', { user_id: 'both', email: 'both@example.com' });
    await sandbox.waitForDeliveries();
    const received = await receiver.waitFor(2);
    const byTopic = Object.fromEntries(received.map((r) => [r.json.topic, r.json.data.item]));
    assert.equal(byTopic['user.created'].type, 'user');
    assert.equal(byTopic['user.created'].user_id, 'both');
    assert.equal(byTopic['contact.user.created'].type, 'contact');
    assert.equal(byTopic['contact.user.created'].external_id, 'both');
    assert.equal(byTopic['contact.user.created'].id, user.body.id);
    const versions = Object.fromEntries(sandbox.deliveries.map((d) => [d.subscriptionId, d.apiVersion]));
    assert.deepEqual(versions, { [old.body.id]: '1.0', [fresh.body.id]: '2.16' });
  });

  test('an unknown api_version, or 2.x topics on a 1.x subscription, are refused', async () => {
    const unknown = await raw(sandbox, 'POST', '/subscriptions', {
      url: receiver.url,
      topics: ['user.created'],
      api_version: '2.17',
    });
    assert.equal(unknown.status, 400);
    const mixed = await raw(sandbox, 'POST', '/subscriptions', {
      url: receiver.url,
      topics: ['contact.user.created'],
      api_version: '1.4',
    });
    assert.equal(mixed.status, 400);
    assert.equal(sandbox.store.subscriptions.size, 0);
  });

  test('startSandbox refuses a webhookApiVersion or defaultVersion Intercom does not have', async () => {
    await assert.rejects(startSandbox({ port: 0, webhookApiVersion: '3.0' as '2.16' }), TypeError);
    await assert.rejects(startSandbox({ port: 0, defaultVersion: '2.6' as '2.16' }), TypeError);
  });
});
