import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { firstError, raw } from '../helpers/raw-http.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
});
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

const bobId = (): string => {
  const bob = sandbox.store.userByUserId('1', 'user');
  assert.ok(bob);
  return bob.id;
};

test('POST /notes for a user by top-level email: the note in Intercom shape, author the token admin', async () => {
  const answer = await raw(sandbox, 'POST', '/notes', { body: '<p>Text for the note</p>', email: 'bob@example.com' });
  assert.equal(answer.status, 200);
  const note = answer.body;
  assert.equal(note.type, 'note');
  assert.match(note.id, /^\d+$/);
  assert.equal(typeof note.created_at, 'number');
  assert.equal(note.body, '<p>Text for the note</p>');
  assert.deepEqual(note.author, { type: 'admin', id: '394051', name: 'Wash', email: 'wash@serenity.io', companies: [] });
  assert.deepEqual(note.user, { type: 'user', id: bobId() });
});

test('the user may be named by user_id or id, at the top level or inside user; admin_id picks the author', async () => {
  const bodies = [
    { body: 'a', user_id: '1' },
    { body: 'b', id: bobId() },
    { body: 'c', user: { email: 'bob@example.com' } },
    { body: 'd', user: { user_id: '1' }, admin_id: '814860' },
    { body: 'e', user: { id: bobId() }, admin_id: 814860 },
  ];
  for (const body of bodies) {
    const answer = await raw(sandbox, 'POST', '/notes', body);
    assert.equal(answer.status, 200, JSON.stringify(body));
    assert.equal(answer.body.user.id, bobId());
    assert.equal(answer.body.author.id, 'admin_id' in body ? '814860' : '394051');
  }
});

test('plain text comes back escaped and wrapped in <p>; HTML is kept', async () => {
  const plain = await raw(sandbox, 'POST', '/notes', { body: 'Fish & <chips>', user_id: '1' });
  assert.equal(plain.body.body, '<p>Fish &amp; &lt;chips&gt;</p>');
  const html = await raw(sandbox, 'POST', '/notes', { body: 'Call <b>today</b>', user_id: '1' });
  assert.equal(html.body.body, 'Call <b>today</b>');
});

test('notes on leads', async () => {
  const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'lead@example.com' })).body;
  const note = await raw(sandbox, 'POST', '/notes', { body: 'lead note', user: { id: lead.id } });
  assert.deepEqual(note.body.user, { type: 'lead', id: lead.id });
  const byUserId = await raw(sandbox, 'GET', `/notes?user_id=${lead.user_id}`);
  assert.deepEqual(
    byUserId.body.notes.map((n: { id: string }) => n.id),
    [note.body.id],
  );
});

test('bad notes answer 400 or 404 and create nothing', async () => {
  const before = sandbox.store.notes.size;
  const cases: Array<[unknown, number, string, string?]> = [
    [{ email: 'bob@example.com' }, 400, 'parameter_not_found', 'body'],
    [{ body: '   ', email: 'bob@example.com' }, 400, 'parameter_not_found', 'body'],
    [{ body: 5, email: 'bob@example.com' }, 400, 'parameter_invalid', 'body'],
    [{ body: 'x' }, 400, 'parameter_not_found', 'user'],
    [{ body: 'x', user: 'bob' }, 400, 'parameter_invalid', 'user'],
    [{ body: 'x', user: { email: 7 } }, 400, 'parameter_invalid', 'email'],
    [{ body: 'x', email: 'nobody@example.com' }, 404, 'not_found'],
    [{ body: 'x', user_id: 'nobody' }, 404, 'not_found'],
    [{ body: 'x', email: 'bob@example.com', admin_id: '1' }, 404, 'admin_not_found', 'admin_id'],
  ];
  for (const [body, status, code, field] of cases) {
    const answer = await raw(sandbox, 'POST', '/notes', body);
    assert.equal(answer.status, status, JSON.stringify(body));
    const error = firstError(answer);
    assert.equal(error.code, code, JSON.stringify(body));
    if (field !== undefined) assert.equal(error.field, field, JSON.stringify(body));
  }
  assert.equal(sandbox.store.notes.size, before);
});

test('GET /notes/{id}; unknown → 404', async () => {
  const created = (await raw(sandbox, 'POST', '/notes', { body: 'find me', user_id: '1' })).body;
  assert.deepEqual((await raw(sandbox, 'GET', `/notes/${created.id}`)).body, created);
  const missing = await raw(sandbox, 'GET', '/notes/999999');
  assert.equal(missing.status, 404);
  assert.equal(firstError(missing).code, 'not_found');
});

test('GET /notes?email= / ?user_id= / ?id= lists the user notes newest first, paged', async () => {
  const ids: string[] = [];
  for (const text of ['one', 'two', 'three']) {
    ids.push((await raw(sandbox, 'POST', '/notes', { body: text, user_id: '1' })).body.id);
  }
  for (const query of ['email=bob%40example.com', 'user_id=1', `id=${bobId()}`]) {
    const list = await raw(sandbox, 'GET', `/notes?${query}`);
    assert.equal(list.body.type, 'note.list');
    const listed = list.body.notes.map((n: { id: string }) => n.id);
    assert.deepEqual(listed.slice(0, 3), [...ids].reverse(), query);
    const created = list.body.notes.map((n: { created_at: number }) => n.created_at);
    assert.deepEqual(
      created,
      [...created].sort((a, b) => b - a),
    );
  }
  const page = await raw(sandbox, 'GET', '/notes?user_id=1&per_page=2');
  assert.equal(page.body.notes.length, 2);
  assert.equal(page.body.pages.next, `${sandbox.url}/notes?user_id=1&per_page=2&page=2`);
  // Other users' notes are not listed.
  await raw(sandbox, 'POST', '/notes', { body: 'alice', user_id: '2' });
  const alice = await raw(sandbox, 'GET', '/notes?user_id=2');
  assert.deepEqual(
    alice.body.notes.map((n: { body: string }) => n.body),
    ['<p>alice</p>'],
  );
  assert.equal((await raw(sandbox, 'GET', '/notes?user_id=nobody')).status, 404);
  const noUser = await raw(sandbox, 'GET', '/notes');
  assert.equal(noUser.status, 400);
  assert.equal(firstError(noUser).code, 'parameter_not_found');
});
