/** The sandbox's `GET /counts`: every count computed from the state. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { rejectsWithApiError } from '../helpers/api-errors.js';
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

const counts = (query = ''): Promise<unknown> => intercom.get(`/counts${query}`);
const user = (email: string) => {
  const record = sandbox.store.usersByEmail(email, 'user')[0];
  assert.ok(record, email);
  return record;
};

/** Tags and segments as other route families would create them. */
function tagAndSegment(): void {
  const { store } = sandbox;
  store.tags.set('t1', { id: 't1', name: 'VIP' });
  store.tags.set('t2', { id: 't2', name: 'Independent' });
  store.segments.set('s1', { id: 's1', name: 'Active', person_type: 'user', created_at: 1, updated_at: 1 });
  store.segments.set('s2', { id: 's2', name: 'Big spenders', person_type: 'company', created_at: 1, updated_at: 1 });
  user('bob@example.com').tag_ids.push('t1');
  user('alice@example.com').tag_ids.push('t1');
  user('bob@example.com').segment_ids.push('s1');
  const blueSun = store.companyByCompanyId('44');
  assert.ok(blueSun);
  blueSun.tag_ids.push('t2');
  blueSun.segment_ids.push('s2');
}

test('GET /counts: app totals from the state, and they follow it', async () => {
  assert.deepEqual(await counts(), {
    type: 'count.hash',
    company: { count: 2 },
    user: { count: 3 },
    lead: { count: 0 },
    tag: { count: sandbox.store.tags.size },
    segment: { count: sandbox.store.segments.size },
  });
  await intercom.post('/users', { email: 'dave@example.com' });
  sandbox.store.newUser('contact', { email: 'lead@example.com' });
  tagAndSegment();
  assert.deepEqual(await counts(), {
    type: 'count.hash',
    company: { count: 2 },
    user: { count: 4 },
    lead: { count: 1 },
    tag: { count: 2 },
    segment: { count: 2 },
  });
});

test('users per segment and per tag', async () => {
  tagAndSegment();
  assert.deepEqual(await counts('?type=user&count=segment'), { type: 'count', user: { segment: [{ Active: 1 }] } });
  assert.deepEqual(await counts('?type=user&count=tag'), { type: 'count', user: { tag: [{ VIP: 2 }, { Independent: 0 }] } });
});

test('companies per segment, per tag, and users per company; pages.pages when there is more than one page', async () => {
  tagAndSegment();
  assert.deepEqual(await counts('?type=company&count=segment'), {
    type: 'count',
    company: { segment: [{ 'Big spenders': 1 }] },
    pages: {},
  });
  assert.deepEqual(await counts('?type=company&count=tag'), {
    type: 'count',
    company: { tag: [{ VIP: 0 }, { Independent: 1 }] },
    pages: {},
  });
  assert.deepEqual(await counts('?type=company&count=user'), {
    type: 'count',
    company: {
      user: [
        { Intercom: 2, remote_company_id: '6' },
        { 'Blue Sun': 1, remote_company_id: '44' },
      ],
    },
    pages: {},
  });
  assert.deepEqual(await counts('?type=company&count=user&per_page=1'), {
    type: 'count',
    company: { user: [{ Intercom: 2, remote_company_id: '6' }] },
    pages: {
      pages: {
        type: 'pages',
        next: `${sandbox.url}/counts?type=company&count=user&per_page=1&page=2`,
        page: 1,
        per_page: 1,
        total_pages: 2,
      },
    },
  });
});

test('conversation counts follow the conversations’ state', async () => {
  // Seed: 147 open and assigned, 149 open and unassigned, 148 closed, 150 snoozed.
  assert.deepEqual(await counts('?type=conversation'), {
    type: 'count',
    conversation: { assigned: 1, closed: 1, open: 2, unassigned: 1 },
  });
  await intercom.post('/conversations/147/reply', { type: 'admin', admin_id: '394051', message_type: 'close' });
  await intercom.post('/conversations/149/reply', {
    type: 'admin',
    admin_id: '394051',
    message_type: 'assignment',
    assignee_id: '493881',
  });
  assert.deepEqual(await counts('?type=conversation'), {
    type: 'count',
    conversation: { assigned: 1, closed: 2, open: 1, unassigned: 0 },
  });
  assert.deepEqual(await counts('?type=conversation&count=admin'), {
    type: 'count',
    conversation: {
      admin: [
        { id: '394051', name: 'Wash', open: 0, closed: 1 },
        { id: '814860', name: 'Jayne Cobb', open: 0, closed: 0 },
        { id: '493881', name: 'Kaylee Frye', open: 1, closed: 1 },
      ],
    },
  });
});

test('bad type or count: 400 naming the parameter', async () => {
  const cases: Array<[string, string, string]> = [
    ['?type=lead', 'parameter_invalid', 'type'],
    ['?type=user', 'parameter_not_found', 'count'],
    ['?type=user&count=admin', 'parameter_invalid', 'count'],
    ['?type=company&count=admin', 'parameter_invalid', 'count'],
    ['?type=conversation&count=tag', 'parameter_invalid', 'count'],
    ['?type=company&count=user&per_page=0', 'parameter_invalid', 'per_page'],
  ];
  for (const [query, code, field] of cases) await rejectsWithApiError(counts(query), { status: 400, code, field });
});
