/**
 * Type tests: each `@ts-expect-error` line must fail to compile. If one ever compiles, tsc (run by
 * `npm test` on the test build) fails on the unused directive. `typeChecks` is never called; the
 * runtime test below shows the same wrong combinations are also refused at run time, before any request.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AdminMessage,
  type Client,
  type ConversationAdminCounts,
  type ConversationCounts,
  InvalidParameterError,
  type ReplyParams,
  type UserMessage,
  type UserSegmentCounts,
} from 'intercom-ts';
import { withSandbox } from '../helpers/sandbox.js';

export async function typeChecks(intercom: Client): Promise<void> {
  const c = intercom.conversations;
  // Right combinations compile.
  await c.reply({ id: '1', type: 'user', email: 'bob@example.com', message_type: 'comment', body: 'hi' });
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'note', body: '<b>internal</b>' });
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'close' });
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'assignment', assignee_id: '8' });
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'snoozed', snoozed_until: new Date() });
  await c.replyToLast({ type: 'admin', admin_id: '7', intercom_user_id: 'u', message_type: 'comment', body: 'b' });

  // reply: type 'admin' without admin_id
  // @ts-expect-error admin_id is required for an admin reply
  await c.reply({ id: '1', type: 'admin', message_type: 'comment', body: 'bar' });
  // @ts-expect-error an assignment needs assignee_id
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'assignment' });
  // @ts-expect-error a snooze needs snoozed_until
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'snoozed' });
  // @ts-expect-error an admin comment needs a body
  await c.reply({ id: '1', type: 'admin', admin_id: '7', message_type: 'comment' });
  // @ts-expect-error users can only comment
  await c.reply({ id: '1', type: 'user', email: 'bob@example.com', message_type: 'note', body: 'x' });
  // @ts-expect-error a user reply names the user exactly once
  await c.reply({ id: '1', type: 'user', email: 'bob@example.com', user_id: '1', message_type: 'comment', body: 'x' });
  // @ts-expect-error a user reply must name the user
  await c.reply({ id: '1', type: 'user', message_type: 'comment', body: 'x' });
  // @ts-expect-error reply needs the conversation id
  await c.reply({ type: 'admin', admin_id: '7', message_type: 'close' });
  // @ts-expect-error replyToLast: an admin reply must name whose last conversation
  await c.replyToLast({ type: 'admin', admin_id: '7', message_type: 'comment', body: 'b' });
  // @ts-expect-error assign needs assignee_id
  await c.assign({ id: '1', admin_id: '7' });
  // @ts-expect-error snooze needs snoozed_until
  await c.snooze({ id: '1', admin_id: '7' });

  // findAll: admin and user filters do not mix.
  c.findAll({ type: 'admin', id: 7, open: true, before: 1374844930 });
  c.findAll({ type: 'user', intercom_user_id: 'u', unread: true });
  // @ts-expect-error unread is a user filter
  c.findAll({ type: 'admin', id: 7, unread: true });
  // @ts-expect-error open is an admin filter
  c.findAll({ type: 'user', email: 'bob@example.com', open: true });
  // @ts-expect-error a user filter names the user
  c.findAll({ type: 'user', unread: true });

  // Lists carry no parts; a fetched conversation does.
  const [summary] = await c.all().toArray();
  // @ts-expect-error list items have no typed conversation_parts
  summary?.conversation_parts.length;
  const full = await c.find({ id: '147' });
  const body: string | null | undefined = full.conversation_parts[1]?.body;
  void body;

  // messages.create: typed from/to and typed results.
  const sent: AdminMessage = await intercom.messages.create({
    message_type: 'email',
    subject: 'Hey',
    body: 'b',
    from: { type: 'admin', id: '1' },
    to: { type: 'user', email: 'bob@example.com' },
  });
  const received: UserMessage = await intercom.messages.create({ body: 'halp', from: { type: 'contact', user_id: 'x' } });
  void sent;
  void received;
  const admin = { type: 'admin', id: '1' } as const;
  // @ts-expect-error a lead cannot be addressed by email
  await intercom.messages.create({ body: 'b', from: admin, to: { type: 'contact', email: 'x@example.com' } });
  // @ts-expect-error an email needs a subject
  await intercom.messages.create({ message_type: 'email', body: 'b', from: admin, to: { type: 'user', id: 'u' } });
  // @ts-expect-error an admin's message needs a recipient
  await intercom.messages.create({ body: 'b', from: admin });

  // counts.forType: typed results per type and count.
  const bySegment: UserSegmentCounts = await intercom.counts.forType({ type: 'user', count: 'segment' });
  const conversations: ConversationCounts = await intercom.counts.forType({ type: 'conversation' });
  const perAdmin: ConversationAdminCounts = await intercom.counts.forType({ type: 'conversation', count: 'admin' });
  void [bySegment, conversations, perAdmin];
  // @ts-expect-error users are not counted per admin
  await intercom.counts.forType({ type: 'user', count: 'admin' });
  // @ts-expect-error company counts need a grouping
  await intercom.counts.forType({ type: 'company' });
  // @ts-expect-error a conversation count is not a per-admin count
  const wrong: ConversationAdminCounts = await intercom.counts.forType({ type: 'conversation' });
  void wrong;
}

test('wrong combinations that tsc rejects are refused at run time too, before any request', async () => {
  const { sandbox, intercom, done } = await withSandbox();
  try {
    const wrong: unknown[] = [
      { id: '147', type: 'admin', message_type: 'comment', body: 'bar' },
      { id: '147', type: 'admin', admin_id: '394051', message_type: 'assignment' },
      { id: '147', type: 'admin', admin_id: '394051', message_type: 'snoozed' },
      { id: '147', type: 'user', email: 'bob@example.com', message_type: 'note', body: 'x' },
      { id: '147', type: 'user', email: 'bob@example.com', user_id: '1', message_type: 'comment', body: 'x' },
      { id: '147', type: 'user', message_type: 'comment', body: 'x' },
      { id: '147', type: 'bot', message_type: 'comment', body: 'x' },
      { id: 'last', type: 'admin', admin_id: '394051', message_type: 'close' },
    ];
    for (const params of wrong) {
      await assert.rejects(intercom.conversations.reply(params as ReplyParams), InvalidParameterError, JSON.stringify(params));
    }
    assert.equal(typeChecks.length, 1);
    assert.deepEqual(sandbox.requests, [], 'no request reached the sandbox');
  } finally {
    await done();
  }
});
