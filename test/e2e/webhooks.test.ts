import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { BadRequestError, User } from 'intercom-ts';
import { createWebhookHandler, type Notification, type NotificationOf } from 'intercom-ts/webhooks';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

const SECRET = 'e2e-hub-secret';

/** A receiver built with the library's handler, recording what it verified and typed. */
async function startTypedReceiver(secret: string) {
  const users: NotificationOf<'user.created'>[] = [];
  const replies: NotificationOf<'conversation.user.replied'>[] = [];
  const adminReplies: NotificationOf<'conversation.admin.replied'>[] = [];
  const all: Notification[] = [];
  const refused: unknown[] = [];
  const handler = createWebhookHandler({
    secret,
    on: {
      'user.created': (n) => void users.push(n),
      'conversation.user.replied': (n) => void replies.push(n),
      'conversation.admin.replied': (n) => void adminReplies.push(n),
      '*': (n) => void all.push(n),
    },
    onError: (error) => refused.push(error),
  });
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/intercom/webhooks`,
    users,
    replies,
    adminReplies,
    all,
    refused,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks end to end: the client subscribes a node:http receiver to the sandbox', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await withSandbox({ seed: 'demo', webhooks: { retryDelayMs: 10, maxAttempts: 2 } });
  });
  beforeEach(() => fx.sandbox.reset());
  after(() => fx.done());

  test('creating a user and replying to a conversation reach the receiver, verified and typed', async () => {
    const receiver = await startTypedReceiver(SECRET);
    try {
      const subscription = await fx.intercom.subscriptions.create({
        url: receiver.url,
        topics: ['user.created', 'conversation.user.replied', 'conversation.admin.replied'],
        hub_secret: SECRET,
      });
      assert.equal(subscription.hub_secret, SECRET);

      const user = await fx.intercom.users.create({ user_id: 'e2e-hooks', email: 'hooks@example.com', name: 'Hook Receiver' });
      await fx.intercom.messages.create({ from: { type: 'user', id: user.id }, body: 'Hello, is anybody there?' });
      const replied = await fx.intercom.conversations.replyToLast({
        type: 'user',
        intercom_user_id: user.id,
        message_type: 'comment',
        body: 'I found the answer myself.',
      });
      await fx.intercom.conversations.reply({
        id: replied.id,
        type: 'admin',
        admin_id: '394051',
        message_type: 'comment',
        body: 'Glad to hear it!',
      });
      await fx.sandbox.waitForDeliveries();

      assert.deepEqual(receiver.refused, [], 'every notification passed the signature check');
      // Deliveries run in parallel: compare the set (conversation.user.created was not subscribed).
      assert.deepEqual(receiver.all.map((n) => n.topic).sort(), [
        'conversation.admin.replied',
        'conversation.user.replied',
        'user.created',
      ]);

      const [created] = receiver.users;
      assert.ok(created);
      assert.ok(created.data.item instanceof User, 'the item is the client User model');
      assert.equal(created.data.item.id, user.id);
      assert.equal(created.data.item.email, 'hooks@example.com');
      assert.equal(typeof created.data.item.created_at, 'number');
      assert.equal(created.app_id, fx.sandbox.store.appId);
      assert.match(created.id, /^notif_/);
      assert.equal(created.delivery_attempts, 1);

      const [reply] = receiver.replies;
      assert.ok(reply);
      assert.equal(reply.data.item.id, replied.id);
      assert.equal(reply.data.item.type, 'conversation');
      assert.deepEqual(
        reply.data.item.conversation_parts.map((p) => [p.part_type, p.body, p.author.type]),
        [['comment', '<p>I found the answer myself.</p>', 'user']],
        'the notification carries the new part, unwrapped',
      );
      assert.deepEqual(reply.data.item.user, { type: 'user', id: user.id });
      const [adminReply] = receiver.adminReplies;
      assert.equal(adminReply?.data.item.conversation_parts[0]?.author.type, 'admin');
      assert.equal(adminReply?.data.item.conversation_parts[0]?.body, '<p>Glad to hear it!</p>');

      assert.ok(fx.sandbox.deliveries.every((d) => d.state === 'delivered' && d.attempts.length === 1));
    } finally {
      await receiver.close();
    }
  });

  test('a receiver with another secret refuses every notification with 401; the sandbox retries, then gives up', async () => {
    const receiver = await startTypedReceiver('not-the-hub-secret');
    try {
      await fx.intercom.subscriptions.create({ url: receiver.url, topics: ['user.created'], hub_secret: SECRET });
      await fx.intercom.users.create({ email: 'refused@example.com' });
      await fx.sandbox.waitForDeliveries();
      assert.equal(receiver.users.length, 0);
      assert.equal(receiver.refused.length, 2);
      const [delivery] = fx.sandbox.deliveries;
      assert.equal(delivery?.state, 'failed');
      assert.deepEqual(
        delivery?.attempts.map((a) => a.status),
        [401, 401],
      );
    } finally {
      await receiver.close();
    }
  });

  test('a ping on demand reaches the receiver, whatever the subscription topics', async () => {
    const receiver = await startTypedReceiver(SECRET);
    try {
      const subscription = await fx.intercom.subscriptions.create({ url: receiver.url, topics: ['company'], hub_secret: SECRET });
      await fx.intercom.post(`/subscriptions/${subscription.id}/ping`);
      await fx.sandbox.waitForDeliveries();
      const [ping] = receiver.all;
      assert.equal(ping?.topic, 'ping');
      if (ping?.topic !== 'ping') return;
      assert.equal((ping.data.item as { message: string }).message, 'something something interzen');
    } finally {
      await receiver.close();
    }
  });

  test('the client gets the loopback refusal as a BadRequestError on url', async () => {
    await assert.rejects(
      fx.intercom.subscriptions.create({ url: 'https://hooks.example.org/intercom', topics: ['user.created'] }),
      (error: unknown) => error instanceof BadRequestError && error.field === 'url' && /loopback/.test(error.message),
    );
  });
});
