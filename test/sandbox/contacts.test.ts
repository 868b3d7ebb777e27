import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { firstError, raw } from '../helpers/raw-http.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0, seed: 'demo' });
});
after(() => sandbox.close());
beforeEach(() => sandbox.reset());

const leadCount = (): number => [...sandbox.store.users.values()].filter((r) => r.role === 'contact').length;

describe('leads at /contacts', () => {
  test('POST /contacts creates a lead with a UUID user_id, anonymous and a pseudonym; email is optional', async () => {
    const created = await raw(sandbox, 'POST', '/contacts', { email: 'lead@example.com', name: 'Lee' });
    assert.equal(created.status, 200);
    assert.equal(created.body.type, 'contact');
    assert.match(created.body.user_id, UUID);
    assert.equal(created.body.anonymous, true);
    assert.match(created.body.pseudonym, /^\w+ \w+ from [\w ]+$/);
    assert.equal(created.body.email, 'lead@example.com');
    assert.deepEqual(created.body.custom_attributes, {});

    const bare = await raw(sandbox, 'POST', '/contacts');
    assert.equal(bare.status, 200);
    assert.equal(bare.body.email, null);
    assert.notEqual(bare.body.user_id, created.body.user_id);
  });

  test('lead emails are not unique: the same email twice makes two leads, both listed by ?email=', async () => {
    const a = await raw(sandbox, 'POST', '/contacts', { email: 'twin@example.com' });
    const b = await raw(sandbox, 'POST', '/contacts', { email: 'twin@example.com' });
    assert.notEqual(a.body.id, b.body.id);
    const list = await raw(sandbox, 'GET', '/contacts?email=twin%40example.com');
    assert.equal(list.body.type, 'contact.list');
    assert.equal(list.body.total_count, 2);
    assert.deepEqual(new Set(list.body.contacts.map((c: { id: string }) => c.id)), new Set([a.body.id, b.body.id]));
  });

  test('POST /contacts with the id or user_id of a lead updates it; custom attributes merge', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { custom_attributes: { a: 1 } })).body;
    const byId = await raw(sandbox, 'POST', '/contacts', { id: lead.id, name: 'Named', custom_attributes: { b: 2 } });
    assert.equal(byId.body.id, lead.id);
    assert.deepEqual(byId.body.custom_attributes, { a: 1, b: 2 });
    const byUserId = await raw(sandbox, 'POST', '/contacts', { user_id: lead.user_id, email: 'now@example.com' });
    assert.equal(byUserId.body.id, lead.id);
    assert.equal(byUserId.body.email, 'now@example.com');
    assert.equal(byUserId.body.name, 'Named');
    const before = leadCount();
    const unknown = await raw(sandbox, 'POST', '/contacts', { id: '000000000000000000000000', name: 'x' });
    assert.equal(unknown.status, 404);
    assert.equal(firstError(unknown).code, 'not_found');
    assert.equal(leadCount(), before, 'an unknown id creates nothing');
  });

  test('PUT /contacts/{id} updates; bad types answer 400 and change nothing', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { name: 'Before' })).body;
    const put = await raw(sandbox, 'PUT', `/contacts/${lead.id}`, { id: lead.id, name: 'After', custom_attributes: { k: 'v' } });
    assert.equal(put.status, 200);
    assert.equal(put.body.name, 'After');
    const bad = await raw(sandbox, 'PUT', `/contacts/${lead.id}`, { name: 'Never', custom_attributes: { nested: { no: 1 } } });
    assert.equal(bad.status, 400);
    assert.equal(firstError(bad).code, 'parameter_invalid');
    assert.equal((await raw(sandbox, 'GET', `/contacts/${lead.id}`)).body.name, 'After');
    const badEmail = await raw(sandbox, 'POST', '/contacts', { email: 42 });
    assert.equal(badEmail.status, 400);
    assert.equal(firstError(badEmail).field, 'email');
  });

  test('GET /contacts/{id} and ?user_id= return the lead; a user is not a lead', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'find@example.com' })).body;
    assert.equal((await raw(sandbox, 'GET', `/contacts/${lead.id}`)).body.id, lead.id);
    const byUserId = await raw(sandbox, 'GET', `/contacts?user_id=${lead.user_id}`);
    assert.equal(byUserId.body.type, 'contact');
    assert.equal(byUserId.body.id, lead.id);
    const bob = (await raw(sandbox, 'GET', '/users?user_id=1')).body;
    assert.equal((await raw(sandbox, 'GET', `/contacts/${bob.id}`)).status, 404);
    assert.equal((await raw(sandbox, 'GET', '/contacts?user_id=1')).status, 404);
    const none = await raw(sandbox, 'GET', '/contacts?email=nobody%40example.com');
    assert.equal(none.status, 200);
    assert.deepEqual(none.body.contacts, []);
  });

  test('GET /contacts lists leads newest first and pages with absolute next links', async () => {
    const all = await raw(sandbox, 'GET', '/contacts');
    assert.equal(all.body.type, 'contact.list');
    assert.equal(all.body.total_count, leadCount());
    const created = all.body.contacts.map((c: { created_at: number }) => c.created_at);
    assert.deepEqual(
      created,
      [...created].sort((a, b) => b - a),
    );
    const first = await raw(sandbox, 'GET', '/contacts?per_page=1');
    assert.equal(first.body.contacts.length, 1);
    assert.equal(first.body.pages.next, `${sandbox.url}/contacts?per_page=1&page=2`);
    const second = await raw(sandbox, 'GET', first.body.pages.next.slice(sandbox.url.length));
    assert.notEqual(second.body.contacts[0].id, first.body.contacts[0].id);
  });

  test('DELETE /contacts/{id} archives the lead and returns it', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'gone@example.com' })).body;
    const deleted = await raw(sandbox, 'DELETE', `/contacts/${lead.id}`, {});
    assert.equal(deleted.status, 200);
    assert.equal(deleted.body.id, lead.id);
    assert.equal((await raw(sandbox, 'GET', `/contacts/${lead.id}`)).status, 404);
    assert.equal((await raw(sandbox, 'DELETE', `/contacts/${lead.id}`, {})).status, 404);
  });

  test('GET /contacts/scroll walks every lead, ends with an empty page, and shares the app-wide scroll', async () => {
    const first = await raw(sandbox, 'GET', '/contacts/scroll');
    assert.equal(first.body.type, 'contact.list');
    assert.equal(first.body.contacts.length, leadCount());
    assert.ok(first.body.contacts.every((c: { type: string }) => c.type === 'contact'));
    const busy = await raw(sandbox, 'GET', '/users/scroll');
    assert.equal(busy.status, 400);
    assert.equal(firstError(busy).code, 'scroll_exists');
    const end = await raw(sandbox, 'GET', `/contacts/scroll?scroll_param=${first.body.scroll_param}`);
    assert.deepEqual(end.body.contacts, []);
    assert.equal((await raw(sandbox, 'GET', '/users/scroll')).status, 200, 'the ended scroll no longer blocks');
  });
});

