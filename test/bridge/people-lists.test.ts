import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResourceNotFound, UnavailableOnApi2Error } from 'intercom-ts';
import { type BridgeFixture, withBridge } from './bridge-sandbox.js';

/** Makes `count` users `{prefix}-{i}@example.com` through 2.x and answers their ids in order. */
async function makeUsers(s: BridgeFixture, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const made = await s.call('POST', '/contacts', {
      role: 'user',
      email: `${prefix}-${i}@example.com`,
      external_id: `${prefix}-${i}`,
    });
    ids.push(made.id as string);
  }
  return ids;
}

/** The parsed body of the n-th recorded request. */
const bodyAt = (s: BridgeFixture, n: number): unknown => s.requests()[n]?.body;

test('users.findAll: filters as a search query, cursor pages answered as 1.x pages whose next is a bridge link', async () => {
  const s = await withBridge();
  try {
    const tag = await s.call('POST', '/tags', { name: 'Bridge VIP' });
    const ids = await makeUsers(s, 'page', 5);
    for (const id of ids) await s.call('POST', `/contacts/${id}/tags`, { id: tag.id });
    s.clearLog();
    const pages = [];
    for await (const page of s.intercom.users.findAll({ tag_id: String(tag.id), per_page: 2, order: 'asc' }).pages())
      pages.push(page);
    // Created within one second: the order among them is the search's tie-break, the pages cover each once.
    assert.deepEqual(
      pages.map((p) => p.items.length),
      [2, 2, 1],
    );
    assert.deepEqual(pages.flatMap((p) => p.items.map((u) => u.id)).sort(), [...ids].sort());
    assert.deepEqual(
      pages.map((p) => p.page),
      [1, 2, 3],
    );
    assert.ok(pages[0]?.next?.startsWith(`${s.sandbox.url}/users?`), 'next is a link to the bridge');
    assert.deepEqual(s.sent(), ['POST /contacts/search', 'POST /contacts/search', 'POST /contacts/search']);
    assert.deepEqual(bodyAt(s, 0), {
      query: {
        operator: 'AND',
        value: [
          { field: 'role', operator: '=', value: 'user' },
          { field: 'tag_id', operator: '=', value: String(tag.id) },
        ],
      },
      sort: { field: 'created_at', order: 'ascending' },
      pagination: { per_page: 2 },
    });
    assert.equal((bodyAt(s, 1) as { pagination: { starting_after?: string } }).pagination.starting_after !== undefined, true);
    s.clearLog();
    const third = await s.intercom.users.findAll({ tag_id: String(tag.id), per_page: 2, order: 'asc', page: 3 }).toArray();
    assert.deepEqual(
      third.map((u) => u.id),
      pages[2]?.items.map((u) => u.id),
      'an explicit page walks the cursor pages before it',
    );
    assert.equal(s.sent().length, 3);
  } finally {
    await s.close();
  }
});

test('users.findAll: created_since, segment and sort by last_request_at become created_at, segment_id and last_seen_at', async () => {
  const s = await withBridge();
  try {
    await s.intercom.users.findAll({ created_since: 2, segment_id: 'seg1', sort: 'last_request_at', order: 'desc' }).toArray();
    const body = bodyAt(s, 0) as { query: { value: Array<{ field: string; operator: string; value: unknown }> }; sort: unknown };
    const [role, since, segment] = body.query.value;
    assert.deepEqual(role, { field: 'role', operator: '=', value: 'user' });
    assert.equal(since?.field, 'created_at');
    assert.equal(since?.operator, '>');
    assert.ok(Math.abs(Number(since?.value) - (Date.now() / 1000 - 2 * 86400)) < 60);
    assert.deepEqual(segment, { field: 'segment_id', operator: '=', value: 'seg1' });
    assert.deepEqual(body.sort, { field: 'last_seen_at', order: 'descending' });
  } finally {
    await s.close();
  }
});

