/**
 * Conversations and messages through the seed-style client on 2.16: each 1.x call's 2.x requests
 * (wire), and the models they give compared with the 1.x client's over the same sandbox (behaviour).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Conversation, ResourceNotFound, UnavailableOnApi2Error } from 'intercom-ts';
import { type BridgeFixture, withBridge } from './rest-fixture.js';

const WASH = '394051';
const KAYLEE = '493881';
const SUPPORT_TEAM = '814865';

let fx: BridgeFixture;
before(async () => {
  fx = await withBridge();
});
after(() => fx.done());
beforeEach(() => fx.sandbox.reset());

const personId = (email: string): string => fx.sandbox.store.usersByEmail(email, 'user')[0]?.id ?? '';

/** A conversation without what only 2.x authors carry (names and emails of authors). */
function comparable(conversation: Conversation): unknown {
  const copy = JSON.parse(JSON.stringify(conversation));
  const strip = (author: Record<string, unknown>) => {
    delete author.name;
    delete author.email;
  };
  strip(copy.conversation_message.author);
  for (const part of copy.conversation_parts) strip(part.author);
  return copy;
}

test('find: GET /conversations/{id}, rendered as the 1.x conversation the 1.x API gives', async () => {
  for (const id of ['147', '148', '149', '150']) {
    const viaBridge = await fx.v2.conversations.find({ id });
    assert.deepEqual(fx.sent(), [{ method: 'GET', path: `/conversations/${id}`, body: undefined }]);
    const via1x = await fx.v1.conversations.find({ id });
    assert.deepEqual(comparable(viaBridge), comparable(via1x), `conversation ${id}`);
  }
  const plain = await fx.v2.conversations.find({ id: '147', display_as: 'plaintext' });
  assert.equal(plain.id, '147');
  assert.deepEqual(fx.sent(), [{ method: 'GET', path: '/conversations/147?display_as=plaintext', body: undefined }]);
});

test('all: GET /conversations, 2.x cursor pages followed through pages.next links to the bridge', async () => {
  const viaBridge = await fx.v2.conversations.all().toArray();
  const via1x = await fx.v1.conversations.all().toArray();
  assert.deepEqual(
    viaBridge.map((c) => c.id),
    via1x.map((c) => c.id),
  );
  assert.deepEqual(fx.sent(), [{ method: 'GET', path: '/conversations?per_page=20', body: undefined }]);
  assert.deepEqual(
    viaBridge.map((c) => [c.id, c.state, c.open, c.assignee, c.user]),
    via1x.map((c) => [c.id, c.state, c.open, c.assignee, c.user]),
  );
});

test('findAll: a page of one follows the cursor, page after page, naming the customer by id', async () => {
  const items: string[] = [];
  for await (const c of fx.v2.conversations.findAll({
    type: 'user',
    intercom_user_id: personId('bob@example.com'),
    per_page: 1,
  })) {
    items.push(c.id);
  }
  const bob = personId('bob@example.com');
  const sent = fx.sent();
  assert.equal(sent.length, 2, 'one search a page');
  assert.deepEqual(sent[0], {
    method: 'POST',
    path: '/conversations/search',
    body: { query: { field: 'contact_ids', operator: '=', value: bob }, pagination: { per_page: 1 } },
  });
  assert.deepEqual(sent[1]?.body, {
    query: { field: 'contact_ids', operator: '=', value: bob },
    pagination: { per_page: 1, starting_after: items[0] },
  });
  const via1x = await fx.v1.conversations.findAll({ type: 'user', intercom_user_id: bob }).toArray();
  assert.deepEqual(items.sort(), via1x.map((c) => c.id).sort());
});

test('findAll type admin with open and before: a conversation search', async () => {
  for (const filter of [
    { type: 'admin', id: KAYLEE, open: false },
    { type: 'admin', id: WASH, open: true },
    { type: 'admin', id: SUPPORT_TEAM },
    { type: 'admin', id: WASH, before: 4_000_000_000 },
  ] as const) {
    const viaBridge = await fx.v2.conversations.findAll(filter).toArray();
    const via1x = await fx.v1.conversations.findAll(filter).toArray();
    assert.deepEqual(viaBridge.map((c) => c.id).sort(), via1x.map((c) => c.id).sort(), JSON.stringify(filter));
  }
  const sent = fx.sent();
  assert.deepEqual(sent[0]?.body, {
    query: {
      operator: 'AND',
      value: [
        {
          operator: 'OR',
          value: [
            { field: 'admin_assignee_id', operator: '=', value: KAYLEE },
            { field: 'team_assignee_id', operator: '=', value: KAYLEE },
          ],
        },
        { field: 'state', operator: '!=', value: 'open' },
      ],
    },
    pagination: { per_page: 20 },
  });
  const lastQuery = (sent.at(-1)?.body ?? { query: { value: [] } }) as { query: { value: unknown[] } };
  assert.deepEqual(lastQuery.query.value[1], {
    field: 'updated_at',
    operator: '<',
    value: 4_000_000_000,
  });
});

