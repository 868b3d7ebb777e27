import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type CreateEventParams, InvalidParameterError, type ListEventsParams, ResourceNotFound } from 'intercom-ts';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

const now = (): number => Math.floor(Date.now() / 1000);

describe('events against the sandbox', () => {
  let fx: SandboxFixture;
  before(async () => {
    fx = await withSandbox({ seed: 'empty' });
  });
  beforeEach(() => {
    fx.sandbox.reset();
    fx.sandbox.store.newUser('user', { user_id: '314159', email: 'frodo@example.com', name: 'Frodo' });
  });
  after(() => fx.done());

  test('events.create records an event that events.findAll then lists for the user', async () => {
    const at = new Date();
    await fx.intercom.events.create({
      event_name: 'Invited.Friend',
      created_at: at,
      email: 'frodo@example.com',
      metadata: { invite_code: 'ADDAFRIEND', found_date: new Date(1400000000 * 1000), seats: 3 },
    });
    const user = await fx.intercom.users.find({ email: 'frodo@example.com' });
    for (const owner of [{ email: 'frodo@example.com' }, { user_id: '314159' }, { intercom_user_id: user.id }] as const) {
      const events = await fx.intercom.events.findAll({ type: 'user', ...owner } as ListEventsParams).toArray();
      assert.equal(events.length, 1, JSON.stringify(owner));
      const [event] = events;
      assert.equal(event?.event_name, 'invited-friend');
      assert.equal(event?.created_at, Math.floor(at.getTime() / 1000));
      assert.equal(event?.intercom_user_id, user.id);
      assert.deepEqual(event?.metadata, { invite_code: 'ADDAFRIEND', found_date: 1400000000, seats: 3 });
    }
  });

  test('rich links and amounts round-trip', async () => {
    const metadata = {
      order_number: { value: '3434-3434', url: 'https://example.org/orders/3434-3434' },
      price: { currency: 'usd', amount: 2999 },
    };
    await fx.intercom.events.create({ event_name: 'placed-order', created_at: now(), user_id: '314159', metadata });
    const [event] = await fx.intercom.events.findAll({ type: 'user', user_id: '314159' }).toArray();
    assert.deepEqual(event?.metadata, metadata);
  });

  test('metadata beyond 10 keys is sent as given; the API keeps the first 10', async () => {
    const metadata: Record<string, number> = {};
    for (let i = 1; i <= 11; i++) metadata[`k${i}`] = i;
    await fx.intercom.events.create({ event_name: 'many', created_at: now(), user_id: '314159', metadata });
    const sent = fx.sandbox.requests.at(-1)?.body as { metadata: object } | undefined;
    assert.equal(Object.keys(sent?.metadata ?? {}).length, 11);
    const [event] = await fx.intercom.events.findAll({ type: 'user', user_id: '314159' }).toArray();
    assert.equal(Object.keys(event?.metadata ?? {}).length, 10);
    assert.equal(event?.metadata?.k11, undefined);
  });

  test('an event for an unknown user throws ResourceNotFound and creates no user', async () => {
    const before = fx.sandbox.store.users.size;
    await assert.rejects(
      fx.intercom.events.create({ event_name: 'x', created_at: now(), email: 'nobody@example.com' }),
      (error: unknown) => error instanceof ResourceNotFound && error.applicationErrorCode === 'not_found',
    );
    assert.equal(fx.sandbox.store.users.size, before);
  });

  test('a lead is named by its Intercom id', async () => {
    const lead = fx.sandbox.store.newUser('contact', { email: 'lead@example.com' });
    await fx.intercom.events.create({ event_name: 'viewed-pricing', created_at: now(), id: lead.id });
    const events = await fx.intercom.events.findAll({ type: 'user', intercom_user_id: lead.id }).toArray();
    assert.deepEqual(
      events.map((e) => e.event_name),
      ['viewed-pricing'],
    );
  });

  test('findAll walks every page newest first, following the before cursor', async () => {
    const t = now();
    for (let i = 0; i < 7; i++) {
      await fx.intercom.events.create({ event_name: `event-${i}`, created_at: t - i, user_id: '314159' });
    }
    fx.sandbox.requests.length = 0;
    const events = await fx.intercom.events.findAll({ type: 'user', user_id: '314159', per_page: 3 }).toArray();
    assert.deepEqual(
      events.map((e) => e.event_name),
      ['event-0', 'event-1', 'event-2', 'event-3', 'event-4', 'event-5', 'event-6'],
    );
    assert.equal(fx.sandbox.requests.length, 3);
    assert.match(fx.sandbox.requests[1]?.path ?? '', /^\/events\?type=user&user_id=314159&per_page=3&before=\d+$/);
    const firstTwo = await fx.intercom.events.findAll({ type: 'user', user_id: '314159', per_page: 3 }).toArray({ limit: 2 });
    assert.equal(firstTwo.length, 2);
  });

  test('events.summary counts each event name', async () => {
    await fx.intercom.events.create({ event_name: 'logged-in', created_at: now() - 100, user_id: '314159' });
    await fx.intercom.events.create({ event_name: 'logged-in', created_at: now(), user_id: '314159' });
    await fx.intercom.events.create({ event_name: 'placed-order', created_at: now(), user_id: '314159' });
    const summary = await fx.intercom.events.summary({ type: 'user', user_id: '314159' });
    assert.equal(summary.type, 'event.summary');
    assert.equal(summary.user_id, '314159');
    assert.deepEqual(
      summary.events.map((e) => [e.name, e.count]),
      [
        ['logged-in', 2],
        ['placed-order', 1],
      ],
    );
    assert.equal(fx.sandbox.requests.at(-1)?.path, '/events?type=user&user_id=314159&summary=true');
  });

  test('bad input throws InvalidParameterError naming the parameter, before any request', async () => {
    const base = { event_name: 'x', created_at: now(), user_id: '314159' };
    const cases: Array<[unknown, string]> = [
      [{ created_at: now(), user_id: '314159' }, 'params.event_name'],
      [{ ...base, event_name: ' ' }, 'params.event_name'],
      [{ event_name: 'x', user_id: '314159' }, 'params.created_at'],
      [{ ...base, created_at: new Date('nope') }, 'params.created_at'],
      [{ ...base, created_at: '2020-01-01' }, 'params.created_at'],
      [{ event_name: 'x', created_at: now() }, 'params'],
      [{ ...base, user_id: '' }, 'params.user_id'],
      [{ ...base, metadata: [] }, 'params.metadata'],
      [{ ...base, metadata: { tags: ['a'] } }, 'params.metadata.tags'],
      [{ ...base, metadata: { nested: { a: 1 } } }, 'params.metadata.nested'],
      [{ ...base, metadata: { flag: true } }, 'params.metadata.flag'],
      [{ ...base, metadata: { n: Number.NaN } }, 'params.metadata.n'],
      [{ ...base, metadata: { link: { url: 'example.org', value: 'x' } } }, 'params.metadata.link.url'],
      [{ ...base, metadata: { price: { amount: 29.99, currency: 'usd' } } }, 'params.metadata.price.amount'],
      [{ ...base, metadata: { price: { amount: 2999, currency: 'dollars' } } }, 'params.metadata.price.currency'],
      [null, 'params'],
    ];
    for (const [params, parameter] of cases) {
      await assert.rejects(
        fx.intercom.events.create(params as CreateEventParams),
        (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
        JSON.stringify(params),
      );
    }
    const lists: Array<[unknown, string]> = [
      [{ type: 'company', user_id: '1' }, 'params.type'],
      [{ type: 'user' }, 'params'],
      [{ type: 'user', user_id: '1', email: 'a@example.com' }, 'params'],
      [{ type: 'user', user_id: '1', per_page: 0 }, 'params.per_page'],
    ];
    for (const [params, parameter] of lists) {
      assert.throws(
        () => fx.intercom.events.findAll(params as ListEventsParams),
        (error: unknown) => error instanceof InvalidParameterError && error.parameter === parameter,
      );
    }
    await assert.rejects(fx.intercom.events.summary({ type: 'user' } as never), InvalidParameterError);
    assert.equal(fx.sandbox.requests.length, 0);
  });

  test('the types reject what the API rejects', () => {
    const types = (): void => {
      // @ts-expect-error: an event needs a user_id, email or id
      void fx.intercom.events.create({ event_name: 'x', created_at: 1 });
      // @ts-expect-error: metadata values are flat
      void fx.intercom.events.create({ event_name: 'x', created_at: 1, user_id: '1', metadata: { a: [1] } });
      // @ts-expect-error: exactly one identifier to list by
      void fx.intercom.events.findAll({ type: 'user', user_id: '1', email: 'a@example.com' });
      // @ts-expect-error: type must be 'user'
      void fx.intercom.events.findAll({ type: 'company', user_id: '1' });
      // @ts-expect-error: events cannot be deleted in bulk
      void fx.intercom.events.submitBulkJob({ create_items: [], delete_items: [{ user_id: '1' }] });
    };
    assert.equal(typeof types, 'function');
  });
});
