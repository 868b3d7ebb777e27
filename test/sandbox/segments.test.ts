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

const ACTIVE = '5310d8e7598c9a0b24000002';

test('GET /segments lists the user segments, without count or person_type', async () => {
  const answer = await raw(sandbox, 'GET', '/segments');
  assert.equal(answer.body?.type, 'segment.list');
  const segments = itemsOf(answer, 'segments');
  assert.deepEqual(
    segments.map((s) => s.name),
    ['Active', 'New', 'Slipping Away'],
  );
  for (const segment of segments) {
    assert.deepEqual(Object.keys(segment).sort(), ['created_at', 'id', 'name', 'type', 'updated_at']);
    assert.match(segment.id as string, /^[0-9a-f]{24}$/);
  }
});

test('GET /segments?type=company lists company segments; include_count adds count and person_type', async () => {
  const companies = itemsOf(await raw(sandbox, 'GET', '/segments?type=company&include_count=true'), 'segments');
  assert.deepEqual(
    companies.map((s) => [s.name, s.person_type, s.count]),
    [['Paying companies', 'company', 1]],
  );
  const users = itemsOf(await raw(sandbox, 'GET', '/segments?include_count=true'), 'segments');
  assert.deepEqual(
    users.map((s) => [s.name, s.person_type, s.count]),
    [
      ['Active', 'user', 2],
      ['New', 'user', 1],
      ['Slipping Away', 'user', 0],
    ],
  );
  assert.equal((await raw(sandbox, 'GET', '/segments?type=planets')).status, 400);
});

test('GET /segments/{id}: the segment; include_count=true counts its members as the users list filters them', async () => {
  const plain = await raw(sandbox, 'GET', `/segments/${ACTIVE}`);
  assert.equal(plain.body?.name, 'Active');
  assert.equal(plain.body?.count, undefined);
  const counted = await raw(sandbox, 'GET', `/segments/${ACTIVE}?include_count=true`);
  assert.equal(counted.body?.person_type, 'user');
  const members = await raw(sandbox, 'GET', `/users?segment_id=${ACTIVE}`);
  assert.equal(counted.body?.count, members.body?.total_count);
  assert.equal(counted.body?.count, 2);

  // Membership lives on the users: a user who leaves the segment is no longer counted.
  const bob = sandbox.store.userByUserId('1', 'user');
  assert.ok(bob);
  bob.segment_ids = [];
  assert.equal((await raw(sandbox, 'GET', `/segments/${ACTIVE}?include_count=true`)).body?.count, 1);

  const bad = await raw(sandbox, 'GET', `/segments/${ACTIVE}?include_count=maybe`);
  assert.equal(bad.status, 400);
  assert.equal(firstError(bad).field, 'include_count');
});

test('an unknown segment answers 404 not_found', async () => {
  const answer = await raw(sandbox, 'GET', '/segments/ffffffffffffffffffffffff');
  assert.equal(answer.status, 404);
  assert.equal(firstError(answer).code, 'not_found');
});

test('users and companies render their segments from the seeded memberships', async () => {
  const alice = sandbox.store.userByUserId('2', 'user');
  const user = await raw(sandbox, 'GET', `/users/${alice?.id}`);
  assert.deepEqual(pick(user.body, 'segments', 'segments'), [{ type: 'segment', id: ACTIVE }]);
  const company = await raw(sandbox, 'GET', '/companies?company_id=44');
  assert.deepEqual(pick(company.body, 'segments', 'segments'), [{ type: 'segment', id: '5310d8e7598c9a0b24000004' }]);
});

test('the empty seed has no segments', async () => {
  const empty = await startSandbox({ port: 0, seed: 'empty' });
  try {
    assert.deepEqual(itemsOf(await raw(empty, 'GET', '/segments'), 'segments'), []);
  } finally {
    await empty.close();
  }
});
