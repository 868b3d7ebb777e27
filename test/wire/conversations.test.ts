import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

/** A conversation as API 1.x returns it; its user is the one `users.load partial` fetches. */
const CONVERSATION = {
  type: 'conversation',
  id: '147',
  created_at: 1400850973,
  updated_at: 1400857494,
  waiting_since: null,
  snoozed_until: null,
  open: true,
  state: 'open',
  read: true,
  assignee: { type: 'admin', id: '25' },
  user: { type: 'user', id: '5d4c3b2a1' },
  customers: [{ type: 'user', id: '5d4c3b2a1' }],
  conversation_message: {
    type: 'conversation_message',
    subject: '',
    body: '<p>Hi Alice,</p>',
    author: { type: 'admin', id: '25' },
    attachments: [{ name: 'signature', url: 'http://someurl.com/signature.jpg' }],
  },
  conversation_parts: {
    type: 'conversation_part.list',
    conversation_parts: [
      {
        type: 'conversation_part',
        id: '1',
        part_type: 'comment',
        body: '<p>first</p>',
        created_at: 1400850980,
        updated_at: 1400850980,
        notified_at: 1400850980,
        assigned_to: null,
        author: { type: 'user', id: '5d4c3b2a1' },
        attachments: [],
      },
      {
        type: 'conversation_part',
        id: '2',
        part_type: 'comment',
        body: '<p>second</p>',
        created_at: 1400850990,
        updated_at: 1400850990,
        notified_at: 1400850990,
        assigned_to: null,
        author: { type: 'admin', id: '25' },
        attachments: [],
      },
    ],
    total_count: 2,
  },
  tags: { type: 'tag.list', tags: [] },
};
const { conversation_parts: _parts, tags: _tags, ...SUMMARY } = CONVERSATION;
const LIST = {
  type: 'conversation.list',
  pages: { type: 'pages', page: 1, per_page: 20, total_pages: 1 },
  conversations: [SUMMARY],
};
const USER = { type: 'user', id: '5d4c3b2a1', user_id: '1', email: 'bob@example.com', created_at: 1, updated_at: 1 };

function respond(req: Received): Scripted {
  const path = req.path.split('?')[0] as string;
  if (path === '/conversations' && req.method === 'GET') return { body: LIST };
  if (path.startsWith('/conversations/')) return { body: CONVERSATION };
  if (path.startsWith('/users/')) return { body: USER };
  return { status: 404, body: { type: 'error.list', errors: [{ code: 'not_found', message: 'no such fixture' }] } };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  ['conversations.all', (i) => i.conversations.all().toArray()],
  ['conversations.find_all admin', (i) => i.conversations.findAll({ type: 'admin', id: '7' }).toArray()],
  ['conversations.find_all admin open', (i) => i.conversations.findAll({ type: 'admin', id: 7, open: true }).toArray()],
  [
    'conversations.find_all admin closed before',
    (i) => i.conversations.findAll({ type: 'admin', id: 7, open: false, before: new Date(1374844930 * 1000) }).toArray(),
  ],
  ['conversations.find_all user email', (i) => i.conversations.findAll({ email: 'bob@example.com', type: 'user' }).toArray()],
  [
    'conversations.find_all user unread',
    (i) => i.conversations.findAll({ email: 'bob@example.com', type: 'user', unread: true }).toArray(),
  ],
  [
    'conversations.find_all intercom_user_id',
    (i) => i.conversations.findAll({ intercom_user_id: '536e564f316c83104c000020', type: 'user' }).toArray(),
  ],
  [
    'conversations.find + parts',
    async (i) => {
      const conversation = await i.conversations.find({ id: '147' });
      assert.equal(conversation.conversation_parts.length, 2);
      assert.equal(conversation.conversation_parts[1]?.body, '<p>second</p>');
      assert.equal(conversation.conversation_parts[0]?.part_type, 'comment');
      assert.equal(conversation.conversation_message.subject, '');
      assert.deepEqual(conversation.tags, []);
    },
  ],
  [
    'conversations.reply user',
    (i) => i.conversations.reply({ id: '147', type: 'user', email: 'bob@example.com', message_type: 'comment', body: 'foo' }),
  ],
  [
    'conversations.reply admin',
    (i) => i.conversations.reply({ id: '147', type: 'admin', admin_id: '123', message_type: 'comment', body: 'bar' }),
  ],
  [
    'conversations.reply attachment',
    (i) =>
      i.conversations.reply({
        id: '147',
        type: 'user',
        email: 'bob@example.com',
        message_type: 'comment',
        body: 'foo',
        attachment_urls: ['http://www.example.com/attachment.jpg'],
      }),
  ],
  [
    'conversations.reply_to_last user',
    (i) =>
      i.conversations.replyToLast({
        type: 'user',
        body: 'Thanks again',
        message_type: 'comment',
        user_id: '12345',
        admin_id: '123',
      }),
  ],
  ['conversations.open', (i) => i.conversations.open({ id: '147', admin_id: '123' })],
  ['conversations.close', (i) => i.conversations.close({ id: '147', admin_id: '123' })],
  ['conversations.assign', (i) => i.conversations.assign({ id: '147', admin_id: '123', assignee_id: '124' })],
  ['conversations.snooze', (i) => i.conversations.snooze({ id: '147', admin_id: '123', snoozed_until: 9999999999 })],
  [
    'conversations.reply open',
    (i) => i.conversations.reply({ id: '147', type: 'admin', admin_id: '123', message_type: 'open', body: 'bar' }),
  ],
  [
    'conversations.reply_to_last admin',
    (i) =>
      i.conversations.replyToLast({
        intercom_user_id: '5678',
        type: 'admin',
        admin_id: '123',
        message_type: 'comment',
        body: 'bar',
      }),
  ],
  [
    'conversations.reply assignment',
    (i) => i.conversations.reply({ id: '147', type: 'admin', assignee_id: '124', admin_id: '123', message_type: 'assignment' }),
  ],
  ['conversations.mark_read', (i) => i.conversations.markRead('147')],
  [
    'users.load partial',
    async (i) => {
      const conversation = await i.conversations.find({ id: '147' });
      const user = await i.users.load(conversation.user);
      assert.equal(user.email, 'bob@example.com');
    },
  ],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}

test('wire: list items carry no parts; a fetched conversation has them unwrapped', async () => {
  await assertWire('conversations.all', respond, async (i) => {
    const [first] = await i.conversations.all().toArray();
    assert.equal(first?.id, '147');
    assert.equal(first?.conversation_parts, undefined);
  });
});
