import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError, MultipleMatchingUsersError, ResourceNotFound, User } from 'intercom-ts';
import { withSandbox } from '../helpers/sandbox.js';

test('create, find by email / user_id / id, and the User model', async () => {
  const { intercom, done } = await withSandbox({ seed: 'empty' });
  try {
    const created = await intercom.users.create({
      email: 'eve@example.com',
      user_id: 'eve-1',
      name: 'Eve',
      signed_up_at: new Date('2020-01-02T03:04:05Z'),
      custom_attributes: { plan: 'pro', seats: 3 },
      companies: [{ company_id: 'acme', name: 'Acme' }],
    });
    assert.ok(created instanceof User);
    assert.equal(created.signed_up_at, 1577934245, 'a Date goes out as epoch seconds');
    assert.deepEqual(created.custom_attributes, { plan: 'pro', seats: 3 });
    assert.ok(Array.isArray(created.companies), 'company.list becomes an array');
    assert.equal(created.companies[0]?.name, 'Acme');
    assert.deepEqual(created.tags, []);
    for (const lookup of [{ email: 'eve@example.com' }, { user_id: 'eve-1' }, { id: created.id }] as const) {
      const found = await intercom.users.find(lookup);
      assert.equal(found.id, created.id, JSON.stringify(lookup));
    }
    await assert.rejects(intercom.users.find({ email: 'nobody@example.com' }), ResourceNotFound);
  } finally {
    await done();
  }
});

test('find by email gives one user whatever the API version: list answers are unwrapped', async () => {
  for (const apiVersion of ['1.0', '1.1', '1.4'] as const) {
    const { intercom, done } = await withSandbox({}, { apiVersion });
    try {
      assert.equal((await intercom.users.find({ email: 'bob@example.com' })).user_id, '1', apiVersion);
      await intercom.users.create({ user_id: 'bob-2', email: 'bob@example.com' });
      await assert.rejects(intercom.users.find({ email: 'bob@example.com' }), MultipleMatchingUsersError, apiVersion);
      await assert.rejects(intercom.users.find({ email: 'nobody@example.com' }), ResourceNotFound, apiVersion);
    } finally {
      await done();
    }
  }
});

test('save sends changes made in place and by assignment; the sandbox state follows', async () => {
  const { intercom, sandbox, done } = await withSandbox();
  try {
    const bob = await intercom.users.find({ email: 'bob@example.com' });
    bob.name = 'Robert';
    bob.custom_attributes.plan = 'team';
    bob.increment('karma', 2);
    bob.companies.push({ company_id: 'new-co', name: 'New Co' });
    sandbox.requests.length = 0;
    const saved = await intercom.users.save(bob);
    assert.equal(saved, bob, 'save refreshes and returns the same object');
    const body = sandbox.requests[0]?.body as Record<string, unknown>;
    assert.equal(body.name, 'Robert');
    assert.equal(body.id, bob.id);
    assert.ok(Array.isArray(body.companies), 'the in-place push was detected and sent');
    assert.equal(body.session_count, undefined, 'read-only fields are never sent');
    const fresh = await intercom.users.find({ id: bob.id });
    assert.equal(fresh.name, 'Robert');
    assert.deepEqual(fresh.custom_attributes, { average_monthly_spend: 1.5, karma: 5, plan: 'team' });
    assert.ok(fresh.companies.some((c) => c.company_id === 'new-co'));

    sandbox.requests.length = 0;
    await intercom.users.save(fresh);
    const unchanged = sandbox.requests[0]?.body as Record<string, unknown>;
    assert.deepEqual(
      Object.keys(unchanged).sort(),
      ['custom_attributes', 'email', 'id', 'user_id'],
      'nothing changed: identity and custom_attributes only',
    );

    fresh.companies = [{ company_id: 'new-co', remove: true }];
    await intercom.users.save(fresh);
    assert.ok(
      !(await intercom.users.find({ id: bob.id })).companies.some((c) => c.company_id === 'new-co'),
      'remove: true detaches',
    );
  } finally {
    await done();
  }
});

