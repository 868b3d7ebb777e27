/**
 * The gem README's conversations, messages and counts steps (seed-wire.json), sent as the gem sent them,
 * against the demo sandbox: realistic answers, and the state a user would expect. The recording names
 * ids the demo does not have (admin 123, user 536e564f...): those answer 404 in Intercom's shape.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import type { RawAnswer } from '../helpers/raw-http.js';
import { asTheGem, replay } from '../helpers/replay.js';

describe('the gem README steps of conversations, messages and counts, replayed against the demo sandbox', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const only = async (name: string) => {
    const answers = await replay(sandbox, name);
    assert.equal(answers.length, 1, name);
    return answers[0] as RawAnswer;
  };
  const ids = (answer: RawAnswer): string[] => answer.json.conversations.map((c: { id: string }) => c.id);

  test('lists: all, by admin (7 has none), by user email and unread; an unknown Intercom user is a 404', async () => {
    assert.deepEqual(ids(await only('conversations.all')).sort(), ['147', '148', '149', '150']);
    for (const step of [
      'conversations.find_all admin',
      'conversations.find_all admin open',
      'conversations.find_all admin closed before',
    ]) {
      const answer = await only(step);
      assert.deepEqual([answer.status, answer.json.type, answer.json.conversations], [200, 'conversation.list', []], step);
    }
    assert.deepEqual(ids(await only('conversations.find_all user email')), ['147', '148']);
    assert.deepEqual(ids(await only('conversations.find_all user unread')), ['148']);
    const unknown = await only('conversations.find_all intercom_user_id');
    assert.deepEqual([unknown.status, unknown.json.errors], [404, [{ code: 'not_found', message: 'User Not Found' }]]);
  });

  test('find + parts: conversation 147 with its parts in order', async () => {
    const answer = await only('conversations.find + parts');
    assert.equal(answer.status, 200);
    assert.equal(answer.json.conversation_parts.type, 'conversation_part.list');
    assert.deepEqual(
      answer.json.conversation_parts.conversation_parts.map((p: { id: string }) => p.id),
      ['701', '702', '703', '704'],
    );
  });

  test('user replies by email add Bob’s comment (and its attachment) as the last part', async () => {
    const plain = await only('conversations.reply user');
    assert.equal(plain.status, 200);
    const withFile = await only('conversations.reply attachment');
    const parts = withFile.json.conversation_parts.conversation_parts;
    assert.equal(parts.length, 6);
    assert.deepEqual(
      parts.slice(-2).map((p: { body: string; attachments: unknown[] }) => [p.body, p.attachments.length]),
      [
        ['<p>foo</p>', 0],
        ['<p>foo</p>', 1],
      ],
    );
  });

  test('admin 123 is not a teammate here: every admin reply is a 404 admin_not_found, and nothing changes', async () => {
    const before147 = await asTheGem(sandbox, { method: 'GET', path: '/conversations/147' });
    for (const step of [
      'conversations.reply admin',
      'conversations.open',
      'conversations.close',
      'conversations.assign',
      'conversations.snooze',
      'conversations.reply open',
      'conversations.reply assignment',
    ]) {
      const answer = await only(step);
      assert.deepEqual(
        [answer.status, answer.json.errors[0].code, answer.json.errors[0].field],
        [404, 'admin_not_found', 'admin_id'],
        step,
      );
    }
    const after147 = await asTheGem(sandbox, { method: 'GET', path: '/conversations/147' });
    assert.deepEqual([after147.status, after147.json], [before147.status, before147.json]);
  });

  test('reply_to_last for users the demo does not have: 404 User Not Found', async () => {
    for (const step of ['conversations.reply_to_last user', 'conversations.reply_to_last admin']) {
      const answer = await only(step);
      assert.deepEqual([answer.status, answer.json.errors], [404, [{ code: 'not_found', message: 'User Not Found' }]], step);
    }
  });

  test('mark_read: 147, unread after an admin answered, is read afterwards', async () => {
    const answered = await asTheGem(sandbox, {
      method: 'POST',
      path: '/conversations/147/reply',
      body: { type: 'admin', admin_id: '394051', message_type: 'comment', body: 'CSV too, yes.' },
    });
    assert.equal(answered.json.read, false);
    const answer = await only('conversations.mark_read');
    assert.deepEqual([answer.status, answer.json.id, answer.json.read], [200, '147', true]);
    const after = await asTheGem(sandbox, { method: 'GET', path: '/conversations/147' });
    assert.equal(after.json.read, true);
  });

  test('users.load partial: the conversation, then the recorded user id, which this sandbox does not have', async () => {
    const [conversation, user] = await replay(sandbox, 'users.load partial');
    assert.equal(conversation?.status, 200);
    assert.deepEqual([user?.status, user?.json.errors[0].code], [404, 'not_found']);
    const loaded = await asTheGem(sandbox, { method: 'GET', path: `/users/${conversation?.json.user.id}` });
    assert.equal(loaded.json.email, 'bob@example.com', 'the id the conversation names is Bob');
  });

  test('messages from admin 1234 and from an unknown user: 404 not_found, no conversation created', async () => {
    for (const step of ['messages.create inapp', 'messages.create email', 'messages.create from user']) {
      const answer = await only(step);
      assert.deepEqual([answer.status, answer.json.errors], [404, [{ code: 'not_found', message: 'Resource Not Found' }]], step);
    }
    assert.equal(sandbox.store.conversations.size, 4);
  });

  test('counts.for_app and counts.for_type answer from the state', async () => {
    const app = await only('counts.for_app');
    assert.equal(app.json.type, 'count.hash');
    assert.equal(app.json.company.count, sandbox.store.companies.size);
    const bySegment = await only('counts.for_type');
    assert.equal(bySegment.json.type, 'count');
    assert.ok(Array.isArray(bySegment.json.user.segment));
  });
});
