import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError, ServiceConnectionError } from 'intercom-ts/v2';
import { withV2Server } from './harness.js';

const conversation = { body: { type: 'conversation', id: '1' } };
const later = Math.floor(Date.now() / 1000) + 3600;

test('conversation part operations send the parts the API takes', async () => {
  await withV2Server(
    () => conversation,
    async (client, received) => {
      await client.conversations.open({ conversation_id: '1', admin_id: '9' });
      await client.conversations.close({ conversation_id: '1', admin_id: '9', body: 'Bye' });
      await client.conversations.snooze({ conversation_id: '1', admin_id: '9', snoozed_until: later });
      await client.conversations.assign({ conversation_id: '1', admin_id: '9', assignee_id: '42', type: 'team' });
      await client.conversations.note({ conversation_id: 'a b', admin_id: '9', body: 'Internal' });
      assert.deepEqual(
        received.map((r) => [r.method, r.path, r.body]),
        [
          ['POST', '/conversations/1/parts', { message_type: 'open', admin_id: '9' }],
          ['POST', '/conversations/1/parts', { message_type: 'close', type: 'admin', admin_id: '9', body: 'Bye' }],
          ['POST', '/conversations/1/parts', { message_type: 'snoozed', admin_id: '9', snoozed_until: later }],
          ['POST', '/conversations/1/parts', { message_type: 'assignment', type: 'team', admin_id: '9', assignee_id: '42' }],
          ['POST', '/conversations/a%20b/reply', { message_type: 'note', type: 'admin', admin_id: '9', body: 'Internal' }],
        ],
      );
    },
  );
});

test('conversation part operations check their input before sending', async () => {
  await withV2Server(
    () => conversation,
    async (client, received) => {
      await assert.rejects(
        client.conversations.snooze({ conversation_id: '1', admin_id: '9', snoozed_until: 1000 }),
        InvalidParameterError,
      );
      await assert.rejects(client.conversations.close({ conversation_id: '', admin_id: '9' }), InvalidParameterError);
      await assert.rejects(client.conversations.note({ conversation_id: '1', admin_id: '9', body: ' ' }), InvalidParameterError);
      assert.equal(received.length, 0);
    },
  );
});

test('a part is not sent twice after a lost answer', async () => {
  await withV2Server(
    () => ({ destroy: true }),
    async (client, received) => {
      const error = await client.conversations.close({ conversation_id: '1', admin_id: '9' }).catch((e: unknown) => e);
      assert.ok(error instanceof ServiceConnectionError);
      assert.equal(error.outcomeUnknown, true);
      assert.equal(received.length, 1);
    },
  );
});

test('ticket part operations: replies as notes and comments, state changes as updates', async () => {
  await withV2Server(
    () => ({ body: { type: 'ticket', id: 't1' } }),
    async (client, received) => {
      await client.tickets.note({ ticket_id: 't1', admin_id: 9, body: 'Internal' });
      await client.tickets.comment({ ticket_id: 't1', admin_id: '9', body: 'Hello' });
      await client.tickets.close({ ticket_id: 't1', admin_id: '9' });
      await client.tickets.reopen({ ticket_id: 't1', admin_id: 9 });
      await client.tickets.snooze({ ticket_id: 't1', admin_id: 9, snoozed_until: later });
      await client.tickets.assign({ ticket_id: 't1', admin_id: 9, assignee_id: '0' });
      assert.deepEqual(
        received.map((r) => [r.method, r.path, r.body]),
        [
          ['POST', '/tickets/t1/reply', { message_type: 'note', type: 'admin', admin_id: '9', body: 'Internal' }],
          ['POST', '/tickets/t1/reply', { message_type: 'comment', type: 'admin', admin_id: '9', body: 'Hello' }],
          ['PUT', '/tickets/t1', { admin_id: 9, open: false }],
          ['PUT', '/tickets/t1', { admin_id: 9, open: true }],
          ['PUT', '/tickets/t1', { admin_id: 9, snoozed_until: later }],
          ['PUT', '/tickets/t1', { admin_id: 9, assignee_id: '0' }],
        ],
      );
      await assert.rejects(client.tickets.close({ ticket_id: 't1', admin_id: 'bob' }), InvalidParameterError);
    },
  );
});