test('findAll type user by intercom_user_id, unread: a search on contact_ids and read', async () => {
  const bob = personId('bob@example.com');
  const viaBridge = await fx.v2.conversations.findAll({ type: 'user', intercom_user_id: bob, unread: true }).toArray();
  const via1x = await fx.v1.conversations.findAll({ type: 'user', intercom_user_id: bob, unread: true }).toArray();
  assert.deepEqual(viaBridge.map((c) => c.id).sort(), via1x.map((c) => c.id).sort());
  assert.deepEqual(fx.sent(), [
    {
      method: 'POST',
      path: '/conversations/search',
      body: {
        query: {
          operator: 'AND',
          value: [
            { field: 'contact_ids', operator: '=', value: bob },
            { field: 'read', operator: '=', value: false },
          ],
        },
        pagination: { per_page: 20 },
      },
    },
  ]);
});

test('a conversation started by a user, replied, closed, opened, assigned, snoozed, read, then found with its parts', async () => {
  const bob = personId('bob@example.com');
  const message = await fx.v2.messages.create({ from: { type: 'user', id: bob }, body: 'My ship is on fire' });
  assert.equal(message.type, 'user_message');
  assert.equal(message.message_type, 'inapp');
  const [start] = fx.sent();
  assert.deepEqual(start, {
    method: 'POST',
    path: '/conversations',
    body: { from: { type: 'user', id: bob }, body: 'My ship is on fire' },
  });
  const conversationId = [...fx.sandbox.store.conversations.values()].find((c) => c.message.id === message.id)?.id ?? '';
  assert.notEqual(conversationId, '');

  await fx.v2.conversations.reply({ id: conversationId, type: 'admin', admin_id: WASH, message_type: 'comment', body: 'On it' });
  await fx.v2.conversations.reply({
    id: conversationId,
    type: 'user',
    intercom_user_id: bob,
    message_type: 'comment',
    body: 'Thanks',
  });
  await fx.v2.conversations.reply({ id: conversationId, type: 'admin', admin_id: WASH, message_type: 'note', body: 'internal' });
  const closed = await fx.v2.conversations.close({ id: conversationId, admin_id: WASH, body: 'Fixed' });
  assert.equal(closed.state, 'closed');
  assert.equal(closed.open, false);
  const opened = await fx.v2.conversations.open({ id: conversationId, admin_id: WASH });
  assert.equal(opened.open, true);
  const assigned = await fx.v2.conversations.assign({ id: conversationId, admin_id: WASH, assignee_id: KAYLEE });
  assert.deepEqual(assigned.assignee, { type: 'admin', id: KAYLEE });
  const until = Math.floor(Date.now() / 1000) + 3600;
  const snoozed = await fx.v2.conversations.snooze({ id: conversationId, admin_id: WASH, snoozed_until: until });
  assert.equal(snoozed.state, 'snoozed');
  assert.equal(snoozed.open, false, '1.x open is true only for the open state');
  assert.equal(snoozed.snoozed_until, until);
  const read = await fx.v2.conversations.markRead(conversationId);
  assert.equal(read.read, true);

  const path = `/conversations/${conversationId}`;
  assert.deepEqual(fx.sent(), [
    {
      method: 'POST',
      path: `${path}/reply`,
      body: { message_type: 'comment', type: 'admin', admin_id: WASH, body: 'On it' },
    },
    {
      method: 'POST',
      path: `${path}/reply`,
      body: { message_type: 'comment', type: 'user', body: 'Thanks', intercom_user_id: bob },
    },
    {
      method: 'POST',
      path: `${path}/reply`,
      body: { message_type: 'note', type: 'admin', admin_id: WASH, body: 'internal' },
    },
    { method: 'POST', path: `${path}/parts`, body: { message_type: 'close', type: 'admin', admin_id: WASH, body: 'Fixed' } },
    { method: 'POST', path: `${path}/parts`, body: { message_type: 'open', admin_id: WASH } },
    {
      method: 'POST',
      path: `${path}/parts`,
      body: { message_type: 'assignment', type: 'admin', admin_id: WASH, assignee_id: KAYLEE },
    },
    { method: 'POST', path: `${path}/parts`, body: { message_type: 'snoozed', snoozed_until: until, admin_id: WASH } },
    { method: 'PUT', path, body: { read: true } },
  ]);

  const found = await fx.v2.conversations.find({ id: conversationId });
  assert.deepEqual(
    found.conversation_parts.map((p) => p.part_type),
    ['comment', 'comment', 'note', 'close', 'open', 'assignment', 'snoozed'],
  );
  assert.deepEqual(found.user, { type: 'user', id: bob });
  assert.equal(found.conversation_message.body?.includes('My ship is on fire'), true);
  assert.deepEqual(comparable(found), comparable(await fx.v1.conversations.find({ id: conversationId })));
});

