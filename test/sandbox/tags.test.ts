import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { firstError, itemsOf, pick, raw } from '../helpers/raw-http.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
beforeEach(() => sandbox.reset());
after(() => sandbox.close());

const userByEmail = (email: string) => {
  const record = sandbox.store.usersByEmail(email, 'user')[0];
  assert.ok(record, email);
  return record;
};
const tagNamesOf = async (path: string): Promise<string[]> => {
  const answer = await raw(sandbox, 'GET', path);
  assert.equal(answer.status, 200, path);
  const tags = pick(answer.body, 'tags', 'tags');
  assert.ok(Array.isArray(tags), `${path} renders a tag.list`);
  return tags.map((t) => pick(t, 'name') as string);
};

test('POST /tags {name} creates a tag, and returns the same tag for the same name in any case', async () => {
  const created = await raw(sandbox, 'POST', '/tags', { name: 'VIP' });
  assert.equal(created.status, 200);
  assert.equal(created.body?.type, 'tag');
  assert.match(created.body?.id as string, /^\d+$/, 'tag ids are decimal strings');
  const again = await raw(sandbox, 'POST', '/tags', { name: 'vip' });
  assert.equal(again.body?.id, created.body?.id);
  assert.equal(again.body?.name, 'VIP', 'the existing name is kept');
  const list = await raw(sandbox, 'GET', '/tags');
  assert.equal(list.body?.type, 'tag.list');
  assert.deepEqual(itemsOf(list, 'tags'), [{ type: 'tag', id: created.body?.id, name: 'VIP' }]);
});

test('POST /tags without a name, or with both users and companies, answers 400 and creates nothing', async () => {
  for (const body of [
    {},
    { name: '' },
    { name: 42 },
    { name: 'x', users: [{ email: 'bob@example.com' }], companies: [{ company_id: '6' }] },
  ]) {
    const answer = await raw(sandbox, 'POST', '/tags', body);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(firstError(answer).code?.startsWith('parameter_'), true);
  }
  for (const body of [
    { name: 'x', users: 'bob' },
    { name: 'x', users: ['bob'] },
    { name: 'x', users: [{}] },
    { name: 'x', companies: [{}] },
  ]) {
    const answer = await raw(sandbox, 'POST', '/tags', body);
    assert.equal(answer.status, 400, JSON.stringify(body));
  }
  assert.equal(sandbox.store.tags.size, 0);
});

test('tagging users by email, user_id and id (a lead too) puts the tag on each; untag takes it off', async () => {
  const bob = userByEmail('bob@example.com');
  const leadId = sandbox.store.newUser('contact', { email: 'lead@example.com' }).id;
  const items = [{ email: 'alice@example.com' }, { user_id: '1' }, { id: userByEmail('carol@example.com').id }, { id: leadId }];
  const tag = await raw(sandbox, 'POST', '/tags', { name: 'blue', users: items, tag_or_untag: 'tag' });
  assert.equal(tag.status, 200);
  assert.deepEqual(Object.keys(tag.body ?? {}).sort(), ['id', 'name', 'type'], 'the tag, not the tagged users');
  assert.deepEqual(await tagNamesOf(`/users/${bob.id}`), ['blue']);
  assert.deepEqual(sandbox.store.users.get(leadId)?.tag_ids, [tag.body?.id]);
  const byTag = await raw(sandbox, 'GET', `/users?tag_id=${tag.body?.id}`);
  assert.equal(byTag.body?.total_count, 3, 'the three users (leads are not users)');

  const again = await raw(sandbox, 'POST', '/tags', { name: 'Blue', users: [{ user_id: '1' }] });
  assert.equal(again.body?.id, tag.body?.id);
  assert.deepEqual(bob.tag_ids, [tag.body?.id], 'tagging twice tags once');

  const untag = await raw(sandbox, 'POST', '/tags', {
    name: 'blue',
    users: [{ user_id: '1', untag: true }],
    tag_or_untag: 'untag',
  });
  assert.equal(untag.status, 200);
  assert.deepEqual(await tagNamesOf(`/users/${bob.id}`), []);
  assert.deepEqual(userByEmail('alice@example.com').tag_ids, [tag.body?.id], 'only the listed user is untagged');
});

