import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { Company, Contact, WebhookPayloadError as FromMainEntry, InvalidParameterError, User, Visitor } from 'intercom-ts';
import { isKnownNotification, isKnownTopic, parseNotification, WebhookPayloadError } from 'intercom-ts/webhooks';

const fixtures = JSON.parse(readFileSync(new URL('../../../test/fixtures/responses-1x.json', import.meta.url), 'utf8')) as Record<
  string,
  Record<string, unknown>
>;

/** A notification body around an item. */
function envelope(topic: string, item: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'notification_event',
    id: 'notif_0f6b4c2e-5a1d-4c3e-9a8b-0d1e2f3a4b5c',
    topic,
    app_id: 'sandbox1',
    created_at: 1700000000,
    delivery_status: 'pending',
    delivery_attempts: 1,
    delivered_at: 0,
    first_sent_at: 1700000001,
    links: {},
    self: null,
    data: { type: 'notification_event_data', item },
    ...extra,
  });
}

describe('parseNotification on the fixtures', () => {
  test('test_user_notification: a User item, string timestamps become numbers, lists unwrapped', () => {
    const notification = parseNotification(JSON.stringify(fixtures.test_user_notification));
    assert.equal(notification.topic, 'user.created');
    assert.ok(isKnownNotification(notification));
    if (notification.topic !== 'user.created') throw new Error('narrowing');
    const user = notification.data.item;
    assert.ok(user instanceof User);
    assert.equal(user.email, 'joe@example.com');
    assert.equal(user.created_at, 1401970114);
    assert.equal(user.updated_at, 1401970114);
    assert.equal(user.last_request_at, null, 'null stays null');
    assert.deepEqual(user.companies, [], 'company.list unwrapped as the client does');
    assert.deepEqual(user.tags, []);
    assert.equal(notification.delivery_attempts, 1);
    assert.equal(notification.first_sent_at, 1410188629);
    assert.equal(notification.created_at, 1410188628);
    assert.equal(notification.app_id, 'aaaaaa');
  });

  test('test_conversation_notification: a conversation, parts unwrapped, timestamps numbers', () => {
    const notification = parseNotification(Buffer.from(JSON.stringify(fixtures.test_conversation_notification)));
    if (!isKnownNotification(notification) || notification.topic !== 'conversation.user.created') {
      throw new Error(`unexpected topic ${notification.topic}`);
    }
    const conversation = notification.data.item;
    assert.equal(conversation.type, 'conversation');
    assert.equal(conversation.id, '123456789');
    assert.equal(conversation.created_at, 1410335293);
    assert.equal(conversation.updated_at, 1410335293);
    assert.deepEqual(conversation.conversation_parts, []);
    assert.deepEqual(conversation.tags, [], 'a missing tag list is an empty array');
    assert.equal((conversation.conversation_message as { body: string }).body, '<p>An important message</p>');
  });
});