test('an admin message to a user by id: POST /messages with in_app and to {type: user, id}', async () => {
  const bob = personId('bob@example.com');
  const message = await fx.v2.messages.create({
    message_type: 'email',
    subject: 'Hey',
    body: 'Hello',
    template: 'plain',
    from: { type: 'admin', id: WASH },
    to: { type: 'user', id: bob },
  });
  assert.equal(message.type, 'admin_message');
  assert.equal(message.message_type, 'email');
  assert.deepEqual(message.owner, { type: 'admin', id: WASH });
  await fx.v2.messages.create({ body: 'In app', from: { type: 'admin', id: WASH }, to: { type: 'user', id: bob } });
  assert.deepEqual(fx.sent(), [
    {
      method: 'POST',
      path: '/messages',
      body: {
        message_type: 'email',
        subject: 'Hey',
        body: 'Hello',
        template: 'plain',
        from: { type: 'admin', id: Number(WASH) },
        to: { type: 'user', id: bob },
      },
    },
    {
      method: 'POST',
      path: '/messages',
      body: { message_type: 'in_app', body: 'In app', from: { type: 'admin', id: Number(WASH) }, to: { type: 'user', id: bob } },
    },
  ]);
});

test('replies, parts and messages whose answer is lost are not sent again, and say their outcome is unknown', async () => {
  const bob = personId('bob@example.com');
  const client = new (fx.v2.constructor as typeof import('intercom-ts').Client)({
    token: fx.sandbox.token,
    baseUrl: fx.sandbox.url,
    apiVersion: '2.16',
    maxRetries: 3,
  });
  const writes: Array<[string, () => Promise<unknown>]> = [
    [
      '/conversations/147/reply',
      () => client.conversations.reply({ id: '147', type: 'admin', admin_id: WASH, message_type: 'comment', body: 'once' }),
    ],
    ['/conversations/147/parts', () => client.conversations.close({ id: '147', admin_id: WASH })],
    [
      '/messages',
      () => client.messages.create({ body: 'once', from: { type: 'admin', id: WASH }, to: { type: 'user', id: bob } }),
    ],
    ['/conversations', () => client.messages.create({ body: 'once', from: { type: 'user', id: bob } })],
  ];
  try {
    for (const [path, write] of writes) {
      fx.sandbox.inject({ path, method: 'POST', kind: 'reset-after' });
      await assert.rejects(write(), (error: unknown) => (error as { outcomeUnknown?: boolean }).outcomeUnknown === true, path);
      assert.equal(fx.sent().filter((r) => r.method === 'POST' && r.path === path).length, 1, `${path} sent once`);
    }
  } finally {
    client.close();
  }
});

test('what 2.x cannot do is refused before anything is sent', async () => {
  const refusals: Array<Promise<unknown>> = [
    fx.v2.conversations.findAll({ type: 'admin', id: WASH, page: 2 }).toArray(),
    fx.v2.conversations.findAll({ type: 'admin', id: WASH, sort: 'created_at' }).toArray(),
    fx.v2.conversations.findAll({ type: 'admin', id: WASH, display_as: 'plaintext' }).toArray(),
    fx.v2.conversations.replyToLast({ type: 'admin', admin_id: WASH, message_type: 'close', intercom_user_id: 'x' }),
    fx.v2.conversations.open({ id: '147', admin_id: WASH, body: 'Back' }),
  ];
  for (const refusal of refusals) await assert.rejects(refusal, UnavailableOnApi2Error);
  assert.deepEqual(fx.sent(), []);
});

test('find: a customer no author names is looked up (GET /contacts/{id}) to tell a lead from a user', async () => {
  const lead = fx.sandbox.store.usersByEmail('alice@leads.example.com', 'contact')[0]?.id ?? '';
  assert.notEqual(lead, '');
  const message = await fx.v2.messages.create({
    body: 'Hello lead',
    from: { type: 'admin', id: WASH },
    to: { type: 'contact', id: lead },
  });
  assert.deepEqual(fx.sent()[0]?.body, {
    message_type: 'in_app',
    body: 'Hello lead',
    from: { type: 'admin', id: Number(WASH) },
    to: { type: 'lead', id: lead },
  });
  const conversationId = [...fx.sandbox.store.conversations.values()].find((c) => c.message.id === message.id)?.id ?? '';
  fx.sent();
  const found = await fx.v2.conversations.find({ id: conversationId });
  assert.deepEqual(found.user, { type: 'lead', id: lead });
  assert.deepEqual(found.customers, [{ type: 'lead', id: lead }]);
  assert.deepEqual(
    fx.sent().map((r) => `${r.method} ${r.path}`),
    [`GET /conversations/${conversationId}`, `GET /contacts/${lead}`],
  );
  assert.deepEqual(comparable(found), comparable(await fx.v1.conversations.find({ id: conversationId })));
});

