/** `intercom.conversations` end to end against the sandbox: each method, then the state it left. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import {
  AdminNotFound,
  type Client,
  InvalidParameterError,
  type ListConversationsParams,
  type ReplyParams,
  ResourceNotFound,
} from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

const WASH = '394051';
const KAYLEE = '493881';

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;

before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

const bobId = (): string => sandbox.store.usersByEmail('bob@example.com', 'user')[0]?.id ?? '';
const ids = (items: Array<{ id: string }>): string[] => items.map((c) => c.id);

test('all(): every conversation, as summaries without parts', async () => {
  const all = await intercom.conversations.all().toArray();
  assert.deepEqual(ids(all).sort(), ['147', '148', '149', '150']);
  for (const c of all) {
    assert.equal(c.type, 'conversation');
    assert.equal(c.conversation_parts, undefined);
  }
});

test('findAll(): admin and user filters', async () => {
  const c = intercom.conversations;
  assert.deepEqual(ids(await c.findAll({ type: 'admin', id: WASH }).toArray()), ['147']);
  assert.deepEqual(ids(await c.findAll({ type: 'admin', id: Number(KAYLEE), open: false }).toArray()), ['148']);
  assert.deepEqual(ids(await c.findAll({ type: 'admin', id: KAYLEE, open: false, before: new Date(0) }).toArray()), []);
  assert.deepEqual(ids(await c.findAll({ email: 'bob@example.com', type: 'user' }).toArray()), ['147', '148']);
  assert.deepEqual(ids(await c.findAll({ email: 'bob@example.com', type: 'user', unread: true }).toArray()), ['148']);
  assert.deepEqual(ids(await c.findAll({ intercom_user_id: bobId(), type: 'user' }).toArray()), ['147', '148']);
  assert.deepEqual(ids(await c.findAll({ user_id: '2', type: 'user', per_page: 1 }).toArray()), ['149', '150'], 'follows pages');
});

test('find(): parts in order, typed', async () => {
  const conversation = await intercom.conversations.find({ id: '147' });
  assert.equal(conversation.conversation_parts.length, 4);
  assert.equal(conversation.conversation_parts[0]?.part_type, 'comment');
  assert.equal(conversation.conversation_parts[1]?.body, '<p>Settings, then Export. It takes a minute.</p>');
  assert.equal(conversation.conversation_parts[3]?.part_type, 'assignment');
  assert.deepEqual(conversation.conversation_parts[3]?.assigned_to, { type: 'admin', id: WASH });
  assert.equal(conversation.conversation_message.subject, '');
  assert.deepEqual(conversation.assignee, { type: 'admin', id: WASH });
  assert.deepEqual(conversation.tags, []);
});

test('users.load(conversation.user) gets the full user', async () => {
  const conversation = await intercom.conversations.find({ id: '147' });
  const user = await intercom.users.load(conversation.user);
  assert.equal(user.email, 'bob@example.com');
});

test("find() with display_as 'plaintext' gives the bodies as plain text", async () => {
  const plain = await intercom.conversations.find({ id: '147', display_as: 'plaintext' });
  assert.equal(plain.conversation_parts[0]?.body, 'Yes: how do I export my data?');
});

test('reply() as a user: the new part is last, the conversation reopens and waits', async () => {
  const c = await intercom.conversations.reply({
    id: '148',
    type: 'user',
    email: 'bob@example.com',
    message_type: 'comment',
    body: 'foo',
    attachment_urls: ['http://www.example.com/attachment.jpg'],
  });
  const last = c.conversation_parts.at(-1);
  assert.equal(last?.body, '<p>foo</p>');
  assert.deepEqual(last?.author, { type: 'user', id: bobId() });
  assert.equal(last?.attachments[0]?.url, 'http://www.example.com/attachment.jpg');
  assert.equal(c.state, 'open');
  const again = await intercom.conversations.find({ id: '148' });
  assert.deepEqual(again.conversation_parts.at(-1), last);
});

test('reply() as an admin: comment and note', async () => {
  let c = await intercom.conversations.reply({ id: '147', type: 'admin', admin_id: WASH, message_type: 'comment', body: 'bar' });
  assert.deepEqual([c.conversation_parts.at(-1)?.part_type, c.conversation_parts.at(-1)?.author.id], ['comment', WASH]);
  assert.equal(c.read, false);
  c = await intercom.conversations.reply({ id: '147', type: 'admin', admin_id: WASH, message_type: 'note', body: '<i>VIP</i>' });
  assert.deepEqual([c.conversation_parts.at(-1)?.part_type, c.conversation_parts.at(-1)?.body], ['note', '<i>VIP</i>']);
});

test('replyToLast(): the user’s most recent conversation, as the user or as an admin', async () => {
  let c = await intercom.conversations.replyToLast({
    type: 'user',
    body: 'Thanks again',
    message_type: 'comment',
    user_id: '1',
    admin_id: WASH,
  });
  assert.equal(c.id, '147');
  assert.equal(c.conversation_parts.at(-1)?.body, '<p>Thanks again</p>');
  c = await intercom.conversations.replyToLast({
    intercom_user_id: bobId(),
    type: 'admin',
    admin_id: WASH,
    message_type: 'comment',
    body: 'bar',
  });
  assert.equal(c.id, '147');
  assert.deepEqual(c.conversation_parts.at(-1)?.author, { type: 'admin', id: WASH });
});

test('close() then open(): the state follows', async () => {
  let c = await intercom.conversations.close({ id: '147', admin_id: WASH, body: 'Closing this' });
  assert.deepEqual([c.state, c.open, c.conversation_parts.at(-1)?.part_type], ['closed', false, 'close']);
  assert.equal((await intercom.conversations.find({ id: '147' })).state, 'closed');
  c = await intercom.conversations.open({ id: '147', admin_id: WASH });
  assert.deepEqual([c.state, c.open, c.conversation_parts.at(-1)?.part_type], ['open', true, 'open']);
});

test('assign(): the assignee changes and an assignment part records it; reply assignment does the same', async () => {
  let c = await intercom.conversations.assign({ id: '147', admin_id: WASH, assignee_id: KAYLEE });
  assert.deepEqual(c.assignee, { type: 'admin', id: KAYLEE });
  const part = c.conversation_parts.at(-1);
  assert.deepEqual([part?.part_type, part?.assigned_to], ['assignment', { type: 'admin', id: KAYLEE }]);
  assert.deepEqual(ids(await intercom.conversations.findAll({ type: 'admin', id: KAYLEE }).toArray()).sort(), ['147', '148']);
  c = await intercom.conversations.reply({
    id: '147',
    type: 'admin',
    assignee_id: '0',
    admin_id: WASH,
    message_type: 'assignment',
  });
  assert.deepEqual(c.assignee, { type: 'nobody_admin', id: null });
});

test('snooze(): snoozed until the Date given; a user reply wakes it', async () => {
  const until = new Date(Date.now() + 3_600_000);
  let c = await intercom.conversations.snooze({ id: '147', admin_id: WASH, snoozed_until: until });
  assert.deepEqual([c.state, c.open, c.snoozed_until], ['snoozed', false, Math.floor(until.getTime() / 1000)]);
  c = await intercom.conversations.reply({ id: '147', type: 'user', user_id: '1', message_type: 'comment', body: 'hello?' });
  assert.deepEqual([c.state, c.snoozed_until], ['open', null]);
});

test('markRead(): the conversation is read and no longer listed as unread', async () => {
  const c = await intercom.conversations.markRead('148');
  assert.equal(c.read, true);
  assert.equal(c.conversation_parts.length, 2);
  assert.deepEqual(await intercom.conversations.findAll({ email: 'bob@example.com', type: 'user', unread: true }).toArray(), []);
});

test('API errors are typed: an unknown conversation is ResourceNotFound, an unknown admin AdminNotFound', async () => {
  await assert.rejects(intercom.conversations.find({ id: '9999' }), ResourceNotFound);
  await assert.rejects(intercom.conversations.markRead('9999'), ResourceNotFound);
  await assert.rejects(intercom.conversations.close({ id: '147', admin_id: '123' }), AdminNotFound);
  await assert.rejects(intercom.conversations.assign({ id: '147', admin_id: '394051', assignee_id: '124' }), AdminNotFound);
});

test('bad input: InvalidParameterError naming the parameter, and no request is sent', async () => {
  const c = intercom.conversations;
  const cases: Array<[string, () => Promise<unknown>]> = [
    ['params.id', () => c.find({ id: '' })],
    ['params.id', () => c.find({ id: 'last' })],
    ['params.display_as', () => c.find({ id: '147', display_as: 'html' as 'plaintext' })],
    ['params.type', () => c.findAll({ type: 'team', id: '1' } as unknown as ListConversationsParams).toArray()],
    ['params.id', () => c.findAll({ type: 'admin' } as unknown as ListConversationsParams).toArray()],
    ['params.open', () => c.findAll({ type: 'admin', id: '1', open: 'yes' } as unknown as ListConversationsParams).toArray()],
    ['params.before', () => c.findAll({ type: 'admin', id: '1', before: new Date(Number.NaN) }).toArray()],
    ['params', () => c.findAll({ type: 'user', unread: true } as unknown as ListConversationsParams).toArray()],
    ['params.body', () => c.reply({ id: '147', type: 'admin', admin_id: WASH, message_type: 'comment', body: '' })],
    ['params.admin_id', () => c.reply({ id: '147', type: 'admin', message_type: 'close' } as unknown as ReplyParams)],
    ['params.assignee_id', () => c.assign({ id: '147', admin_id: WASH } as Parameters<typeof c.assign>[0])],
    ['params.snoozed_until', () => c.snooze({ id: '147', admin_id: WASH } as Parameters<typeof c.snooze>[0])],
    ['params.snoozed_until', () => c.snooze({ id: '147', admin_id: WASH, snoozed_until: Number.POSITIVE_INFINITY })],
    [
      'params.attachment_urls',
      () => c.reply({ id: '147', type: 'user', user_id: '1', message_type: 'comment', body: 'x', attachment_urls: 'x' as never }),
    ],
    ['params', () => c.replyToLast({ type: 'admin', admin_id: WASH, message_type: 'close' } as never)],
    ['id', () => c.markRead('')],
  ];
  for (const [parameter, action] of cases) {
    await assert.rejects(
      async () => action(),
      (error: unknown) => {
        assert.ok(error instanceof InvalidParameterError, String(error));
        assert.equal(error.parameter, parameter);
        return true;
      },
    );
  }
  assert.deepEqual(sandbox.requests, []);
});