describe('POST /contacts/convert', () => {
  test('into an existing user: the lead merges in (user values win, identifiers never copied) and is removed', async () => {
    const lead = (
      await raw(sandbox, 'POST', '/contacts', {
        email: 'lead-only@example.com',
        name: 'Lead Name',
        phone: '555',
        custom_attributes: { karma: 99, plan: 'trial' },
      })
    ).body;
    const note = await raw(sandbox, 'POST', '/notes', { id: lead.id, body: 'met at a fair' });
    const converted = await raw(sandbox, 'POST', '/contacts/convert', {
      contact: { user_id: lead.user_id },
      user: { email: 'bob@example.com' },
    });
    assert.equal(converted.status, 200);
    const user = converted.body;
    assert.equal(user.type, 'user');
    assert.equal(user.user_id, '1');
    assert.equal(user.email, 'bob@example.com', 'the lead email is not copied');
    assert.equal(user.name, 'Bob Smith', "the user's own value wins");
    assert.equal(user.phone, '555', 'what the user lacked comes from the lead');
    assert.equal(user.custom_attributes.karma, 3);
    assert.equal(user.custom_attributes.plan, 'trial');
    assert.equal((await raw(sandbox, 'GET', `/contacts/${lead.id}`)).status, 404);
    const moved = await raw(sandbox, 'GET', `/notes/${note.body.id}`);
    assert.equal(moved.body.user.id, user.id, "the lead's notes now belong to the user");
  });

  test('to a new user: the lead becomes the user, keeps its email, drops its UUID user_id', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'winston@truth.org', custom_attributes: { a: 1 } })).body;
    const converted = await raw(sandbox, 'POST', '/contacts/convert', {
      contact: { id: lead.id },
      user: { user_id: 'ws-1984' },
    });
    assert.equal(converted.status, 200);
    assert.equal(converted.body.type, 'user');
    assert.equal(converted.body.user_id, 'ws-1984');
    assert.equal(converted.body.email, 'winston@truth.org');
    assert.equal(converted.body.anonymous, false);
    assert.deepEqual(converted.body.custom_attributes, { a: 1 });
    assert.equal((await raw(sandbox, 'GET', '/users?user_id=ws-1984')).body.email, 'winston@truth.org');
    assert.equal((await raw(sandbox, 'GET', `/contacts?user_id=${lead.user_id}`)).status, 404);

    const other = (await raw(sandbox, 'POST', '/contacts', { email: 'old@example.com' })).body;
    const withEmail = await raw(sandbox, 'POST', '/contacts/convert', {
      contact: { user_id: other.user_id },
      user: { email: 'new@example.com' },
    });
    assert.equal(withEmail.body.email, 'new@example.com');
    assert.equal(withEmail.body.user_id, null, 'the UUID is not kept');
  });

  test('bad conversions answer 400, 404 or 409 and leave the lead in place', async () => {
    const lead = (await raw(sandbox, 'POST', '/contacts', { email: 'stay@example.com' })).body;
    const cases: Array<[unknown, number, string]> = [
      [{ contact: { user_id: lead.user_id } }, 400, 'parameter_not_found'],
      [{ contact: { user_id: lead.user_id }, user: {} }, 400, 'parameter_not_found'],
      [{ contact: { user_id: lead.user_id }, user: 'bob' }, 400, 'parameter_invalid'],
      [{ contact: {}, user: { email: 'x@example.com' } }, 400, 'parameter_not_found'],
      [{ contact: { user_id: 'no-such-lead' }, user: { email: 'x@example.com' } }, 404, 'not_found'],
      [{ contact: { id: lead.id }, user: { id: '000000000000000000000000' } }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await raw(sandbox, 'POST', '/contacts/convert', body);
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(firstError(answer).code, code, JSON.stringify(body));
    }
    await raw(sandbox, 'POST', '/users', { user_id: 'bob-2', email: 'bob@example.com' });
    const ambiguous = await raw(sandbox, 'POST', '/contacts/convert', {
      contact: { id: lead.id },
      user: { email: 'bob@example.com' },
    });
    assert.equal(ambiguous.status, 409);
    assert.equal(firstError(ambiguous).code, 'conflict');
    assert.equal((await raw(sandbox, 'GET', `/contacts/${lead.id}`)).status, 200, 'the lead is still there');
  });
});

