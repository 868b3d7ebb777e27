import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type IntercomError, ServiceConnectionError, ServiceUnavailableError } from 'intercom-ts/v2';
import { OPERATIONS } from '../../src/v2/generated/operations.js';
import { withV2Server } from './harness.js';

// As on 1.x: GET, PUT and DELETE repeat after a lost answer; creates, replies, merges, conversions
// and message sends never do and report outcomeUnknown; the POSTs safe to repeat opt in.

const ok = { body: { type: 'contact', id: 'c1' } };

test('a GET, a PUT and a DELETE whose connection drops are sent again', async () => {
  await withV2Server(
    (_r, n) => (n % 2 === 0 ? { destroy: true } : ok),
    async (client, received) => {
      await client.contacts.find({ contact_id: 'c1' });
      await client.contacts.update({ contact_id: 'c1', name: 'Joe' });
      await client.contacts.delete({ contact_id: 'c1' });
      assert.deepEqual(
        received.map((r) => r.method),
        ['GET', 'GET', 'PUT', 'PUT', 'DELETE', 'DELETE'],
      );
    },
  );
});

const neverRepeated: Array<[string, (client: import('intercom-ts/v2').IntercomClient) => Promise<unknown>]> = [
  ['contacts.create', (c) => c.contacts.create({ email: 'joe@example.com' })],
  [
    'conversations.reply',
    (c) =>
      c.conversations.reply({
        conversation_id: '1',
        body: { message_type: 'comment', type: 'admin', admin_id: '1', body: 'Hi' },
      }),
  ],
  ['contacts.mergeLeadInUser', (c) => c.contacts.mergeLeadInUser({ from: 'a', into: 'b' })],
  ['conversations.convertToTicket', (c) => c.conversations.convertToTicket({ conversation_id: 1, ticket_type_id: '53' })],
  [
    'messages.create',
    (c) =>
      c.messages.create({ message_type: 'in_app', body: 'Hi', from: { type: 'admin', id: 1 }, to: { type: 'user', id: 'u1' } }),
  ],
  ['tickets.create', (c) => c.tickets.create({ ticket_type_id: '1', contacts: [{ id: 'c1' }] })],
];

for (const [name, call] of neverRepeated) {
  test(`${name} is not sent again after a lost answer, and says its outcome is unknown`, async () => {
    await withV2Server(
      () => ({ destroy: true }),
      async (client, received) => {
        const error = await call(client).catch((e: unknown) => e);
        assert.ok(error instanceof ServiceConnectionError, String(error));
        assert.equal(error.outcomeUnknown, true);
        assert.equal(received.length, 1);
      },
    );
  });
}

test('a create that gets a 503 is not retried and reports outcomeUnknown', async () => {
  await withV2Server(
    () => ({ status: 503, body: '' }),
    async (client, received) => {
      const error = await client.contacts.create({ email: 'joe@example.com' }).catch((e: unknown) => e);
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal((error as IntercomError).outcomeUnknown, true);
      assert.equal(received.length, 1);
    },
  );
});

test('a search (a POST that reads) is sent again after a lost answer', async () => {
  await withV2Server(
    (_r, n) => (n === 0 ? { destroy: true } : { body: { type: 'list', data: [], pages: {} } }),
    async (client, received) => {
      await client.contacts.search({ query: { field: 'email', operator: '=', value: 'joe@example.com' } });
      assert.equal(received.length, 2);
    },
  );
});

test('the POSTs repeated after a lost answer are the listed ones: reads, upserts, attachments, state changes', () => {
  const repeated = OPERATIONS.filter((o) => o.method === 'POST' && o.idempotent).map((o) => o.id);
  for (const id of [
    'contacts.search',
    'conversations.search',
    'tickets.search',
    'companies.list',
    'companies.createOrUpdate',
    'tags.create',
  ]) {
    assert.ok(repeated.includes(id), id);
  }
  // Upserts keyed by an identifier the caller gives are the only creates that may be repeated.
  const upserts = ['companies.createOrUpdate', 'customObjectInstances.createCustomObjectInstances', 'tags.create'];
  for (const o of OPERATIONS.filter((o) => o.method === 'POST')) {
    if (/create|reply|merge|convert|enqueue|notify|register|send|summaries/i.test(o.id) && !upserts.includes(o.id)) {
      assert.equal(o.idempotent, false, `${o.id} must not be repeated`);
    }
  }
  for (const o of OPERATIONS.filter((o) => o.method !== 'POST')) assert.equal(o.idempotent, true, o.id);
});
