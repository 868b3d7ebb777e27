import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Client, Contact, InvalidParameterError, ResourceNotFound, User, Visitor } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;
before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

const seededVisitor = (): { id: string; user_id: string } => {
  const record = [...sandbox.store.users.values()].find((r) => r.role === 'visitor');
  assert.ok(record);
  return { id: record.id, user_id: record.user_id as string };
};

test('find by id and by user_id gives the Visitor; an unknown user_id is ResourceNotFound', async () => {
  const { id, user_id } = seededVisitor();
  const visitor = await intercom.visitors.find({ id });
  assert.ok(visitor instanceof Visitor);
  assert.equal(visitor.type, 'visitor');
  assert.equal((await intercom.visitors.find({ user_id })).id, id);
  await assert.rejects(intercom.visitors.find({ user_id: 'nobody' }), ResourceNotFound);
});

test('save sends the changes made to a visitor', async () => {
  const { id } = seededVisitor();
  const visitor = await intercom.visitors.find({ id });
  visitor.custom_attributes.plan_viewed = 'pro';
  visitor.name = 'Curious';
  await intercom.visitors.save(visitor);
  assert.equal(sandbox.store.users.get(id)?.name, 'Curious');
  assert.equal(sandbox.store.users.get(id)?.custom_attributes.plan_viewed, 'pro');
});

test('convert to a lead returns the lead; the visitor is now a lead', async () => {
  const visitor = await intercom.visitors.find({ id: seededVisitor().id });
  const lead = await intercom.visitors.convert(visitor);
  assert.ok(lead instanceof Contact);
  assert.equal(lead.type, 'contact');
  assert.equal(sandbox.store.users.get(visitor.id)?.role, 'contact');
  assert.equal((await intercom.contacts.find({ id: visitor.id })).id, visitor.id);
});

test('convert to a user returns the existing user the visitor merges into', async () => {
  const visitor = await intercom.visitors.find({ id: seededVisitor().id });
  const user = await intercom.visitors.convert(visitor, { email: 'alice@example.com' });
  assert.ok(user instanceof User);
  assert.equal(user.user_id, '2', 'merged into the existing user');
  assert.equal(sandbox.store.users.get(visitor.id), undefined);
});

test('delete removes a visitor', async () => {
  const [, second] = [...sandbox.store.users.values()].filter((r) => r.role === 'visitor');
  assert.ok(second);
  const deleted = await intercom.visitors.delete({ id: second.id });
  assert.equal(deleted.id, second.id);
  assert.equal(sandbox.store.users.get(second.id), undefined);
});

test('bad input throws InvalidParameterError before any request', async () => {
  const sent = sandbox.requests.length;
  const bad: Array<() => Promise<unknown>> = [
    () => intercom.visitors.find({} as never),
    () => intercom.visitors.find({ id: 'a', user_id: 'b' } as never),
    () => intercom.visitors.save({ id: '' } as never),
    () => intercom.visitors.convert({} as never),
    () => intercom.visitors.convert({ id: 'v' }, {} as never),
    () => intercom.visitors.delete({ id: '' }),
  ];
  for (const [i, call] of bad.entries()) await assert.rejects(call(), InvalidParameterError, `case ${i}`);
  assert.equal(sandbox.requests.length, sent);
});

test('increment and decrement count a visitor custom attribute locally; save sends the result', async () => {
  const visitor = await intercom.visitors.find({ id: seededVisitor().id });
  visitor.increment('visits', 3).decrement('visits');
  assert.equal(visitor.custom_attributes.visits, 2);
  await intercom.visitors.save(visitor);
  assert.equal(sandbox.store.users.get(visitor.id)?.custom_attributes.visits, 2);
  visitor.custom_attributes.landing_page = '/pricing';
  assert.throws(() => visitor.increment('landing_page'), InvalidParameterError);
});