test('one unknown user fails the whole request with 404 not_found: nothing tagged, no tag created', async () => {
  const answer = await raw(sandbox, 'POST', '/tags', {
    name: 'ghostly',
    users: [{ email: 'alice@example.com' }, { email: 'nobody@example.com' }],
  });
  assert.equal(answer.status, 404);
  assert.deepEqual(firstError(answer), { code: 'not_found', message: 'User Not Found' });
  assert.deepEqual(userByEmail('alice@example.com').tag_ids, []);
  assert.equal(sandbox.store.tagByName('ghostly'), undefined);

  const company = await raw(sandbox, 'POST', '/tags', {
    name: 'ghostly',
    companies: [{ company_id: '6' }, { id: 'ffffffffffffffffffffffff' }],
  });
  assert.equal(company.status, 404);
  assert.equal(firstError(company).code, 'not_found');
  assert.deepEqual(sandbox.store.companyByCompanyId('6')?.tag_ids, []);
});

test('an email shared by two users is ambiguous: 409 conflict, nothing tagged', async () => {
  await raw(sandbox, 'POST', '/users', { user_id: 'bob-2', email: 'bob@example.com' });
  const answer = await raw(sandbox, 'POST', '/tags', { name: 'blue', users: [{ email: 'bob@example.com' }] });
  assert.equal(answer.status, 409);
  assert.equal(firstError(answer).code, 'conflict');
  assert.equal(sandbox.store.tags.size, 0);
});

test('tagging companies by id and company_id; companies render their tags; untag removes one', async () => {
  const blueSun = sandbox.store.companyByCompanyId('44');
  assert.ok(blueSun);
  const tag = await raw(sandbox, 'POST', '/tags', { name: 'Partner', companies: [{ company_id: '6' }, { id: blueSun.id }] });
  assert.equal(tag.status, 200);
  assert.deepEqual(await tagNamesOf(`/companies/${blueSun.id}`), ['Partner']);
  assert.deepEqual(await tagNamesOf('/companies?company_id=6'), ['Partner']);
  await raw(sandbox, 'POST', '/tags', { name: 'Partner', companies: [{ company_id: '44', untag: true }] });
  assert.deepEqual(await tagNamesOf(`/companies/${blueSun.id}`), []);
  assert.deepEqual(await tagNamesOf('/companies?company_id=6'), ['Partner']);
});

test('POST /tags {id, name} renames; an unknown id answers 404; a name taken by another tag 400', async () => {
  const tag = await raw(sandbox, 'POST', '/tags', { name: 'Old', users: [{ user_id: '2' }] });
  await raw(sandbox, 'POST', '/tags', { name: 'Other' });
  const renamed = await raw(sandbox, 'POST', '/tags', { id: tag.body?.id, name: 'New' });
  assert.deepEqual(renamed.body, { type: 'tag', id: tag.body?.id, name: 'New' });
  assert.deepEqual(await tagNamesOf(`/users/${userByEmail('alice@example.com').id}`), ['New']);
  assert.equal((await raw(sandbox, 'POST', '/tags', { id: '999999', name: 'X' })).status, 404);
  const taken = await raw(sandbox, 'POST', '/tags', { id: tag.body?.id, name: 'other' });
  assert.equal(taken.status, 400);
  assert.equal(sandbox.store.tags.get(tag.body?.id as string)?.name, 'New');
});

test('DELETE /tags/{id} removes the tag from every user and company; unknown ids answer 404', async () => {
  const tag = await raw(sandbox, 'POST', '/tags', { name: 'Doomed', users: [{ user_id: '1' }, { user_id: '2' }] });
  await raw(sandbox, 'POST', '/tags', { name: 'Doomed', companies: [{ company_id: '6' }] });
  const id = tag.body?.id as string;
  const deleted = await raw(sandbox, 'DELETE', `/tags/${id}`, {});
  assert.equal(deleted.status, 200);
  assert.deepEqual(itemsOf(await raw(sandbox, 'GET', '/tags'), 'tags'), []);
  assert.deepEqual(await tagNamesOf(`/users/${userByEmail('bob@example.com').id}`), []);
  assert.deepEqual(await tagNamesOf('/companies?company_id=6'), []);
  assert.equal((await raw(sandbox, 'GET', `/users?tag_id=${id}`)).body?.total_count, 0);
  const again = await raw(sandbox, 'DELETE', `/tags/${id}`, {});
  assert.equal(again.status, 404);
  assert.equal(firstError(again).code, 'not_found');
});