test('users.scroll and contacts.scroll walk the search cursor; the 2.16 run sends no 1.x-only path', async () => {
  const s = await withBridge();
  try {
    await makeUsers(s, 'scroll', 3);
    await s.call('POST', '/contacts', { role: 'lead', email: 'scroll-lead@example.com' });
    s.clearLog();
    const users = await s.intercom.users.scroll().toArray();
    const expected = (
      await s.call('POST', '/contacts/search', {
        query: { field: 'role', operator: '=', value: 'user' },
        pagination: { per_page: 150 },
      })
    ).data as unknown[];
    assert.equal(users.length, expected.length);
    assert.ok(users.every((u) => u.type === 'user'));
    const leads = await s.intercom.contacts.scroll().toArray();
    assert.ok(leads.some((l) => l.email === 'scroll-lead@example.com'));
    assert.ok(leads.every((l) => l.type === 'contact'));
    assert.ok(
      s.sent().every((line) => !/ \/(users|customers|counts|bulk)|\/scroll/.test(line)),
      s.sent().join('\n'),
    );
  } finally {
    await s.close();
  }
});

test('customers.search: POST /contacts/search with the 1.x field names renamed, per_page and sort as 2.x takes them', async () => {
  const s = await withBridge();
  try {
    await makeUsers(s, 'cust', 3);
    s.clearLog();
    const found = await s.intercom.customers
      .search({
        query: { field: 'user_id', operator: '~', value: 'cust-' },
        per_page: 2,
        sort_field: 'last_request_at',
        sort_order: 'ascending',
      })
      .toArray();
    assert.equal(found.length, 3);
    assert.ok(found.every((c) => c.type === 'customer'));
    assert.deepEqual(s.sent(), ['POST /contacts/search', 'POST /contacts/search']);
    assert.deepEqual(bodyAt(s, 0), {
      query: { field: 'external_id', operator: '~', value: 'cust-' },
      sort: { field: 'last_seen_at', order: 'ascending' },
      pagination: { per_page: 2 },
    });
  } finally {
    await s.close();
  }
});

test('archive, hard delete, convert, and a merged contact followed to the one it merged into', async () => {
  const s = await withBridge();
  try {
    const [archivedId, deletedId] = await makeUsers(s, 'life', 2);
    s.clearLog();
    const archived = await s.intercom.users.archive({ id: archivedId as string });
    assert.equal(archived.id, archivedId);
    assert.deepEqual(s.sent(), [`GET /contacts/${archivedId}`, `POST /contacts/${archivedId}/archive`]);
    s.clearLog();
    await s.intercom.users.requestHardDelete({ id: deletedId as string });
    assert.deepEqual(s.sent(), [`DELETE /contacts/${deletedId}`]);
    await assert.rejects(s.intercom.users.find({ id: deletedId as string }), ResourceNotFound);

    const lead = await s.intercom.contacts.create({ email: 'merge-lead@example.com' });
    const [intoId] = await makeUsers(s, 'into', 1);
    s.clearLog();
    const user = await s.intercom.contacts.convert({ id: lead.id }, { user_id: 'into-0' });
    assert.equal(user.id, intoId);
    assert.ok(s.sent().includes('POST /contacts/merge'));
    assert.deepEqual(s.requests().find((r) => r.path === '/contacts/merge')?.body, { from: lead.id, into: intoId });
    s.clearLog();
    const followed = await s.intercom.users.find({ id: lead.id });
    assert.equal(followed.id, intoId, 'the 410 of the merged lead is followed to the user');
    assert.deepEqual(s.sent(), [`GET /contacts/${lead.id}`, `GET /contacts/${intoId}`]);

    const loner = await s.intercom.contacts.create({ email: 'loner@example.com' });
    const made = await s.intercom.contacts.convert({ id: loner.id }, { user_id: 'loner-1' });
    assert.equal(made.id, loner.id);
    assert.equal(made.user_id, 'loner-1');
    assert.equal(made.type, 'user');
  } finally {
    await s.close();
  }
});

test('visitors: find by user_id and save go to the 2.x paths; find by id and delete have no 2.x equivalent', async () => {
  const s = await withBridge();
  try {
    // A visitor of the demo seed: the sandbox's 2.x visitors keep state, so an unknown one is 404.
    const userId = '8a88a590-e1c3-41e2-a502-e0649dbf721c';
    const found = await s.intercom.visitors.find({ user_id: userId });
    assert.equal(found.user_id, userId);
    await assert.rejects(s.intercom.visitors.find({ id: 'v' }), UnavailableOnApi2Error);
    await assert.rejects(s.intercom.visitors.delete({ id: 'v' }), UnavailableOnApi2Error);
    assert.deepEqual(s.sent(), ['GET /visitors']);
    assert.equal(s.requests()[0]?.path, `/visitors?user_id=${userId}`);
    await assert.rejects(s.intercom.visitors.find({ user_id: 'v-1' }), ResourceNotFound);
  } finally {
    await s.close();
  }
});
