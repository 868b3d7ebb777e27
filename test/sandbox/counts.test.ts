/**
 * The sandbox's `GET /counts`: every count computed from the state. Assertions are about the tags,
 * segments and records each test adds, and about totals as differences, so that they hold on any demo seed.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Sandbox } from 'intercom-ts/sandbox';
import { rejectsWithApiError } from '../helpers/api-errors.js';
import { type SandboxFixture, withSandbox } from '../helpers/sandbox.js';

interface CountHash {
  type: string;
  company: { count: number };
  user: { count: number };
  lead: { count: number };
  tag: { count: number };
  segment: { count: number };
}
type Grouped = Array<Record<string, number | string>>;
interface GroupedCounts {
  type: string;
  user?: Record<string, Grouped>;
  company?: Record<string, Grouped>;
  pages?: { pages?: { type: string; next: string | null; page: number; per_page: number; total_pages: number } };
}

let fixture: SandboxFixture;
let sandbox: Sandbox;
let intercom: Client;

before(async () => {
  fixture = await withSandbox();
  ({ sandbox, intercom } = fixture);
});
after(() => fixture.done());
beforeEach(() => sandbox.reset());

const hash = async (): Promise<CountHash> => (await intercom.get('/counts')) as CountHash;
const grouped = async (query: string): Promise<GroupedCounts> => (await intercom.get(`/counts${query}`)) as GroupedCounts;
const user = (email: string) => {
  const record = sandbox.store.usersByEmail(email, 'user')[0];
  assert.ok(record, email);
  return record;
};
const company = (companyId: string) => {
  const record = sandbox.store.companyByCompanyId(companyId);
  assert.ok(record, companyId);
  return record;
};
/** The entry of a grouped count named `name`. */
const entry = (items: Grouped | undefined, name: string) => items?.find((item) => name in item);

/** Tags and segments as the tags and segments route families keep them, with names no seed uses. */
function tagAndSegment(): void {
  const { store } = sandbox;
  store.tags.set('ct1', { id: 'ct1', name: 'Counted VIP' });
  store.tags.set('ct2', { id: 'ct2', name: 'Counted Independent' });
  store.segments.set('cs1', { id: 'cs1', name: 'Counted users', person_type: 'user', created_at: 1, updated_at: 1 });
  store.segments.set('cs2', { id: 'cs2', name: 'Counted companies', person_type: 'company', created_at: 1, updated_at: 1 });
  user('bob@example.com').tag_ids.push('ct1');
  user('alice@example.com').tag_ids.push('ct1');
  user('bob@example.com').segment_ids.push('cs1');
  company('44').tag_ids.push('ct2');
  company('44').segment_ids.push('cs2');
}

test('GET /counts: app totals from the state, and they follow it', async () => {
  const { store } = sandbox;
  const roles = [...store.users.values()].map((r) => r.role);
  const before = await hash();
  assert.deepEqual(before, {
    type: 'count.hash',
    company: { count: store.companies.size },
    user: { count: roles.filter((r) => r === 'user').length },
    lead: { count: roles.filter((r) => r === 'contact').length },
    tag: { count: store.tags.size },
    segment: { count: store.segments.size },
  });
  await intercom.post('/users', { email: 'dave@example.com', companies: [{ company_id: 'counted-co' }] });
  store.newUser('contact', { email: 'counted-lead@example.com' });
  store.newUser('visitor');
  tagAndSegment();
  const after = await hash();
  assert.deepEqual(
    [after.user.count, after.lead.count, after.company.count, after.tag.count, after.segment.count],
    [before.user.count + 1, before.lead.count + 1, before.company.count + 1, before.tag.count + 2, before.segment.count + 2],
  );
});

test('users per segment (user segments only) and per tag', async () => {
  tagAndSegment();
  const bySegment = (await grouped('?type=user&count=segment')).user?.segment;
  assert.deepEqual(entry(bySegment, 'Counted users'), { 'Counted users': 1 });
  assert.equal(entry(bySegment, 'Counted companies'), undefined);
  const userSegments = [...sandbox.store.segments.values()].filter((s) => s.person_type !== 'company');
  assert.deepEqual(
    bySegment?.map((item) => Object.keys(item)[0]),
    userSegments.map((s) => s.name),
  );
  const byTag = (await grouped('?type=user&count=tag')).user?.tag;
  assert.deepEqual(entry(byTag, 'Counted VIP'), { 'Counted VIP': 2 });
  assert.deepEqual(entry(byTag, 'Counted Independent'), { 'Counted Independent': 0 });
  assert.equal(byTag?.length, sandbox.store.tags.size);
});

test('companies per segment and per tag, users per company; pages.pages when there is more than one page', async () => {
  tagAndSegment();
  const bySegment = await grouped('?type=company&count=segment');
  assert.deepEqual(entry(bySegment.company?.segment, 'Counted companies'), { 'Counted companies': 1 });
  assert.equal(entry(bySegment.company?.segment, 'Counted users'), undefined);
  assert.deepEqual(bySegment.pages, {});
  const byTag = await grouped('?type=company&count=tag');
  assert.deepEqual(entry(byTag.company?.tag, 'Counted VIP'), { 'Counted VIP': 0 });
  assert.deepEqual(entry(byTag.company?.tag, 'Counted Independent'), { 'Counted Independent': 1 });

  await intercom.post('/users', { email: 'erin@example.com', companies: [{ company_id: '44' }] });
  const perCompany = (await grouped('?type=company&count=user')).company?.user;
  const blueSun = sandbox.store.usersOfCompany(company('44').id).length;
  assert.deepEqual(entry(perCompany, 'Blue Sun'), { 'Blue Sun': blueSun, remote_company_id: '44' });
  assert.ok(blueSun >= 2, 'Erin joined Blue Sun');
  assert.equal(perCompany?.length, sandbox.store.companies.size);

  const firstPage = await grouped('?type=company&count=user&per_page=1');
  assert.equal(firstPage.company?.user?.length, 1);
  assert.deepEqual(firstPage.pages, {
    pages: {
      type: 'pages',
      next: `${sandbox.url}/counts?type=company&count=user&per_page=1&page=2`,
      page: 1,
      per_page: 1,
      total_pages: sandbox.store.companies.size,
    },
  });
});

test('conversation counts follow the conversations’ state', async () => {
  // Seed: 147 open and assigned, 149 open and unassigned, 148 closed, 150 snoozed.
  assert.deepEqual(await intercom.get('/counts?type=conversation'), {
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
  assert.deepEqual(await intercom.get('/counts?type=conversation'), {
    type: 'count',
    conversation: { assigned: 1, closed: 2, open: 1, unassigned: 0 },
  });
  assert.deepEqual(await intercom.get('/counts?type=conversation&count=admin'), {
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
  for (const [query, code, field] of cases)
    await rejectsWithApiError(intercom.get(`/counts${query}`), { status: 400, code, field });
});
