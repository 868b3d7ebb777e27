/** Counts on 2.16: each worked out from 2.x totals, equal to what the 1.x API counts over the same sandbox. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type CountParams, UnavailableOnApi2Error } from 'intercom-ts';
import { type BridgeFixture, withBridge } from './rest-fixture.js';

let fx: BridgeFixture;
before(async () => {
  fx = await withBridge();
});
after(() => fx.done());
beforeEach(() => fx.sandbox.reset());

/** The counts the bridge gives, each checked equal to the 1.x API's over the same state. */
async function assertCountsAsIn1x(): Promise<void> {
  // The one difference: 2.x lists no company segments, so the app's segment count is of people segments.
  const app1x = await fx.v1.counts.forApp();
  const companySegments = [...fx.sandbox.store.segments.values()].filter((s) => s.person_type === 'company').length;
  assert.ok(companySegments > 0, 'the demo workspace has a company segment');
  const expected = { ...app1x, segment: { count: (app1x.segment?.count ?? 0) - companySegments } };
  assert.deepEqual(await fx.v2.counts.forApp(), expected, 'app counts');
  const params: CountParams[] = [
    { type: 'user', count: 'segment' },
    { type: 'user', count: 'tag' },
    { type: 'company', count: 'tag' },
    { type: 'company', count: 'user' },
    { type: 'company', count: 'user', per_page: 1, page: 2 },
    { type: 'conversation' },
    { type: 'conversation', count: 'admin' },
  ];
  for (const p of params) {
    const viaBridge = await fx.v2.counts.forType(p);
    const via1x = await fx.v1.counts.forType(p);
    assert.deepEqual(JSON.parse(JSON.stringify(viaBridge)), JSON.parse(JSON.stringify(via1x)), JSON.stringify(p));
  }
}

test('every count equals what the sandbox holds, as the 1.x API counts it, before and after changes', async () => {
  await assertCountsAsIn1x();
  fx.sent();
  await fx.v1.users.create({ email: 'dave@example.com', companies: [{ company_id: 'new-co', name: 'New Co' }] });
  await fx.v1.tags.tag({ name: 'Counted', users: [{ email: 'dave@example.com' }] });
  await fx.v1.tags.tag({ name: 'Counted', companies: [{ company_id: 'new-co' }] });
  await fx.v1.conversations.close({ id: '147', admin_id: '394051' });
  await fx.v1.conversations.assign({ id: '149', admin_id: '394051', assignee_id: '814865' });
  await assertCountsAsIn1x();
});

test('the 2.x requests of each count (wire)', async () => {
  await fx.v1.tags.tag({ name: 'Counted', users: [{ email: 'bob@example.com' }] });
  fx.sent();
  await fx.v2.counts.forApp();
  const sorted = (requests: ReturnType<BridgeFixture['sent']>) =>
    requests.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.body) ?? ''}`).sort();
  assert.deepEqual(sorted(fx.sent()), [
    'GET /companies?per_page=1 ',
    'GET /segments ',
    'GET /tags ',
    'POST /contacts/search {"query":{"field":"role","operator":"=","value":"lead"},"pagination":{"per_page":1}}',
    'POST /contacts/search {"query":{"field":"role","operator":"=","value":"user"},"pagination":{"per_page":1}}',
  ]);

  await fx.v2.counts.forType({ type: 'user', count: 'segment' });
  assert.deepEqual(sorted(fx.sent()), ['GET /segments?include_count=true ']);

  await fx.v2.counts.forType({ type: 'user', count: 'tag' });
  const byTag = fx.sent();
  assert.equal(byTag[0]?.path, '/tags');
  assert.equal(byTag.length, 1 + fx.sandbox.store.tags.size, 'one search per tag');
  const firstTag = [...fx.sandbox.store.tags.values()][0];
  assert.deepEqual(byTag[1]?.body, {
    query: {
      operator: 'AND',
      value: [
        { field: 'role', operator: '=', value: 'user' },
        { field: 'tag_id', operator: '=', value: firstTag?.id },
      ],
    },
    pagination: { per_page: 1 },
  });

  await fx.v2.counts.forType({ type: 'company', count: 'tag' });
  const companyTags = fx.sent();
  assert.equal(companyTags.length, 1 + fx.sandbox.store.tags.size);
  assert.equal(companyTags[1]?.path, `/companies?tag_id=${firstTag?.id}&per_page=1`);

  await fx.v2.counts.forType({ type: 'company', count: 'user', page: 2, per_page: 1 });
  assert.deepEqual(sorted(fx.sent()), ['GET /companies?page=2&per_page=1 ']);

  await fx.v2.counts.forType({ type: 'conversation' });
  assert.deepEqual(sorted(fx.sent()), [
    'POST /conversations/search {"query":{"field":"state","operator":"=","value":"closed"},"pagination":{"per_page":1}}',
    'POST /conversations/search {"query":{"field":"state","operator":"=","value":"open"},"pagination":{"per_page":1}}',
    'POST /conversations/search {"query":{"operator":"AND","value":[{"field":"state","operator":"=","value":"open"},{"operator":"OR","value":[{"field":"admin_assignee_id","operator":">","value":0},{"field":"team_assignee_id","operator":">","value":0}]}]},"pagination":{"per_page":1}}',
  ]);

  await fx.v2.counts.forType({ type: 'conversation', count: 'admin' });
  const perAdmin = fx.sent();
  assert.equal(perAdmin[0]?.path, '/admins');
  assert.equal(perAdmin.length, 1 + 2 * fx.sandbox.store.admins.size, 'two searches per admin');
  assert.deepEqual(perAdmin[1]?.body, {
    query: {
      operator: 'AND',
      value: [
        { field: 'admin_assignee_id', operator: '=', value: [...fx.sandbox.store.admins.keys()][0] },
        { field: 'state', operator: '=', value: 'open' },
      ],
    },
    pagination: { per_page: 1 },
  });
});

test('companies per segment: UnavailableOnApi2Error naming the missing capability, nothing sent', async () => {
  fx.sent();
  await assert.rejects(fx.v2.counts.forType({ type: 'company', count: 'segment' }), (error: unknown) => {
    assert.ok(error instanceof UnavailableOnApi2Error);
    assert.equal(error.capability, 'count of companies per segment');
    return true;
  });
  assert.deepEqual(fx.sent(), []);
});

test('per-call options reach every 2.x request a count or a conversation call sends', async () => {
  fx.sent();
  const options = { headers: { 'x-trace': 'bridge-rest' } };
  await fx.v2.counts.forApp(options);
  await fx.v2.counts.forType({ type: 'conversation', count: 'admin' }, options);
  await fx.v2.conversations.findAll({ type: 'user', email: 'bob@example.com' }, options).toArray();
  await fx.v2.conversations.find({ id: '147' }, options);
  const traced = fx.sandbox.requests.filter((r) => r.headers['intercom-version'] === '2.16');
  assert.ok(traced.length > 10);
  for (const request of traced) assert.equal(request.headers['x-trace'], 'bridge-rest', `${request.method} ${request.path}`);
});