test('save refuses a nested custom attribute before any request, naming it', async () => {
  const { intercom, sandbox, done } = await withSandbox();
  try {
    const bob = await intercom.users.find({ email: 'bob@example.com' });
    sandbox.requests.length = 0;
    const nested = { ...bob.custom_attributes, deep: { a: 1 } } as unknown as typeof bob.custom_attributes;
    bob.custom_attributes = nested;
    await assert.rejects(intercom.users.save(bob), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError);
      assert.equal(error.parameter, 'user.custom_attributes.deep');
      return true;
    });
    assert.equal(sandbox.requests.length, 0, 'nothing was sent');
  } finally {
    await done();
  }
});

test('create, find and increment refuse missing identifiers and bad values before any request', async () => {
  const { intercom, sandbox, done } = await withSandbox();
  try {
    const bob = await intercom.users.find({ email: 'bob@example.com' });
    sandbox.requests.length = 0;
    await assert.rejects(intercom.users.create({} as never), InvalidParameterError);
    await assert.rejects(
      intercom.users.create({ email: 'x@example.com', custom_attributes: { list: [1] as never } }),
      InvalidParameterError,
    );
    await assert.rejects(intercom.users.create({ email: 'x@example.com', signed_up_at: Number.NaN }), InvalidParameterError);
    await assert.rejects(intercom.users.find({} as never), InvalidParameterError);
    await assert.rejects(intercom.users.find({ email: 'a', user_id: 'b' } as never), InvalidParameterError);
    await assert.rejects(intercom.users.find({ id: '' }), InvalidParameterError);
    assert.throws(() => bob.increment('karma', Number.POSITIVE_INFINITY), InvalidParameterError);
    assert.equal(sandbox.requests.length, 0, 'nothing was sent');
  } finally {
    await done();
  }
});

test('ids in paths are percent-encoded: a slash never reaches another path', async () => {
  const { intercom, sandbox, done } = await withSandbox();
  try {
    await assert.rejects(intercom.users.find({ id: '../admins' }), ResourceNotFound);
    assert.equal(sandbox.requests.at(-1)?.path, '/users/..%2Fadmins');
  } finally {
    await done();
  }
});

test('all() follows pages.next across pages; every iteration restarts and a limit stops early', async () => {
  const { intercom, sandbox, done } = await withSandbox({ seed: 'empty' });
  try {
    for (let i = 0; i < 120; i++) await intercom.users.create({ user_id: `u${i}`, email: `u${i}@example.com` });
    sandbox.requests.length = 0;
    const all = await intercom.users.all().toArray();
    assert.equal(all.length, 120);
    assert.equal(new Set(all.map((u) => u.id)).size, 120);
    assert.equal(sandbox.requests.length, 3, '50 + 50 + 20');
    const again = await intercom.users.all().toArray({ limit: 7 });
    assert.equal(again.length, 7, 'every iteration restarts; limit stops early');
  } finally {
    await done();
  }
});

test('findAll with an explicit page fetches that page; pages() gives each page with the total', async () => {
  const { intercom, done } = await withSandbox({ seed: 'empty' });
  try {
    for (let i = 0; i < 120; i++) await intercom.users.create({ user_id: `u${i}`, email: `u${i}@example.com` });
    const page2 = await intercom.users.findAll({ page: 2, per_page: 50 }).toArray();
    assert.equal(page2.length, 50);
    const pages = [];
    for await (const page of intercom.users.findAll({ per_page: 50, order: 'asc' }).pages()) pages.push(page);
    assert.deepEqual(
      pages.map((p) => [p.page, p.items.length, p.totalCount]),
      [
        [1, 50, 120],
        [2, 50, 120],
        [3, 20, 120],
      ],
    );
    assert.equal(pages[0]?.items[0]?.user_id, 'u0');
  } finally {
    await done();
  }
});

