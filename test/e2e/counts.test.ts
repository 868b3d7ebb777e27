/** `intercom.counts` end to end: typed results that follow the sandbox's state. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Client, type CountParams, InvalidParameterError } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;

before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

test('forApp(): totals that follow the state', async () => {
  const before = await intercom.counts.forApp();
  assert.equal(before.type, 'count.hash');
  await intercom.users.create({ email: 'dave@example.com', companies: [{ company_id: 'new-co', name: 'New Co' }] });
  const after = await intercom.counts.forApp();
  assert.deepEqual([after.user.count, after.company.count], [before.user.count + 1, before.company.count + 1]);
});

test('forType(): users per segment and tag, companies per user', async () => {
  sandbox.store.segments.set('cs1', { id: 'cs1', name: 'Counted users', person_type: 'user', created_at: 1, updated_at: 1 });
  sandbox.store.usersByEmail('bob@example.com', 'user')[0]?.segment_ids.push('cs1');
  const bySegment = await intercom.counts.forType({ type: 'user', count: 'segment' });
  assert.deepEqual(
    bySegment.user.segment.find((s) => 'Counted users' in s),
    { 'Counted users': 1 },
  );
  const byTag = await intercom.counts.forType({ type: 'user', count: 'tag' });
  assert.equal(byTag.user.tag.length, sandbox.store.tags.size);
  const perCompany = await intercom.counts.forType({ type: 'company', count: 'user', per_page: 1 });
  assert.equal(perCompany.company.user.length, 1);
  assert.equal(typeof perCompany.company.user[0]?.remote_company_id, 'string');
  assert.equal(perCompany.pages?.pages?.total_pages, sandbox.store.companies.size);
});

test('forType(): conversation counts reflect a close and an assignment', async () => {
  const before = await intercom.counts.forType({ type: 'conversation' });
  assert.deepEqual(before.conversation, { assigned: 1, closed: 1, open: 2, unassigned: 1 });
  await intercom.conversations.close({ id: '147', admin_id: '394051' });
  await intercom.conversations.assign({ id: '149', admin_id: '394051', assignee_id: '394051' });
  const after = await intercom.counts.forType({ type: 'conversation' });
  assert.deepEqual(after.conversation, { assigned: 1, closed: 2, open: 1, unassigned: 0 });
  const perAdmin = await intercom.counts.forType({ type: 'conversation', count: 'admin' });
  assert.deepEqual(
    perAdmin.conversation.admin.find((a) => a.id === '394051'),
    { id: '394051', name: 'Wash', open: 1, closed: 1 },
  );
});

test('bad input: InvalidParameterError naming the parameter, and no request is sent', async () => {
  const cases: Array<[string, unknown]> = [
    ['params', null],
    ['params.type', { type: 'lead', count: 'tag' }],
    ['params.count', { type: 'user' }],
    ['params.count', { type: 'user', count: 'admin' }],
    ['params.count', { type: 'conversation', count: 'tag' }],
    ['params.per_page', { type: 'company', count: 'user', per_page: 0 }],
  ];
  for (const [parameter, params] of cases) {
    await assert.rejects(intercom.counts.forType(params as CountParams), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError, String(error));
      assert.equal(error.parameter, parameter);
      return true;
    });
  }
  assert.deepEqual(sandbox.requests, []);
});
