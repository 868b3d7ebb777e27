// README: Webhooks. Run against the sandbox: `intercom sandbox` in one terminal, `node dist/examples/webhooks.js` in another.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookHandler } from 'intercom-ts/webhooks';
import { intercom, show } from './setup.js';

const secret = 'example-hub-secret';
const expected = 3;
let arrived = 0;
let allArrived = (): void => {};
const everything = new Promise<void>((resolve) => {
  allArrived = resolve;
});
const count = (): void => {
  arrived += 1;
  if (arrived === expected) allArrived();
};

// A receiver: it verifies each notification's X-Hub-Signature, types it by topic and calls the handler
const webhooks = createWebhookHandler({
  secret,
  on: {
    'user.created': (n) => {
      show("on['user.created']", `${n.data.item.email} (attempt ${n.delivery_attempts})`);
      count();
    },
    'conversation.user.replied': (n) => {
      show("on['conversation.user.replied']", `${n.data.item.id}: ${n.data.item.conversation_parts.at(-1)?.body}`);
      count();
    },
    ping: (n) => {
      show("on['ping']", n.data.item.message);
      count();
    },
  },
});
const receiver = http.createServer(webhooks).listen(0, '127.0.0.1');
await once(receiver, 'listening');
const { port } = receiver.address() as AddressInfo;

// Subscribe it, with a hub_secret so that every notification is signed
// (Intercom needs a public URL; the sandbox delivers to loopback receivers only)
const subscription = await intercom.subscriptions.create({
  url: `http://127.0.0.1:${port}/intercom/webhooks`,
  topics: ['user.created', 'conversation.user.replied'],
  hub_secret: secret,
});
show('subscriptions.create({ url, topics, hub_secret })', subscription.topics.join(', '));

// A ping on demand, then changes the subscription is about
await intercom.post(`/subscriptions/${subscription.id}/ping`);
const user = await intercom.users.create({ user_id: `webhooks-${Date.now()}`, email: 'hooks@example.com' });
await intercom.messages.create({ from: { type: 'user', id: user.id }, body: 'Hello, anyone there?' });
await intercom.conversations.replyToLast({
  type: 'user',
  intercom_user_id: user.id,
  message_type: 'comment',
  body: 'Found it, thanks.',
});

// Notifications arrive asynchronously, after the API has answered
const timeout = setTimeout(() => {
  console.error(`only ${arrived} of ${expected} notifications arrived`);
  process.exit(1);
}, 10_000);
await everything;
clearTimeout(timeout);

await intercom.subscriptions.delete(subscription);
receiver.close();
intercom.close();
