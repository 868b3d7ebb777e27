import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

function respond(req: Received): Scripted {
  const body = req.body as { from?: { type?: string } };
  if (body.from?.type === 'admin') {
    return {
      body: {
        type: 'admin_message',
        id: '2001',
        created_at: 1401916877,
        message_type: 'inapp',
        body: "What's up :)",
        owner: { type: 'admin', id: '1234' },
      },
    };
  }
  return { body: { type: 'user_message', id: '2002', created_at: 1401917202, body: 'halp', message_type: 'inapp' } };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  [
    'messages.create inapp',
    (i) =>
      i.messages.create({
        message_type: 'inapp',
        body: "What's up :)",
        from: { type: 'admin', id: '1234' },
        to: { type: 'user', user_id: '5678' },
      }),
  ],
  [
    'messages.create email',
    (i) =>
      i.messages.create({
        message_type: 'email',
        body: "What's up :)",
        from: { type: 'admin', id: '1234' },
        to: { type: 'user', id: '536e564f316c83104c000020' },
        subject: 'Hey there',
        template: 'plain',
      }),
  ],
  [
    'messages.create from user',
    (i) => i.messages.create({ body: 'halp', from: { type: 'user', id: '536e564f316c83104c000020' } }),
  ],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}