describe('visitors', () => {
  const visitor = (): { id: string; user_id: string } => {
    const record = [...sandbox.store.users.values()].find((r) => r.role === 'visitor');
    assert.ok(record, 'the demo seed has visitors');
    return { id: record.id, user_id: record.user_id as string };
  };

  test('GET by id and by ?user_id=; there is no create', async () => {
    const v = visitor();
    const byId = await raw(sandbox, 'GET', `/visitors/${v.id}`);
    assert.equal(byId.body.type, 'visitor');
    assert.equal(byId.body.anonymous, true);
    assert.match(byId.body.user_id, UUID);
    assert.equal((await raw(sandbox, 'GET', `/visitors?user_id=${v.user_id}`)).body.id, v.id);
    assert.equal((await raw(sandbox, 'GET', '/visitors?user_id=nobody')).status, 404);
    assert.equal((await raw(sandbox, 'GET', '/visitors')).status, 400);
    const create = await raw(sandbox, 'POST', '/visitors', { name: 'new' });
    assert.equal(create.status, 400, 'a body without id or user_id is no update, and visitors cannot be created');
  });

  test('PUT /visitors/{id} and POST /visitors update; DELETE removes', async () => {
    const v = visitor();
    assert.equal((await raw(sandbox, 'PUT', `/visitors/${v.id}`, { name: 'Visiting' })).body.name, 'Visiting');
    const posted = await raw(sandbox, 'POST', '/visitors', { user_id: v.user_id, custom_attributes: { seen: true } });
    assert.equal(posted.body.custom_attributes.seen, true);
    assert.equal(posted.body.name, 'Visiting');
    assert.equal((await raw(sandbox, 'DELETE', `/visitors/${v.id}`, {})).body.id, v.id);
    assert.equal((await raw(sandbox, 'GET', `/visitors/${v.id}`)).status, 404);
  });

  test('convert to a lead: the visitor is now a lead at /contacts', async () => {
    const v = visitor();
    const converted = await raw(sandbox, 'POST', '/visitors/convert', { visitor: { user_id: v.user_id }, type: 'lead' });
    assert.equal(converted.status, 200);
    assert.equal(converted.body.type, 'contact');
    assert.equal((await raw(sandbox, 'GET', `/contacts/${v.id}`)).body.id, v.id);
    assert.equal((await raw(sandbox, 'GET', `/visitors/${v.id}`)).status, 404);
  });

  test('convert to a user, like a lead; type and user are checked', async () => {
    const v = visitor();
    assert.equal((await raw(sandbox, 'POST', '/visitors/convert', { visitor: { id: v.id }, type: 'robot' })).status, 400);
    assert.equal((await raw(sandbox, 'POST', '/visitors/convert', { visitor: { id: v.id }, type: 'user' })).status, 400);
    const converted = await raw(sandbox, 'POST', '/visitors/convert', {
      visitor: { id: v.id },
      type: 'user',
      user: { user_id: 'from-visitor' },
    });
    assert.equal(converted.body.type, 'user');
    assert.equal(converted.body.user_id, 'from-visitor');
    assert.equal((await raw(sandbox, 'GET', '/users?user_id=from-visitor')).body.id, v.id);
  });
});
