/** The sandbox's `POST /messages`: admin to user or lead, user or lead to the app; each starts a conversation. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { rejectsWithApiError } from '../helpers/api-errors.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

interface WireConversation {
  id: string;
  state: string;
  read: boolean;
  waiting_since: number | null;
  assignee: { type: string; id: string | null };
  user: { type: string; id: string };
  conversation_message: { id: string; subject: string; body: string; author: { type: string; id: string }; delivered_as: string };
}

const WASH = '394051';

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;

before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

const send = async (body: Record<string, unknown>): Promise<Record<string, unknown>> =>
  (await intercom.post('/messages', body)) as Record<string, unknown>;
const bob = (): string => sandbox.store.usersByEmail('bob@example.com', 'user')[0]?.id ?? '';
/** Ids of the conversations created since the seed, oldest first. */
const created = (): string[] => {
  const seeded = new Set(['147', '148', '149', '150']);
  return [...sandbox.store.conversations.keys()].filter((id) => !seeded.has(id));
};
const fetchConversation = async (id: string): Promise<WireConversation> =>
  (await intercom.get(`/conversations/${id}`)) as WireConversation;

test('admin in-app message to a user: an admin_message, and a conversation with that message', async () => {
  const message = await send({
    message_type: 'inapp',
    body: "What's up :)",
    from: { type: 'admin', id: WASH },
    to: { type: 'user', user_id: '1' },
  });
  assert.deepEqual(
    { ...message, id: undefined, created_at: undefined },
    {
      type: 'admin_message',
      id: undefined,
      created_at: undefined,
      message_type: 'inapp',
      body: "What's up :)",
      owner: { type: 'admin', id: WASH, name: 'Wash', email: 'wash@serenity.io' },
    },
  );
  const [made] = created();
  assert.ok(made);
  assert.notEqual(made, message.id, 'the message id is not the conversation id');
  const c = await fetchConversation(made);
  assert.deepEqual(c.user, { type: 'user', id: bob() });
  assert.deepEqual(c.conversation_message.author, { type: 'admin', id: WASH });
  assert.equal(c.conversation_message.id, message.id);
  assert.equal(c.conversation_message.body, "<p>What's up :)</p>");
  assert.equal(c.conversation_message.delivered_as, 'admin_initiated');
  // Nobody waits on it: before API 1.2 that shows as a date ~2,000 years ahead.
  assert.deepEqual([c.state, c.read, c.assignee], ['open', false, { type: 'nobody_admin', id: null }]);
  assert.ok((c.waiting_since ?? 0) > Date.now() / 1000 + 1000 * 365 * 86_400);
  const bobs = (await intercom.get('/conversations?type=user&email=bob%40example.com')) as { conversations: WireConversation[] };
  assert.equal(bobs.conversations[0]?.id, made);
});

test('admin email: subject and template; the conversation carries the subject', async () => {
  const message = await send({
    message_type: 'email',
    subject: 'Hey there',
    body: 'Ponies?',
    template: 'personal',
    from: { type: 'admin', id: WASH },
    to: { type: 'user', email: 'alice@example.com' },
  });
  assert.deepEqual(
    [message.type, message.message_type, message.subject, message.template],
    ['admin_message', 'email', 'Hey there', 'personal'],
  );
  const c = await fetchConversation(created()[0] ?? '');
  assert.equal(c.conversation_message.subject, 'Hey there');
  const plain = await send({
    message_type: 'email',
    subject: 'S',
    body: 'b',
    from: { type: 'admin', id: WASH },
    to: { type: 'user', id: bob() },
  });
  assert.equal(plain.template, 'plain', 'the default template');
});

test('admin to a lead by id or user_id; a lead addressed by email is not found', async () => {
  const lead = sandbox.store.newUser('contact', { email: 'lead@example.com' });
  await send({ body: 'How can I help :)', from: { type: 'admin', id: WASH }, to: { type: 'contact', id: lead.id } });
  await send({ body: 'Still there?', from: { type: 'admin', id: WASH }, to: { type: 'contact', user_id: lead.user_id } });
  assert.equal(created().length, 2);
  const c = await fetchConversation(created()[0] ?? '');
  assert.deepEqual(c.user, { type: 'lead', id: lead.id });
  await rejectsWithApiError(
    send({ body: 'x', from: { type: 'admin', id: WASH }, to: { type: 'contact', email: 'lead@example.com' } }),
    {
      status: 404,
      code: 'not_found',
    },
  );
});

