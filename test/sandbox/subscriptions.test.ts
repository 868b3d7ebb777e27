import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { raw } from '../helpers/raw-http.js';

describe('sandbox: webhook subscriptions', () => {
  let sandbox: Sandbox;
  before(async () => {
    sandbox = await startSandbox({ port: 0, seed: 'empty' });
  });
  beforeEach(() => sandbox.reset());
  after(() => sandbox.close());

  const create = (body: unknown) => raw(sandbox, 'POST', '/subscriptions', body);

  test('create answers a notification_subscription with absolute links; find, list and delete it', async () => {
    const created = await create({ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'] });
    assert.equal(created.status, 200);
    const sub = created.json;
    assert.equal(sub.type, 'notification_subscription');
    assert.match(sub.id, /^nsub_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.equal(sub.service_type, 'web');
    assert.equal(sub.url, 'http://127.0.0.1:4567/hooks');
    assert.deepEqual(sub.topics, ['user.created']);
    assert.equal(sub.active, true);
    assert.equal(sub.hub_secret, null);
    assert.deepEqual(sub.metadata, {});
    assert.equal(sub.mode, 'point');
    assert.equal(sub.app_id, sandbox.store.appId);
    assert.equal(sub.created_at, sub.updated_at);
    assert.deepEqual(sub.links, {
      sent: `${sandbox.url}/subscriptions/${sub.id}/sent`,
      retry: `${sandbox.url}/subscriptions/${sub.id}/retry`,
      errors: `${sandbox.url}/subscriptions/${sub.id}/error`,
    });

    assert.deepEqual((await raw(sandbox, 'GET', `/subscriptions/${sub.id}`)).json, sub);
    const listed = (await raw(sandbox, 'GET', '/subscriptions')).json;
    assert.equal(listed.type, 'notification_subscription.list');
    assert.deepEqual(listed.items, [sub]);

    const deleted = await raw(sandbox, 'DELETE', `/subscriptions/${sub.id}`, {});
    assert.equal(deleted.status, 200);
    assert.equal((await raw(sandbox, 'GET', `/subscriptions/${sub.id}`)).status, 404);
    assert.deepEqual((await raw(sandbox, 'GET', '/subscriptions')).json.items, []);
    assert.equal((await raw(sandbox, 'DELETE', `/subscriptions/${sub.id}`, {})).status, 404);
  });

  test('topic prefixes are accepted; hub_secret and metadata are kept', async () => {
    const sub = (
      await create({
        url: 'http://localhost:4567/hooks',
        topics: ['company', 'conversation.admin', 'user.created', 'user.created'],
        hub_secret: 's3cret',
        service_type: 'web',
      })
    ).json;
    assert.deepEqual(sub.topics, ['company', 'conversation.admin', 'user.created']);
    assert.equal(sub.hub_secret, 's3cret');
  });

  test('event.created needs metadata.event_names', async () => {
    const missing = await create({ url: 'http://localhost:4567/hooks', topics: ['event.created'] });
    assert.equal(missing.status, 400);
    assert.equal(missing.json.errors[0].field, 'metadata.event_names');
    const ok = await create({
      url: 'http://localhost:4567/hooks',
      topics: ['event.created'],
      metadata: { event_names: ['placed-order'] },
    });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.json.metadata, { event_names: ['placed-order'] });
  });

  test('contact.tag topics exist from API 1.2 on', async () => {
    const body = JSON.stringify({ url: 'http://localhost:4567/hooks', topics: ['contact.tag.created'] });
    const send = (version: string) => raw(sandbox, 'POST', '/subscriptions', body, { 'intercom-version': version });
    assert.equal((await send('1.1')).status, 400);
    assert.equal((await send('1.2')).status, 200);
  });

  test('bad input answers 400 naming the field and creates nothing', async () => {
    const cases: Array<[unknown, string, string]> = [
      [{ topics: ['user.created'] }, 'parameter_not_found', 'url'],
      [{ url: 'http://127.0.0.1:4567/hooks' }, 'parameter_not_found', 'topics'],
      [{ url: 'not a url', topics: ['user.created'] }, 'parameter_invalid', 'url'],
      [{ url: 'ftp://example.com', topics: ['user.created'] }, 'parameter_invalid', 'url'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: [] }, 'parameter_invalid', 'topics'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: 'user.created' }, 'parameter_invalid', 'topics'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.exploded'] }, 'parameter_invalid', 'topics'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['use'] }, 'parameter_invalid', 'topics'],
      [
        { url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'], service_type: 'sqs' },
        'parameter_invalid',
        'service_type',
      ],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'], hub_secret: 5 }, 'parameter_invalid', 'hub_secret'],
      [{ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'], metadata: [] }, 'parameter_invalid', 'metadata'],
    ];
    for (const [body, code, field] of cases) {
      const answer = await create(body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.json.errors[0].code, code, JSON.stringify(body));
      assert.equal(answer.json.errors[0].field, field, JSON.stringify(body));
    }
    assert.equal(sandbox.store.subscriptions.size, 0);
  });

  test('POST /subscriptions/{id} updates the subscription', async () => {
    const sub = (await create({ url: 'http://127.0.0.1:4567/hooks', topics: ['user.created'] })).json;
    const updated = await raw(sandbox, 'POST', `/subscriptions/${sub.id}`, {
      url: 'http://[::1]:4567/new',
      topics: ['conversation.user.created', 'event.created'],
      metadata: { event_names: ['placed-order'] },
    });
    assert.equal(updated.status, 200);
    assert.equal(updated.json.id, sub.id);
    assert.equal(updated.json.url, 'http://[::1]:4567/new');
    assert.deepEqual(updated.json.topics, ['conversation.user.created', 'event.created']);
    assert.deepEqual((await raw(sandbox, 'GET', `/subscriptions/${sub.id}`)).json.topics, updated.json.topics);
    const bad = await raw(sandbox, 'POST', `/subscriptions/${sub.id}`, { topics: ['nope'] });
    assert.equal(bad.status, 400);
    assert.equal((await raw(sandbox, 'POST', '/subscriptions/nsub_nope', { topics: ['ping'] })).status, 404);
  });

  test('the demo seed has a subscription', async () => {
    const demo = await startSandbox({ port: 0 });
    try {
      const listed = await raw(demo, 'GET', '/subscriptions');
      assert.equal(listed.json.items.length, 1);
    } finally {
      await demo.close();
    }
  });
});
