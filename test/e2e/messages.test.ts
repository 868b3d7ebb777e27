/** `intercom.messages` end to end: each form of message, then the conversation it started. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Client, type CreateMessageParams, InvalidParameterError, ResourceNotFound } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

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

/** Bob's most recent conversation, fetched whole. */
async function bobsLatest() {
  const [latest] = await intercom.conversations.findAll({ email: 'bob@example.com', type: 'user' }).toArray({ limit: 1 });
  assert.ok(latest);
  return intercom.conversations.find({ id: latest.id });
}

test('in-app message from an admin to a user starts a conversation holding it', async () => {
  const message = await intercom.messages.create({
    message_type: 'inapp',
    body: "What's up :)",
    from: { type: 'admin', id: WASH },
    to: { type: 'user', user_id: '1' },
  });
  assert.equal(message.type, 'admin_message');
  assert.equal(message.owner.id, WASH);
  const conversation = await bobsLatest();
  assert.equal(conversation.conversation_message.id, message.id);
  assert.equal(conversation.conversation_message.body, "<p>What's up :)</p>");
  assert.deepEqual(conversation.conversation_message.author, { type: 'admin', id: WASH });
});

test('email from an admin, with subject and template', async () => {
  const bob = await intercom.users.find({ email: 'bob@example.com' });
  const message = await intercom.messages.create({
    message_type: 'email',
    subject: 'Hey there',
    body: "What's up :)",
    template: 'plain',
    from: { type: 'admin', id: WASH },
    to: { type: 'user', id: bob.id },
  });
  assert.deepEqual([message.message_type, message.subject, message.template], ['email', 'Hey there', 'plain']);
  assert.equal((await bobsLatest()).conversation_message.subject, 'Hey there');
});

test('message from a user, and from a lead, each start a conversation', async () => {
  const bob = await intercom.users.find({ email: 'bob@example.com' });
  const message = await intercom.messages.create({ from: { type: 'user', id: bob.id }, body: 'halp' });
  assert.deepEqual([message.type, message.message_type, message.body], ['user_message', 'inapp', 'halp']);
  const conversation = await bobsLatest();
  assert.deepEqual([conversation.state, conversation.conversation_message.body], ['open', '<p>halp</p>']);

  const lead = sandbox.store.newUser('contact', { email: 'lead@example.com' });
  await intercom.messages.create({
    body: 'How can I help :)',
    from: { type: 'admin', id: WASH },
    to: { type: 'contact', id: lead.id },
  });
  await intercom.messages.create({ from: { type: 'contact', id: lead.id }, body: 'halp' });
  const leads = await intercom.conversations.findAll({ intercom_user_id: lead.id, type: 'user' }).toArray();
  assert.equal(leads.length, 2);
  assert.ok(leads.every((c) => c.user.type === 'lead'));
});

test('unknown sender: ResourceNotFound', async () => {
  await assert.rejects(
    intercom.messages.create({ from: { type: 'user', id: '536e564f316c83104c000020' }, body: 'halp' }),
    ResourceNotFound,
  );
});

test('an unknown sender or recipient: ResourceNotFound names what was not found (field)', async () => {
  const cases: Array<[string, CreateMessageParams]> = [
    ['params.from.id', { from: { type: 'user', id: '536e564f316c83104c000020' }, body: 'halp' }],
    ['params.from.email', { from: { type: 'contact', email: 'nobody@example.com' }, body: 'halp' }],
    ['params.to.email', { from: { type: 'admin', id: WASH }, to: { type: 'user', email: 'nobody@example.com' }, body: 'hi' }],
    ['params.to.user_id', { from: { type: 'admin', id: WASH }, to: { type: 'contact', user_id: 'no-such-lead' }, body: 'hi' }],
    ['params.from.id', { from: { type: 'admin', id: '999999' }, to: { type: 'user', user_id: '1' }, body: 'hi' }],
  ];
  for (const [field, params] of cases) {
    await assert.rejects(intercom.messages.create(params), (error: unknown) => {
      assert.ok(error instanceof ResourceNotFound, `${field}: got ${String(error)}`);
      assert.equal(error.field, field);
      assert.equal(error.httpCode, 404);
      assert.ok(error.message.includes(field), error.message);
      return true;
    });
  }
});

test('bad input: InvalidParameterError naming the parameter, and no request is sent', async () => {
  const admin = { type: 'admin', id: WASH } as const;
  const cases: Array<[string, unknown]> = [
    ['params.from', { body: 'x' }],
    ['params.from.type', { body: 'x', from: { type: 'bot', id: '1' } }],
    ['params.body', { from: { type: 'user', user_id: '1' } }],
    ['params.from.id', { body: 'x', from: { type: 'admin' }, to: { type: 'user', user_id: '1' } }],
    ['params.to', { body: 'x', from: admin }],
    ['params.to.type', { body: 'x', from: admin, to: { type: 'company', id: '1' } }],
    ['params.to', { body: 'x', from: admin, to: { type: 'user', id: '1', email: 'bob@example.com' } }],
    ['params.to.email', { body: 'x', from: admin, to: { type: 'contact', email: 'lead@example.com' } }],
    ['params.subject', { message_type: 'email', body: 'x', from: admin, to: { type: 'user', user_id: '1' } }],
    [
      'params.template',
      { message_type: 'email', subject: 's', template: 'fancy', body: 'x', from: admin, to: { type: 'user', user_id: '1' } },
    ],
    ['params.message_type', { message_type: 'sms', body: 'x', from: admin, to: { type: 'user', user_id: '1' } }],
    ['params.message_type', { message_type: 'email', body: 'x', from: { type: 'user', user_id: '1' } }],
    ['params.to', { body: 'x', from: { type: 'user', user_id: '1' }, to: { type: 'user', user_id: '2' } }],
    ['params.from', { body: 'x', from: { type: 'user' } }],
  ];
  for (const [parameter, params] of cases) {
    await assert.rejects(intercom.messages.create(params as CreateMessageParams), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError, String(error));
      assert.equal(error.parameter, parameter, JSON.stringify(params));
      return true;
    });
  }
  assert.deepEqual(sandbox.requests, []);
});
