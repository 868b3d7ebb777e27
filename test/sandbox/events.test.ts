import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { raw } from '../helpers/raw-http.js';

const now = (): number => Math.floor(Date.now() / 1000);
const DAY = 86_400;

describe('sandbox: events', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
  });
  beforeEach(() => {
    sandbox.reset();
    sandbox.store.newUser('user', { user_id: '314159', email: 'frodo@example.com', name: 'Frodo' });
  });
  after(() => sandbox.close());

  const list = (query: string) => raw(sandbox, 'GET', `/events?${query}`);

  test('POST /events answers 202 with an empty body and the event is listed for the user', async () => {
    const created = await raw(sandbox, 'POST', '/events', {
      event_name: 'invited-friend',
      created_at: now(),
      email: 'frodo@example.com',
      metadata: { invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND' },
    });
    assert.equal(created.status, 202);
    assert.equal(created.text, '');
    const listed = await list('type=user&user_id=314159');
    assert.equal(listed.status, 200);
    assert.equal(listed.json.type, 'event.list');
    assert.equal(listed.json.events.length, 1);
    const [event] = listed.json.events;
    assert.equal(event.type, 'event');
    assert.equal(event.event_name, 'invited-friend');
    assert.equal(event.user_id, '314159');
    assert.equal(event.email, 'frodo@example.com');
    assert.deepEqual(event.metadata, { invitee_email: 'pi@example.org', invite_code: 'ADDAFRIEND' });
  });

  test('names are case-insensitive and . and $ become -', async () => {
    for (const name of ['Placed.Order', 'placed$order', 'PLACED-ORDER']) {
      const answer = await raw(sandbox, 'POST', '/events', { event_name: name, created_at: now(), user_id: '314159' });
      assert.equal(answer.status, 202, answer.text);
    }
    const summary = await list('type=user&user_id=314159&summary=true');
    assert.deepEqual(
      summary.json.events.map((e: { name: string; count: number }) => [e.name, e.count]),
      [['placed-order', 3]],
    );
  });

  test('events never create users: an unknown user is 404 User Not Found', async () => {
    const users = sandbox.store.users.size;
    for (const identifier of [{ email: 'nobody@example.com' }, { user_id: 'nope' }, { id: 'ffffffffffffffffffffffff' }]) {
      const answer = await raw(sandbox, 'POST', '/events', { event_name: 'x', created_at: now(), ...identifier });
      assert.equal(answer.status, 404);
      assert.deepEqual(answer.json.errors, [{ code: 'not_found', message: 'User Not Found' }]);
    }
    assert.equal(sandbox.store.users.size, users);
  });

  test('an Intercom id also names a lead, and its events are listed by intercom_user_id', async () => {
    const lead = sandbox.store.newUser('contact', { email: 'lead@example.com' });
    assert.equal(
      (await raw(sandbox, 'POST', '/events', { event_name: 'viewed-pricing', created_at: now(), id: lead.id })).status,
      202,
    );
    const listed = await list(`type=user&intercom_user_id=${lead.id}`);
    assert.equal(listed.json.events[0].event_name, 'viewed-pricing');
    assert.equal(listed.json.events[0].intercom_user_id, lead.id);
  });

  test('an email shared by two users is a 409 conflict', async () => {
    sandbox.store.newUser('user', { user_id: 'other', email: 'frodo@example.com' });
    const answer = await raw(sandbox, 'POST', '/events', { event_name: 'x', created_at: now(), email: 'frodo@example.com' });
    assert.equal(answer.status, 409);
    assert.equal(answer.json.errors[0].code, 'conflict');
  });

  test('required fields and wrong types answer 400 naming the field, and record nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, string | undefined]> = [
      [{ created_at: now(), user_id: '314159' }, 'parameter_not_found', 'event_name'],
      [{ event_name: 'x', user_id: '314159' }, 'parameter_not_found', 'created_at'],
      [{ event_name: 'x', created_at: now() }, 'parameter_not_found', undefined],
      [{ event_name: 42, created_at: now(), user_id: '314159' }, 'parameter_invalid', 'event_name'],
      [{ event_name: 'x', created_at: 'yesterday', user_id: '314159' }, 'parameter_invalid', 'created_at'],
      [{ event_name: '  ', created_at: now(), user_id: '314159' }, 'parameter_invalid', 'event_name'],
      [{ event_name: 'x', created_at: now(), user_id: '314159', metadata: 'flat' }, 'parameter_invalid', 'metadata'],
    ];
    for (const [body, code, field] of cases) {
      const answer = await raw(sandbox, 'POST', '/events', body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json.errors[0].code, code, JSON.stringify(body));
      assert.equal(answer.json.errors[0].field, field, JSON.stringify(body));
    }
    assert.equal((await raw(sandbox, 'POST', '/events', '[1]')).status, 400);
    assert.equal((await list('type=user&user_id=314159')).json.events.length, 0);
  });

  test('metadata keeps strings, numbers, rich links and amounts', async () => {
    const metadata = {
      order_date: 1400000000,
      stripe_invoice: 'inv_3434343434',
      order_number: { value: '3434-3434', url: 'https://example.org/orders/3434-3434' },
      price: { currency: 'usd', amount: 2999 },
    };
    await raw(sandbox, 'POST', '/events', { event_name: 'placed-order', created_at: now(), user_id: '314159', metadata });
    assert.deepEqual((await list('type=user&user_id=314159')).json.events[0].metadata, metadata);
  });

  test('metadata beyond 10 keys is silently dropped: the first 10 sent are kept', async () => {
    const metadata: Record<string, number> = {};
    for (let i = 1; i <= 12; i++) metadata[`k${i}`] = i;
    const answer = await raw(sandbox, 'POST', '/events', { event_name: 'x', created_at: now(), user_id: '314159', metadata });
    assert.equal(answer.status, 202);
    const kept = (await list('type=user&user_id=314159')).json.events[0].metadata;
    assert.deepEqual(Object.keys(kept), ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9', 'k10']);
  });

  test('a metadata key named __proto__ stays a plain key', async () => {
    const body = `{"event_name":"x","created_at":${now()},"user_id":"314159","metadata":{"__proto__":{"url":"https://example.org","value":"v"},"a":1}}`;
    assert.equal((await raw(sandbox, 'POST', '/events', body)).status, 202);
    const metadata = (await list('type=user&user_id=314159')).json.events[0].metadata;
    assert.deepEqual(Object.keys(metadata), ['__proto__', 'a']);
    assert.equal(Object.getPrototypeOf(sandbox.store.events.values().next().value?.[0]?.metadata), Object.prototype);
  });

  test('nested objects, arrays and malformed links or amounts answer 400 naming the key', async () => {
    const bad: Array<[string, unknown]> = [
      ['tags', ['a', 'b']],
      ['nested', { a: 1 }],
      ['flag', true],
      ['nothing', null],
      ['link', { url: 'not a url', value: 'x' }],
      ['link', { url: 'https://example.org', value: 3 }],
      ['link', { url: 'https://example.org', value: 'x', extra: 1 }],
      ['price', { amount: 29.99, currency: 'usd' }],
      ['price', { amount: -5, currency: 'usd' }],
      ['price', { amount: 2999, currency: 'dollars' }],
    ];
    for (const [key, value] of bad) {
      const answer = await raw(sandbox, 'POST', '/events', {
        event_name: 'x',
        created_at: now(),
        user_id: '314159',
        metadata: { ok: 'fine', [key]: value },
      });
      assert.equal(answer.status, 400, `${key}: ${JSON.stringify(value)}`);
      assert.equal(answer.json.errors[0].code, 'parameter_invalid');
      assert.equal(answer.json.errors[0].field, `metadata.${key}`);
    }
    assert.equal((await list('type=user&user_id=314159')).json.events.length, 0);
  });

  test('lists newest first, paged by a before cursor in an absolute pages.next on the sandbox origin', async () => {
    const t = now();
    for (let i = 0; i < 5; i++) {
      await raw(sandbox, 'POST', '/events', { event_name: `event-${i}`, created_at: t - i * 60, user_id: '314159' });
    }
    // Same created_at as event-0: insertion breaks the tie, latest first.
    await raw(sandbox, 'POST', '/events', { event_name: 'event-tie', created_at: t, user_id: '314159' });
    const first = await list('type=user&user_id=314159&per_page=4');
    assert.deepEqual(
      first.json.events.map((e: { event_name: string }) => e.event_name),
      ['event-tie', 'event-0', 'event-1', 'event-2'],
    );
    const next = new URL(first.json.pages.next);
    assert.equal(next.origin, sandbox.url);
    assert.equal(next.pathname, '/events');
    assert.equal(next.searchParams.get('type'), 'user');
    assert.equal(next.searchParams.get('user_id'), '314159');
    assert.match(next.searchParams.get('before') ?? '', /^\d+$/);
    assert.equal(first.json.pages.type, undefined, 'event pages carry no type');
    const second = await raw(sandbox, 'GET', `${next.pathname}${next.search}`);
    assert.deepEqual(
      second.json.events.map((e: { event_name: string }) => e.event_name),
      ['event-3', 'event-4'],
    );
    assert.equal(second.json.pages.next, null);
  });

  test('only the last 90 days are listed; the summary counts older events too', async () => {
    await raw(sandbox, 'POST', '/events', { event_name: 'old', created_at: now() - 120 * DAY, user_id: '314159' });
    await raw(sandbox, 'POST', '/events', { event_name: 'recent', created_at: now() - 89 * DAY, user_id: '314159' });
    await raw(sandbox, 'POST', '/events', { event_name: 'recent', created_at: now(), user_id: '314159' });
    const listed = await list('type=user&email=frodo%40example.com');
    assert.deepEqual(
      listed.json.events.map((e: { event_name: string }) => e.event_name),
      ['recent', 'recent'],
    );
    const summary = await list('type=user&email=frodo%40example.com&summary=true');
    assert.equal(summary.json.type, 'event.summary');
    assert.equal(summary.json.user_id, '314159');
    assert.equal(summary.json.email, 'frodo@example.com');
    const byName = Object.fromEntries(
      summary.json.events.map((e: { name: string; count: number; first: string; last: string }) => [e.name, e]),
    );
    assert.equal(byName.old.count, 1);
    assert.equal(byName.recent.count, 2);
    assert.ok(Date.parse(byName.recent.first) < Date.parse(byName.recent.last));
  });

  test('GET /events needs type=user and a known user', async () => {
    assert.equal((await list('user_id=314159')).json.errors[0].code, 'parameter_not_found');
    assert.equal((await list('type=company&user_id=314159')).json.errors[0].field, 'type');
    assert.equal((await list('type=user')).status, 400);
    assert.equal((await list('type=user&user_id=nope')).status, 404);
    assert.equal((await list('type=user&user_id=314159&before=abc')).json.errors[0].field, 'before');
    assert.equal((await list('type=user&user_id=314159&per_page=0')).status, 400);
  });
});