describe('items by topic', () => {
  const user = { type: 'user', id: '5310d8e7598c9a0b24000002', user_id: '25', email: 'a@example.com', custom_attributes: {} };

  test('user.* topics carry a User; contact.* a Contact; visitor.signed_up a Visitor; company.* a Company', () => {
    for (const topic of ['user.created', 'user.deleted', 'user.unsubscribed', 'user.email.updated']) {
      const n = parseNotification(envelope(topic, user));
      assert.ok(n.data.item instanceof User, topic);
    }
    for (const topic of ['contact.created', 'contact.signed_up', 'contact.added_email', 'contact.updated', 'contact.deleted']) {
      const n = parseNotification(envelope(topic, { ...user, type: 'contact', anonymous: true }));
      assert.ok(n.data.item instanceof Contact, topic);
    }
    assert.ok(parseNotification(envelope('visitor.signed_up', { ...user, type: 'visitor' })).data.item instanceof Visitor);
    const company = parseNotification(
      envelope('company.created', { type: 'company', id: 'c1', company_id: '6', name: 'Blue Sun' }),
    );
    assert.ok(company.data.item instanceof Company);
  });

  test('user.tag.* carry a user_tag whose user is a User; contact.tag.* a contact_tag whose contact is a Contact', () => {
    const tag = { type: 'tag', id: '17513', name: 'independent' };
    const n = parseNotification(envelope('user.tag.created', { type: 'user_tag', created_at: '1392731331', tag, user }));
    if (n.topic !== 'user.tag.created' || !isKnownNotification(n)) throw new Error('topic');
    assert.equal(n.data.item.type, 'user_tag');
    assert.equal(n.data.item.created_at, 1392731331);
    assert.deepEqual(n.data.item.tag, tag);
    assert.ok(n.data.item.user instanceof User);
    const c = parseNotification(envelope('contact.tag.deleted', { type: 'contact_tag', created_at: 1, tag, contact: user }));
    if (c.topic !== 'contact.tag.deleted' || !isKnownNotification(c)) throw new Error('topic');
    assert.ok(c.data.item.contact instanceof Contact);
  });

  test('every conversation topic (and conversation_part.tag.created) carries a conversation', () => {
    const conversation = {
      type: 'conversation',
      id: '147',
      created_at: 1,
      updated_at: 2,
      conversation_parts: {
        type: 'conversation_part.list',
        conversation_parts: [{ type: 'conversation_part', id: '9', part_type: 'comment', created_at: '1700000000' }],
        total_count: 1,
      },
      tags: { type: 'tag.list', tags: [{ type: 'tag', id: '1', name: 'VIP', applied_at: '2023-11-14T22:13:20Z' }] },
    };
    for (const topic of ['conversation.user.replied', 'conversation.admin.closed', 'conversation_part.tag.created']) {
      const n = parseNotification(envelope(topic, structuredClone(conversation)));
      const item = n.data.item as { conversation_parts: Array<{ created_at: number }>; tags: Array<{ applied_at: number }> };
      assert.equal(item.conversation_parts.length, 1, topic);
      assert.equal(item.conversation_parts[0]?.created_at, 1700000000, 'a nested string epoch');
      assert.equal(item.tags[0]?.applied_at, 1700000000, 'a nested ISO 8601 date');
    }
  });

  test('event.created carries the event; ping carries the ping message', () => {
    const event = parseNotification(
      envelope('event.created', { type: 'event', event_name: 'placed-order', created_at: '1700000000', user_id: '25' }),
    );
    if (event.topic !== 'event.created' || !isKnownNotification(event)) throw new Error('topic');
    assert.equal(event.data.item.event_name, 'placed-order');
    assert.equal(event.data.item.created_at, 1700000000);
    // Intercom sends pings with a null id and delivery_status.
    const ping = parseNotification(
      envelope('ping', { type: 'ping', message: 'Something for nothing' }, { id: null, delivery_status: null }),
    );
    if (ping.topic !== 'ping' || !isKnownNotification(ping)) throw new Error('topic');
    assert.equal(ping.data.item.message, 'Something for nothing');
    assert.equal(ping.id, null);
  });

  test('an unknown topic still parses, its item as sent', () => {
    const n = parseNotification(envelope('ticket.created', { type: 'ticket', id: 't1', created_at: '1700000000' }));
    assert.equal(n.topic, 'ticket.created');
    assert.equal(isKnownNotification(n), false);
    assert.equal(isKnownTopic('ticket.created'), false);
    assert.deepEqual(n.data.item, { type: 'ticket', id: 't1', created_at: 1700000000 });
  });
});

