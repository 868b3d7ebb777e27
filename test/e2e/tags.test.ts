import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { InvalidParameterError, MultipleMatchingUsersError, ResourceNotFound, type TagParams } from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fx: SandboxFixture;
before(async () => {
  fx = await withSandbox();
});
beforeEach(() => fx.sandbox.reset());
after(() => fx.done());

const tagNames = async (email: string): Promise<string[]> =>
  (await fx.intercom.users.find({ email })).tags.map((t) => t.name ?? '');

test('after tags.tag the user carries the tag; after tags.untag it does not', async () => {
  const { intercom } = fx;
  const tag = await intercom.tags.tag({ name: 'blue', users: [{ email: 'alice@example.com' }] });
  assert.equal(tag.name, 'blue');
  assert.deepEqual(await tagNames('alice@example.com'), ['blue']);
  assert.deepEqual(
    (await intercom.users.byTag(tag.id).toArray()).map((u) => u.email),
    ['alice@example.com'],
  );

  const users = [{ user_id: '2' }];
  await intercom.tags.untag({ name: 'blue', users });
  assert.deepEqual(fx.sandbox.requests.at(-1)?.body, {
    name: 'blue',
    users: [{ user_id: '2', untag: true }],
    tag_or_untag: 'untag',
  });
  assert.deepEqual(users, [{ user_id: '2' }], "the caller's items are not mutated");
  assert.deepEqual(await tagNames('alice@example.com'), []);
});

test('tags.tag accepts User and Company models as items: their id is sent', async () => {
  const { intercom, sandbox } = fx;
  const bob = await intercom.users.find({ user_id: '1' });
  await intercom.tags.tag({ name: 'VIP', users: [bob] });
  assert.deepEqual(sandbox.requests.at(-1)?.body, { name: 'VIP', users: [{ id: bob.id }], tag_or_untag: 'tag' });
  assert.deepEqual(await tagNames('bob@example.com'), ['VIP']);

  const company = await intercom.companies.find({ company_id: '44' });
  const tag = await intercom.tags.tag({ name: 'VIP', companies: [company] });
  assert.deepEqual(sandbox.requests.at(-1)?.body, { name: 'VIP', companies: [{ id: company.id }], tag_or_untag: 'tag' });
  assert.deepEqual(
    (await intercom.companies.find({ company_id: '44' })).tags.map((t) => t.id),
    [tag.id],
  );
  await intercom.tags.untag({ name: 'vip', companies: [{ company_id: '44' }] });
  assert.deepEqual((await intercom.companies.find({ company_id: '44' })).tags, []);
});

test('tagging an unknown user tags nobody and throws ResourceNotFound; an ambiguous email MultipleMatchingUsersError', async () => {
  const { intercom, sandbox } = fx;
  await assert.rejects(
    intercom.tags.tag({ name: 'red', users: [{ email: 'alice@example.com' }, { user_id: 'ghost' }] }),
    ResourceNotFound,
  );
  assert.deepEqual(await tagNames('alice@example.com'), []);
  assert.equal(sandbox.store.tagByName('red'), undefined);
  await intercom.users.create({ user_id: 'bob-2', email: 'bob@example.com' });
  await assert.rejects(intercom.tags.tag({ name: 'red', users: [{ email: 'bob@example.com' }] }), MultipleMatchingUsersError);
});

test('tags.create finds a tag by name, case-insensitively; tags.all and tags.findAll list every tag', async () => {
  const { intercom, sandbox } = fx;
  const vip = await intercom.tags.create({ name: 'VIP' });
  const same = await intercom.tags.create({ name: 'vip' });
  assert.equal(same.id, vip.id, 'names compare case-insensitively');
  await intercom.tags.tag({ name: 'VIP', users: [{ user_id: '1' }] });
  await intercom.tags.create({ name: 'Trial' });
  assert.deepEqual(
    (await intercom.tags.all().toArray()).map((t) => t.name),
    ['VIP', 'Trial'],
  );
  assert.equal((await intercom.tags.findAll({ per_page: 10 }).toArray()).length, 2);
  assert.equal(sandbox.requests.at(-1)?.path, '/tags?per_page=10');
});

test('tags.delete removes the tag from the list and from its users; a second delete is ResourceNotFound', async () => {
  const { intercom } = fx;
  const vip = await intercom.tags.create({ name: 'VIP' });
  await intercom.tags.tag({ name: 'VIP', users: [{ user_id: '1' }] });
  await intercom.tags.create({ name: 'Trial' });
  await intercom.tags.delete(vip);
  assert.deepEqual(
    (await intercom.tags.all().toArray()).map((t) => t.name),
    ['Trial'],
  );
  assert.deepEqual(await tagNames('bob@example.com'), [], 'the deleted tag is gone from its users');
  await assert.rejects(intercom.tags.delete(vip), ResourceNotFound);
});

test('bad input throws InvalidParameterError before any request', async () => {
  const { intercom, sandbox } = fx;
  const attempts: Array<[string, () => Promise<unknown>]> = [
    ['params.name', () => intercom.tags.tag({ name: '', users: [{ user_id: '1' }] })],
    ['params', () => intercom.tags.tag({ name: 'x' } as TagParams)],
    [
      'params',
      () =>
        intercom.tags.untag({ name: 'x', users: [{ user_id: '1' }], companies: [{ company_id: '6' }] } as unknown as TagParams),
    ],
    ['params.users', () => intercom.tags.tag({ name: 'x', users: [] })],
    ['params.users[0]', () => intercom.tags.tag({ name: 'x', users: [{ name: 'Bob' } as unknown as { email: string }] })],
    ['params.users[1]', () => intercom.tags.tag({ name: 'x', users: [{ user_id: '1' }, null as unknown as { email: string }] })],
    ['params.companies[0].company_id', () => intercom.tags.tag({ name: 'x', companies: [{ company_id: ' ' }] })],
    ['params.name', () => intercom.tags.create({ name: '  ' })],
    ['tag.id', () => intercom.tags.delete({ id: '' })],
  ];
  for (const [parameter, attempt] of attempts) {
    await assert.rejects(
      attempt,
      (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
      parameter,
    );
  }
  assert.deepEqual(sandbox.requests, [], 'no request reached the sandbox');
});