test('scroll reads every user, 100 a page, and next() pages by hand', async () => {
  const { intercom, done } = await withSandbox({ seed: 'empty' });
  try {
    for (let i = 0; i < 230; i++) await intercom.users.create({ user_id: `s${i}` });
    const ids = new Set<string>();
    for await (const user of intercom.users.scroll()) ids.add(user.id);
    assert.equal(ids.size, 230);
    const first = await intercom.users.scroll().next();
    assert.equal(first.records.length, 100);
    assert.ok(first.scrollParam);
    const second = await intercom.users.scroll().next(first.scrollParam);
    const third = await intercom.users.scroll().next(second.scrollParam ?? '');
    const end = await intercom.users.scroll().next(third.scrollParam ?? '');
    assert.deepEqual([second.records.length, third.records.length, end.records.length, end.scrollParam], [100, 30, 0, null]);
  } finally {
    await done();
  }
});

test('load fetches the full user behind a partial reference; archive and hard delete remove users', async () => {
  const { intercom, done } = await withSandbox();
  try {
    const bob = await intercom.users.find({ email: 'bob@example.com' });
    const loaded = await intercom.users.load({ id: bob.id });
    assert.equal(loaded.email, 'bob@example.com');
    const archived = await intercom.users.archive(bob);
    assert.equal(archived.id, bob.id);
    await assert.rejects(intercom.users.find({ id: bob.id }), ResourceNotFound);
    const alice = await intercom.users.find({ email: 'alice@example.com' });
    await intercom.users.requestHardDelete(alice);
    await assert.rejects(intercom.users.find({ id: alice.id }), ResourceNotFound);
  } finally {
    await done();
  }
});

test('byTag, bySegment and the list filters reach the sandbox as query parameters', async () => {
  const { intercom, sandbox, done } = await withSandbox();
  try {
    await intercom.users.byTag('42').toArray();
    await intercom.users.bySegment('s1').toArray();
    await intercom.users.findAll({ sort: 'updated_at', order: 'asc', created_since: 30 }).toArray();
    assert.deepEqual(
      sandbox.requests.map((r) => r.path),
      ['/users?tag_id=42', '/users?segment_id=s1', '/users?sort=updated_at&order=asc&created_since=30'],
    );
  } finally {
    await done();
  }
});

test('findAll({ email }) is a list whatever the API version: under 1.0 one user is one item, a 404 none', async () => {
  for (const apiVersion of [undefined, '1.0', '1.1', '1.4'] as const) {
    const { intercom, done } = await withSandbox({}, apiVersion === undefined ? {} : { apiVersion });
    try {
      const found = await intercom.users.findAll({ email: 'bob@example.com' }).toArray();
      assert.deepEqual(
        found.map((u) => u.user_id),
        ['1'],
        String(apiVersion),
      );
      assert.ok(found[0] instanceof User);
      assert.deepEqual(await intercom.users.findAll({ email: 'nobody@example.com' }).toArray(), [], String(apiVersion));
      const pages = [];
      for await (const page of intercom.users.findAll({ email: 'bob@example.com' }).pages()) pages.push(page);
      assert.equal(pages.length, 1);
      assert.equal(pages[0]?.next, null);
    } finally {
      await done();
    }
  }
});

test('scroll.next(page) continues from the previous page; after the last it answers empty without a request', async () => {
  const { intercom, sandbox, done } = await withSandbox();
  try {
    const scroll = intercom.users.scroll();
    const seen: string[] = [];
    let page = await scroll.next();
    while (page.records.length > 0) {
      seen.push(...page.records.map((u) => u.id));
      page = await scroll.next(page);
    }
    assert.equal(page.scrollParam, null);
    const all = await intercom.users.all().toArray();
    assert.deepEqual([...seen].sort(), all.map((u) => u.id).sort());
    const before = sandbox.requests.length;
    assert.deepEqual(await scroll.next(page), { records: [], scrollParam: null });
    assert.equal(sandbox.requests.length, before, 'nothing was sent after the last page');
  } finally {
    await done();
  }
});