describe('normalisation', () => {
  test('envelope timestamps and delivery_attempts sent as strings become numbers; ISO dates become epoch seconds', () => {
    const n = parseNotification(
      envelope(
        'user.created',
        {
          type: 'user',
          id: 'u1',
          signed_up_at: '2014-06-05T12:08:34Z',
          // As Intercom sent user.created items in 2019: milliseconds and an offset.
          updated_at: '2019-03-26T23:21:11.904+00:00',
          remote_created_at: '2014-02-18T14:48:51.000+01:00',
          custom_attributes: { plan: 'pro', trial_ends_at: '1700000000' },
        },
        { created_at: '1410188628', first_sent_at: '2014-09-08T15:03:49Z', delivered_at: '0', delivery_attempts: '3' },
      ),
    );
    assert.equal(n.created_at, 1410188628);
    assert.equal(n.first_sent_at, 1410188629);
    assert.equal(n.delivered_at, 0);
    assert.equal(n.delivery_attempts, 3);
    const item = n.data.item as User;
    assert.equal(item.signed_up_at, 1401970114);
    assert.equal(item.updated_at, 1553642471);
    assert.equal(item.remote_created_at, 1392731331);
    assert.equal(item.custom_attributes.trial_ends_at, 1700000000, 'date custom attributes end in _at too');
    assert.equal(item.custom_attributes.plan, 'pro');
  });

  test('strings that are not timestamps stay strings; non-_at keys are untouched', () => {
    const n = parseNotification(
      envelope('user.created', { type: 'user', id: 'u1', looked_at: 'the sky', user_id: '1700000000', custom_attributes: {} }),
    );
    const item = n.data.item as User;
    assert.equal(item.looked_at, 'the sky');
    assert.equal(item.user_id, '1700000000');
  });

  test('a __proto__ key in the payload stays out of the model', () => {
    const body = envelope('user.created', { type: 'user', id: 'u1', custom_attributes: {} }).replace(
      '"type":"user",',
      '"type":"user","__proto__":{"polluted":true},',
    );
    const item = parseNotification(body).data.item as User;
    assert.ok(item instanceof User);
    assert.equal(Object.getPrototypeOf(item), User.prototype);
    assert.equal((item as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  test('a deeply nested payload does not overflow the stack', () => {
    let nested = '{"created_at":"1"}';
    for (let i = 0; i < 5000; i++) nested = `{"a":${nested}}`;
    const body = envelope('ticket.created', {}).replace('"item":{}', `"item":${nested}`);
    let item = parseNotification(body).data.item as Record<string, unknown>;
    for (let i = 0; i < 5000; i++) item = item.a as Record<string, unknown>;
    assert.equal(item.created_at, 1);
  });
});

describe('bodies that are not notifications', () => {
  const refuses = (body: string, field: string | undefined, message: RegExp) =>
    assert.throws(
      () => parseNotification(body),
      (error: unknown) => error instanceof WebhookPayloadError && error.field === field && message.test(error.message),
    );

  test('not JSON', () => refuses('{"type":', undefined, /not valid JSON/));
  test('JSON but not a notification_event', () => {
    refuses('[]', 'type', /an array/);
    refuses('{"type":"user"}', 'type', /"user"/);
    refuses('"notification_event"', 'type', /string/);
  });
  test('a notification without its fields', () => {
    const full = JSON.parse(envelope('user.created', { type: 'user', id: 'u1' })) as Record<string, unknown>;
    for (const key of ['id', 'topic', 'app_id', 'created_at', 'delivery_attempts', 'first_sent_at']) {
      const body = { ...full };
      delete body[key];
      refuses(JSON.stringify(body), key, new RegExp(`notification's ${key} must be`));
    }
    refuses(JSON.stringify({ ...full, data: { type: 'notification_event_data' } }), 'data.item', /no data.item/);
    refuses(JSON.stringify({ ...full, topic: '' }), 'topic', /non-empty string/);
    refuses(JSON.stringify({ ...full, id: null }), 'id', /non-empty string/);
  });
  test('an object (a body already parsed) is refused with the raw-body hint', () => {
    assert.throws(
      () => parseNotification(JSON.parse(envelope('ping', {})) as string),
      (error: unknown) => error instanceof InvalidParameterError && /already parsed/.test(error.message),
    );
  });
  test('the main entry exports the same WebhookPayloadError class', () => {
    assert.equal(FromMainEntry, WebhookPayloadError);
  });
});