test('people named by email or user_id are looked up with the 1.x lookup through the bridge, then their id is used', async () => {
  const bob = personId('bob@example.com');
  const alice = personId('alice@example.com');
  const viaBridge = await fx.v2.conversations.findAll({ type: 'user', email: 'bob@example.com' }).toArray();
  const via1x = await fx.v1.conversations.findAll({ type: 'user', email: 'bob@example.com' }).toArray();
  assert.deepEqual(viaBridge.map((c) => c.id).sort(), via1x.map((c) => c.id).sort());
  const search = fx.sent().filter((r) => r.path === '/conversations/search');
  assert.deepEqual(
    search.map((r) => r.body),
    [{ query: { field: 'contact_ids', operator: '=', value: bob }, pagination: { per_page: 20 } }],
  );

  const sent = await fx.v2.messages.create({
    body: 'Hi Bob',
    from: { type: 'admin', id: WASH },
    to: { type: 'user', email: 'bob@example.com' },
  });
  assert.equal(sent.type, 'admin_message');
  assert.deepEqual(fx.sent().at(-1), {
    method: 'POST',
    path: '/messages',
    body: { message_type: 'in_app', body: 'Hi Bob', from: { type: 'admin', id: Number(WASH) }, to: { type: 'user', id: bob } },
  });

  const fromUser = await fx.v2.messages.create({ body: 'Help', from: { type: 'user', user_id: '2' } });
  assert.equal(fromUser.type, 'user_message');
  assert.deepEqual(fx.sent().at(-1), {
    method: 'POST',
    path: '/conversations',
    body: { from: { type: 'user', id: alice }, body: 'Help' },
  });
});

test('an unknown recipient is ResourceNotFound naming it, and no message is sent', async () => {
  await assert.rejects(
    fx.v2.messages.create({ body: 'Hi', from: { type: 'admin', id: WASH }, to: { type: 'user', email: 'nobody@example.com' } }),
    (error: unknown) => error instanceof ResourceNotFound && error.field === 'params.to.email',
  );
  assert.deepEqual(
    fx.sent().filter((r) => r.path === '/messages'),
    [],
  );
});

test('an unknown sender: ResourceNotFound naming it (2.x says admin_not_found), and nothing else is sent', async () => {
  const bob = personId('bob@example.com');
  await assert.rejects(
    fx.v2.messages.create({ body: 'Hi', from: { type: 'admin', id: '999' }, to: { type: 'user', id: bob } }),
    (error: unknown) =>
      error instanceof ResourceNotFound && error.field === 'params.from.id' && error.httpCode === 404 && !error.outcomeUnknown,
  );
  await assert.rejects(
    fx.v2.messages.create({ body: 'Hi', from: { type: 'user', email: 'nobody@example.com' } }),
    (error: unknown) => error instanceof ResourceNotFound && error.field === 'params.from.email',
  );
  assert.deepEqual(
    fx
      .sent()
      .map((r) => `${r.method} ${r.path}`)
      .filter((r) => !r.startsWith('POST /contacts/search')),
    ['POST /messages'],
  );
});

test('replyToLast: POST /conversations/last/reply naming the customer, as a user or an admin', async () => {
  const bob = personId('bob@example.com');
  const asUser = await fx.v2.conversations.replyToLast({
    type: 'user',
    message_type: 'comment',
    body: 'Me again',
    email: 'bob@example.com',
  });
  const asAdmin = await fx.v2.conversations.replyToLast({
    type: 'admin',
    admin_id: WASH,
    message_type: 'note',
    body: 'Noted',
    intercom_user_id: bob,
  });
  assert.equal(asUser.id, asAdmin.id);
  assert.equal(asAdmin.conversation_parts.at(-1)?.part_type, 'note');
  assert.deepEqual(fx.sent(), [
    {
      method: 'POST',
      path: '/conversations/last/reply',
      body: { message_type: 'comment', type: 'user', body: 'Me again', email: 'bob@example.com' },
    },
    {
      method: 'POST',
      path: '/conversations/last/reply',
      body: { message_type: 'note', type: 'admin', admin_id: WASH, body: 'Noted', intercom_user_id: bob },
    },
  ]);
});
