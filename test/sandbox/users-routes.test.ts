import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { assertError, client, ok, type RawAnswer } from '../helpers/raw-http.js';

type Json = Record<string, unknown>;
interface UserList {
  type: string;
  total_count: number;
  limited: boolean;
  pages: { type: string; next: string | null; page: number; per_page: number; total_pages: number };
  users: Json[];
}

const companyIds = (user: Json): unknown[] =>
  ((user.companies as { companies: Json[] }).companies ?? []).map((c) => c.company_id);

describe('users routes', () => {
  let sandbox: Sandbox;
  let call: ReturnType<typeof client>;
  const post = async (body: unknown): Promise<Json> => ok(await call('POST', '/users', body));
  const v11 = { 'intercom-version': '1.1' };

  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
    call = client(sandbox);
  });
  beforeEach(() => sandbox.reset());
  after(() => sandbox.close());

  describe('upsert (POST /users)', () => {
    test('creates a user (200, server-owned fields) and finds it again by user_id', async () => {
      const created = await post({ user_id: '25', email: 'wash@serenity.io', name: 'Hoban Washburne', signed_up_at: 1392731331 });
      assert.equal(created.type, 'user');
      assert.match(String(created.id), /^[0-9a-f]{24}$/);
      assert.equal(created.anonymous, false);
      assert.equal(created.signed_up_at, 1392731331);
      assert.equal(typeof created.created_at, 'number');
      const again = await post({ user_id: '25', name: 'Wash' });
      assert.equal(again.id, created.id);
      assert.equal(again.name, 'Wash');
      assert.equal(again.email, 'wash@serenity.io', 'fields not sent are kept');
      assert.equal(sandbox.store.users.size, 1);
    });

    test('the strongest identifier wins: id > user_id > email', async () => {
      const a = await post({ user_id: 'a', email: 'a@example.com' });
      const b = await post({ user_id: 'b', email: 'b@example.com' });
      // id finds a; its user_id is overwritten with the one sent.
      const byId = await post({ id: a.id, user_id: 'a2', email: 'b@example.com' });
      assert.equal(byId.id, a.id);
      assert.equal(byId.user_id, 'a2');
      assert.equal(byId.email, 'b@example.com');
      // user_id finds b even though the email is now also a's: the email is updated.
      const byUserId = await post({ user_id: 'b', email: 'new-b@example.com' });
      assert.equal(byUserId.id, b.id);
      assert.equal(byUserId.email, 'new-b@example.com');
      // email alone finds the one user with it.
      const byEmail = await post({ email: 'NEW-B@example.com', name: 'Bee' });
      assert.equal(byEmail.id, b.id, 'emails compare case-insensitively');
      assert.equal(byEmail.name, 'Bee');
      assert.equal(sandbox.store.users.size, 2);
      assert.equal(ok(await call('GET', '/users?user_id=a2')).id, a.id);
      assertError(await call('GET', '/users?user_id=a'), 404, 'not_found');
    });

    test('an unknown id is 404; no identifier is 400; a blank email is 400 parameter_invalid', async () => {
      assertError(await call('POST', '/users', { id: '5714dd359a3fd47136000001', name: 'x' }), 404, 'not_found');
      assertError(await call('POST', '/users', { name: 'nobody' }), 400, 'missing_parameter');
      assertError(await call('POST', '/users', {}), 400, 'missing_parameter');
      assertError(await call('POST', '/users', { user_id: 'x', email: '' }), 400, 'parameter_invalid', 'email');
      assert.equal(sandbox.store.users.size, 0);
    });

    test('moving a user_id onto another user that holds it is refused', async () => {
      const a = await post({ user_id: 'a' });
      await post({ user_id: 'b' });
      assertError(await call('POST', '/users', { id: a.id, user_id: 'b' }), 409, 'unique_user_constraint');
      assert.equal(ok(await call('GET', '/users?user_id=a')).id, a.id, 'nothing changed');
    });

    test('custom_attributes merge key by key; null clears a key', async () => {
      await post({ user_id: 'c', custom_attributes: { plan: 'pro', seats: 3, vip: true } });
      const merged = await post({ user_id: 'c', custom_attributes: { seats: 5, region: 'eu' } });
      assert.deepEqual(merged.custom_attributes, { plan: 'pro', seats: 5, vip: true, region: 'eu' });
      const cleared = await post({ user_id: 'c', custom_attributes: { vip: null } });
      assert.deepEqual(cleared.custom_attributes, { plan: 'pro', seats: 5, region: 'eu' });
      assertError(
        await call('POST', '/users', { user_id: 'c', custom_attributes: { nested: { no: 1 } } }),
        400,
        'parameter_invalid',
        'custom_attributes.nested',
      );
      assertError(
        await call('POST', '/users', { user_id: 'c', custom_attributes: { 'a.b': 1 } }),
        400,
        'parameter_invalid',
        'custom_attributes.a.b',
      );
    });

    test('update_last_request_at and new_session', async () => {
      const user = await post({ user_id: 's', update_last_request_at: true, new_session: true });
      assert.equal(typeof user.last_request_at, 'number');
      assert.equal(user.session_count, 1);
      assert.equal((await post({ user_id: 's', new_session: true })).session_count, 2);
    });

    test('companies attach (creating unknown ones), update, and detach with remove: true', async () => {
      const user = await post({
        user_id: 'co',
        companies: [
          { company_id: '6', name: 'Intercom', monthly_spend: 49.9 },
          { company_id: '44', name: 'Blue Sun' },
        ],
      });
      assert.deepEqual(companyIds(user), ['6', '44']);
      const company = sandbox.store.companyByCompanyId('6');
      assert.equal(company?.name, 'Intercom');
      assert.equal(company?.monthly_spend, 49, 'monthly_spend is an integer');
      // Attaching again does not duplicate; `id` in this list may name a company_id.
      const again = await post({ user_id: 'co', companies: [{ id: '6', plan: 'Paid' }] });
      assert.deepEqual(companyIds(again), ['6', '44']);
      assert.equal(sandbox.store.companyByCompanyId('6')?.plan, 'Paid');
      const removed = await post({ user_id: 'co', companies: [{ company_id: '6', remove: true }] });
      assert.deepEqual(companyIds(removed), ['44']);
      assert.ok(sandbox.store.companyByCompanyId('6'), 'detaching keeps the company');
      const single = await post({ user_id: 'co', company: { company_id: '7', name: 'Seven' } });
      assert.deepEqual(companyIds(single), ['44', '7']);
      assertError(await call('POST', '/users', { user_id: 'co', companies: [{ name: 'no id' }] }), 400, 'parameter_invalid');
    });

    test('several users with one email: an email-only write is 409 conflict', async () => {
      await post({ user_id: 'd1', email: 'dup@example.com' });
      await post({ user_id: 'd2', email: 'dup@example.com' });
      assertError(await call('POST', '/users', { email: 'dup@example.com', name: 'who?' }), 409, 'conflict');
      assert.equal(sandbox.store.users.size, 2);
    });

    test('API 1.2+ no longer returns last_seen_ip and user_agent_data', async () => {
      const v10 = await post({ user_id: 'ip', last_seen_ip: '1.2.3.4' });
      assert.equal(v10.last_seen_ip, '1.2.3.4');
      const v12 = ok(await call('GET', `/users/${v10.id}`, undefined, { 'intercom-version': '1.2' }));
      assert.equal('last_seen_ip' in v12, false);
      assert.equal('user_agent_data' in v12, false);
    });
  });

  describe('lookups', () => {
    test('GET /users/{id}; a user_id in the path is 404 User Not Found', async () => {
      const user = await post({ user_id: '77', email: 'x@example.com' });
      assert.equal(ok(await call('GET', `/users/${user.id}`)).user_id, '77');
      const miss = await call('GET', '/users/77');
      assertError(miss, 404, 'not_found');
      assert.equal((miss.json as { errors: Json[] }).errors[0]?.message, 'User Not Found');
      // Ids are percent-decoded path segments: an encoded slash stays inside the id.
      assertError(await call('GET', `/users/${encodeURIComponent(`${String(user.id)}/x`)}`), 404, 'not_found');
    });

    test('?user_id= gives the user, or 404', async () => {
      await post({ user_id: 'u 1', email: 'u1@example.com' });
      assert.equal(ok(await call('GET', '/users?user_id=u%201')).email, 'u1@example.com');
      assertError(await call('GET', '/users?user_id=zzz'), 404, 'not_found');
    });

    test('1.0: ?email= gives the one user, 404 when none, 409 conflict when several', async () => {
      await post({ user_id: 'e1', email: 'one@example.com' });
      assert.equal(ok(await call('GET', '/users?email=one%40example.com')).user_id, 'e1');
      assertError(await call('GET', '/users?email=none%40example.com'), 404, 'not_found');
      await post({ user_id: 'e2', email: 'one@example.com' });
      assertError(await call('GET', '/users?email=one%40example.com'), 409, 'conflict');
    });

    test('1.1+: ?email= is a user.list (empty, not 404, when none); 1.1 also lists leads', async () => {
      await post({ user_id: 'e1', email: 'one@example.com' });
      await post({ user_id: 'e2', email: 'one@example.com' });
      sandbox.store.newUser('contact', { email: 'one@example.com' });
      const list = ok<UserList>(await call('GET', '/users?email=one%40example.com', undefined, v11));
      assert.equal(list.type, 'user.list');
      assert.equal(list.total_count, 3);
      assert.deepEqual(list.users.map((u) => u.type).sort(), ['contact', 'user', 'user']);
      const v12 = ok<UserList>(await call('GET', '/users?email=one%40example.com', undefined, { 'intercom-version': '1.2' }));
      assert.equal(v12.total_count, 2, '1.2 lists users only');
      const none = ok<UserList>(await call('GET', '/users?email=none%40example.com', undefined, v11));
      assert.deepEqual(
        { total_count: none.total_count, users: none.users, total_pages: none.pages.total_pages, next: none.pages.next },
        { total_count: 0, users: [], total_pages: 0, next: null },
      );
    });
  });

  describe('list (GET /users)', () => {
    /** 130 users, signed up one day apart; user n has user_id `n`. */
    async function seedMany(): Promise<void> {
      for (let n = 0; n < 130; n++) {
        await post({ user_id: String(n), email: `user${n}@example.com`, signed_up_at: 1_500_000_000 + n * 86_400 });
      }
    }

    test('defaults: 50 a page, newest first, total_count, limited false, pages.next absolute on the sandbox origin', async () => {
      await seedMany();
      const page = ok<UserList>(await call('GET', '/users'));
      assert.equal(page.type, 'user.list');
      assert.equal(page.total_count, 130);
      assert.equal(page.limited, false);
      assert.equal(page.users.length, 50);
      assert.deepEqual(
        { type: page.pages.type, page: page.pages.page, per_page: page.pages.per_page, total_pages: page.pages.total_pages },
        { type: 'pages', page: 1, per_page: 50, total_pages: 3 },
      );
      assert.equal(page.pages.next, `${sandbox.url}/users?per_page=50&page=2`);
      // Same created_at second: the later-created comes first in desc order.
      assert.equal(page.users[0]?.user_id, '129');
    });

    test('per_page is capped at 60, the API maximum', async () => {
      await seedMany();
      const page = ok<UserList>(await call('GET', '/users?per_page=100'));
      assert.equal(page.users.length, 60);
      assert.equal(page.pages.per_page, 60);
      assert.equal(page.pages.total_pages, 3);
      for (const bad of ['0', '-1', 'x', '1.5']) {
        assertError(await call('GET', `/users?per_page=${bad}`), 400, 'parameter_invalid', 'per_page');
        assertError(await call('GET', `/users?page=${bad}`), 400, 'parameter_invalid', 'page');
      }
    });

    test('following pages.next visits every user once and keeps the filters', async () => {
      await seedMany();
      const seen: unknown[] = [];
      let next: string | null = `${sandbox.url}/users?per_page=30&sort=signed_up_at&order=asc`;
      let pages = 0;
      while (next !== null) {
        const url: URL = new URL(next);
        assert.equal(url.origin, sandbox.url, 'next is on the sandbox origin');
        const page: UserList = ok<UserList>(await call('GET', url.pathname + url.search));
        if (pages > 0) {
          assert.equal(url.searchParams.get('sort'), 'signed_up_at');
          assert.equal(url.searchParams.get('order'), 'asc');
        }
        seen.push(...page.users.map((u) => u.user_id));
        next = page.pages.next;
        pages++;
      }
      assert.equal(pages, 5);
      assert.deepEqual(
        seen,
        Array.from({ length: 130 }, (_, n) => String(n)),
      );
    });

    test('order and sort; a bad sort or order is 400 naming the parameter', async () => {
      await seedMany();
      const asc = ok<UserList>(await call('GET', '/users?sort=signed_up_at&order=asc&per_page=3'));
      assert.deepEqual(
        asc.users.map((u) => u.user_id),
        ['0', '1', '2'],
      );
      const desc = ok<UserList>(await call('GET', '/users?sort=signed_up_at&order=desc&per_page=3'));
      assert.deepEqual(
        desc.users.map((u) => u.user_id),
        ['129', '128', '127'],
      );
      assertError(await call('GET', '/users?sort=name'), 400, 'parameter_invalid', 'sort');
      assertError(await call('GET', '/users?order=up'), 400, 'parameter_invalid', 'order');
    });

    test('created_since (days), tag_id, segment_id and email filter the list, and next keeps them', async () => {
      await seedMany();
      const store = sandbox.store;
      // 100 users created long ago.
      for (let n = 0; n < 100; n++) {
        const record = store.userByUserId(String(n), 'user');
        if (record) record.created_at -= 30 * 86_400;
      }
      const recent = ok<UserList>(await call('GET', '/users?created_since=7&per_page=20'));
      assert.equal(recent.total_count, 30);
      assert.equal(recent.pages.next, `${sandbox.url}/users?created_since=7&per_page=20&page=2`);
      assertError(await call('GET', '/users?created_since=soon'), 400, 'parameter_invalid', 'created_since');

      store.tags.set('17513', { id: '17513', name: 'Independent' });
      store.segments.set('53203e244cba153d39000062', {
        id: '53203e244cba153d39000062',
        name: 'New',
        person_type: 'user',
        created_at: 0,
        updated_at: 0,
      });
      for (const n of [3, 5, 8]) store.userByUserId(String(n), 'user')?.tag_ids.push('17513');
      for (const n of [5, 13]) store.userByUserId(String(n), 'user')?.segment_ids.push('53203e244cba153d39000062');
      const tagged = ok<UserList>(await call('GET', '/users?tag_id=17513&per_page=2&order=asc'));
      assert.equal(tagged.total_count, 3);
      assert.equal(tagged.pages.next, `${sandbox.url}/users?tag_id=17513&per_page=2&order=asc&page=2`);
      const second = ok<UserList>(await call('GET', '/users?tag_id=17513&per_page=2&order=asc&page=2'));
      assert.deepEqual(
        second.users.map((u) => u.user_id),
        ['8'],
      );
      const segment = ok<UserList>(await call('GET', '/users?segment_id=53203e244cba153d39000062'));
      assert.deepEqual(segment.users.map((u) => u.user_id).sort(), ['13', '5']);
      const byEmail = ok<UserList>(await call('GET', '/users?email=user7%40example.com', undefined, v11));
      assert.deepEqual(
        byEmail.users.map((u) => u.user_id),
        ['7'],
      );
    });

    test('an empty workspace lists nothing, with next null', async () => {
      const page = ok<UserList>(await call('GET', '/users'));
      assert.deepEqual(
        { total: page.total_count, users: page.users, next: page.pages.next, total_pages: page.pages.total_pages },
        { total: 0, users: [], next: null, total_pages: 0 },
      );
    });
  });

  describe('archive and hard delete', () => {
    test('DELETE /users/{id}, ?user_id= and ?email= archive the user and return it', async () => {
      const a = await post({ user_id: 'a', email: 'a@example.com' });
      await post({ user_id: 'b', email: 'b@example.com' });
      await post({ user_id: 'c', email: 'c@example.com' });
      assert.equal(ok(await call('DELETE', `/users/${a.id}`)).id, a.id);
      assertError(await call('GET', `/users/${a.id}`), 404, 'not_found');
      assert.equal(ok(await call('DELETE', '/users?user_id=b')).user_id, 'b');
      assert.equal(ok(await call('DELETE', '/users?email=c%40example.com')).user_id, 'c');
      assert.equal(sandbox.store.users.size, 0);
      assertError(await call('DELETE', `/users/${a.id}`), 404, 'not_found');
      assertError(await call('DELETE', '/users'), 400, 'parameter_invalid');
    });

    test('POST /user_delete_requests deletes for good and answers an id', async () => {
      const user = await post({ user_id: 'gone' });
      const answer = ok(await call('POST', '/user_delete_requests', { intercom_user_id: user.id }));
      assert.equal(typeof answer.id, 'number');
      assertError(await call('GET', `/users/${user.id}`), 404, 'not_found');
      assertError(await call('POST', '/user_delete_requests', { intercom_user_id: user.id }), 404, 'not_found');
      assertError(await call('POST', '/user_delete_requests', {}), 400, 'parameter_not_found', 'intercom_user_id');
    });
  });

  describe('wrong input never crashes the sandbox', () => {
    /** Mulberry32, so a failure can be replayed. */
    function random(seed: number): () => number {
      let state = seed >>> 0;
      return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
      };
    }

    const NOT_STRING = [1, -2.5, true, false, [], ['a'], {}, { a: 1 }];
    const NOT_TIMESTAMP = [-5, 'soon', '12.5', true, [], {}, [1]];
    const NOT_BOOLEAN = [1, 0, 'yes', 'TRUE', [], {}];
    const NOT_NUMBER = ['3', true, [], {}];
    /** Each field with values that are wrong for it. */
    const WRONG: Record<string, unknown[]> = {
      id: [{}, [], true, ['x']],
      user_id: [{}, [], true, { id: 1 }],
      email: [...NOT_STRING, ''],
      name: NOT_STRING,
      phone: NOT_STRING,
      last_seen_ip: NOT_STRING,
      last_seen_user_agent: NOT_STRING,
      signed_up_at: NOT_TIMESTAMP,
      remote_created_at: NOT_TIMESTAMP,
      last_request_at: NOT_TIMESTAMP,
      unsubscribed_from_emails: NOT_BOOLEAN,
      update_last_request_at: NOT_BOOLEAN,
      new_session: NOT_BOOLEAN,
      owner_id: NOT_NUMBER,
      custom_attributes: [
        'x',
        5,
        [1],
        { a: { b: 1 } },
        { a: [1] },
        { 'a.b': 1 },
        { $x: 1 },
        { '': 1 },
        { long: 'x'.repeat(256) },
      ],
      companies: [
        'x',
        {},
        [1],
        ['x'],
        [null],
        [{}],
        [{ company_id: {} }],
        [{ company_id: 'c', name: 5 }],
        [{ company_id: 'c', monthly_spend: 'lots' }],
        [{ company_id: 'c', remove: 'maybe' }],
        [{ company_id: 'c', custom_attributes: { x: {} } }],
        [{ company_id: 'ok' }, { id: [] }],
      ],
      company: ['x', 5, [], [{ company_id: 'c' }], { name: 'no id' }],
    };
    const VALID: Record<string, unknown> = {
      name: 'Fuzzy',
      phone: '+353 1 555',
      signed_up_at: 1_400_000_000,
      unsubscribed_from_emails: true,
      custom_attributes: { plan: 'pro' },
      companies: [{ company_id: 'fuzz-co' }],
      new_session: true,
    };

    test('a few hundred wrong bodies: every answer is a 4xx error.list naming the field; nothing changes', async () => {
      await post({ user_id: 'existing', email: 'existing@example.com' });
      const usersBefore = sandbox.store.users.size;
      const companiesBefore = sandbox.store.companies.size;
      const next = random(20_240_601);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
      const fields = Object.keys(WRONG);
      const cases: Array<{ body: unknown; field?: string }> = [];
      for (let i = 0; i < 300; i++) {
        const kind = next();
        if (kind < 0.7) {
          // An object with an identifier, some valid fields and exactly one wrong one.
          const field = pick(fields);
          const body: Record<string, unknown> = { user_id: i % 3 === 0 ? 'existing' : `fuzz-${i}` };
          for (const [key, value] of Object.entries(VALID)) if (next() < 0.4) body[key] = value;
          body[field] = pick(WRONG[field] as unknown[]);
          cases.push({ body, field });
        } else if (kind < 0.8) {
          cases.push({ body: JSON.stringify(pick([null, 5, 'text', [], [{ user_id: 'x' }], true, 1.5])) });
        } else if (kind < 0.9) {
          const text = JSON.stringify({ user_id: `cut-${i}`, email: 'cut@example.com', custom_attributes: { a: 1 } });
          cases.push({ body: text.slice(0, 1 + Math.floor(next() * (text.length - 2))) });
        } else {
          const bytes = Buffer.alloc(1 + Math.floor(next() * 40));
          for (let b = 0; b < bytes.length; b++) bytes[b] = Math.floor(next() * 256);
          // Random bytes that happen to be JSON are still no object: 4xx either way.
          cases.push({ body: bytes.toString('latin1') });
        }
      }
      for (const { body, field } of cases) {
        const res: RawAnswer = await call('POST', '/users', typeof body === 'string' ? body : body);
        const text = JSON.stringify(body);
        assert.ok(res.status >= 400 && res.status < 500, `4xx for ${text}: got ${res.status} ${res.text}`);
        const error = res.json as { type: string; errors: Array<{ code: string; field?: string }> };
        assert.equal(error.type, 'error.list', text);
        assert.equal(typeof error.errors[0]?.code, 'string', text);
        if (field !== undefined) {
          assert.ok(error.errors[0]?.field?.startsWith(field), `the error names ${field} for ${text}: ${res.text}`);
        }
      }
      assert.equal(sandbox.store.users.size, usersBefore, 'no user was created');
      assert.equal(sandbox.store.companies.size, companiesBefore, 'no company was created');
      const existing = ok(await call('GET', '/users?user_id=existing'));
      assert.equal(existing.name, null, 'the existing user was not touched');
      assert.deepEqual(existing.custom_attributes, {});
      ok(await call('GET', '/me'));
    });
  });
});