test('a user’s message: a user_message, and an open, unassigned conversation waiting for an answer', async () => {
  const message = await send({ from: { type: 'user', email: 'bob@example.com' }, body: 'halp <now>' });
  assert.deepEqual(
    { ...message, id: undefined, created_at: undefined },
    { type: 'user_message', id: undefined, created_at: undefined, body: 'halp <now>', message_type: 'inapp' },
  );
  const c = await fetchConversation(created()[0] ?? '');
  assert.deepEqual(c.conversation_message.author, { type: 'user', id: bob() });
  assert.equal(c.conversation_message.body, '<p>halp &lt;now&gt;</p>');
  assert.equal(c.conversation_message.delivered_as, 'customer_initiated');
  assert.deepEqual([c.state, c.read, c.assignee.type], ['open', true, 'nobody_admin']);
  assert.ok(c.waiting_since !== null && c.waiting_since > 0);
});

test('a lead’s message by id, user_id or email; a visitor writing as a contact becomes a lead', async () => {
  const lead = sandbox.store.newUser('contact', { email: 'lead@example.com' });
  await send({ from: { type: 'contact', id: lead.id }, body: 'halp' });
  await send({ from: { type: 'contact', email: 'lead@example.com' }, body: 'halp' });
  const visitor = sandbox.store.newUser('visitor');
  await send({ from: { type: 'contact', user_id: visitor.user_id }, body: 'hello' });
  assert.equal(visitor.role, 'contact');
  assert.equal(created().length, 3);
  const c = await fetchConversation(created()[2] ?? '');
  assert.deepEqual(c.user, { type: 'lead', id: visitor.id });
});

test('unknown sender or recipient: 404 not_found, nothing created', async () => {
  const cases: Array<Record<string, unknown>> = [
    { body: 'x', from: { type: 'admin', id: '1234' }, to: { type: 'user', user_id: '1' } },
    { body: 'x', from: { type: 'admin', id: WASH }, to: { type: 'user', user_id: '5678' } },
    { body: 'x', from: { type: 'user', id: '536e564f316c83104c000020' } },
    { body: 'x', from: { type: 'contact', email: 'bob@example.com' } },
  ];
  for (const body of cases) await rejectsWithApiError(send(body), { status: 404, code: 'not_found' });
  assert.deepEqual(created(), []);
});

test('bad payloads: 400 naming the parameter, nothing created', async () => {
  const admin = { type: 'admin', id: WASH };
  const cases: Array<[Record<string, unknown>, string, string]> = [
    [{ body: 'x' }, 'parameter_not_found', 'from'],
    [{ body: 'x', from: 'admin' }, 'parameter_invalid', 'from'],
    [{ body: 'x', from: { id: WASH } }, 'parameter_not_found', 'from.type'],
    [{ body: 'x', from: { type: 'bot', id: '1' } }, 'parameter_invalid', 'from.type'],
    [{ body: 'x', from: { type: 'admin' }, to: { type: 'user', user_id: '1' } }, 'parameter_not_found', 'from.id'],
    [{ body: 'x', from: admin }, 'parameter_not_found', 'to'],
    [{ body: 'x', from: admin, to: { type: 'company', id: '1' } }, 'parameter_invalid', 'to.type'],
    [{ body: 'x', from: admin, to: { type: 'user' } }, 'parameter_not_found', 'to.id'],
    [{ body: 'x', from: admin, to: { type: 'user', email: 42 } }, 'parameter_invalid', 'to.email'],
    [{ from: admin, to: { type: 'user', user_id: '1' } }, 'parameter_not_found', 'body'],
    [{ body: 'x', message_type: 'sms', from: admin, to: { type: 'user', user_id: '1' } }, 'parameter_invalid', 'message_type'],
    [{ body: 'x', message_type: 'email', from: admin, to: { type: 'user', user_id: '1' } }, 'parameter_not_found', 'subject'],
    [
      { body: 'x', message_type: 'email', subject: 's', template: 'fancy', from: admin, to: { type: 'user', user_id: '1' } },
      'parameter_invalid',
      'template',
    ],
    [{ body: 'x', message_type: 'email', from: { type: 'user', user_id: '1' } }, 'parameter_invalid', 'message_type'],
    [{ from: { type: 'user', user_id: '1' } }, 'parameter_not_found', 'body'],
    [{ body: 'x', from: { type: 'user' } }, 'parameter_not_found', 'from.id'],
  ];
  for (const [body, code, field] of cases) await rejectsWithApiError(send(body), { status: 400, code, field });
  assert.deepEqual(created(), []);
  assert.ok(sandbox.requests.every((r) => r.status < 500));
});
