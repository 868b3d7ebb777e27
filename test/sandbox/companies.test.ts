import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { type Sandbox, startSandbox } from 'intercom-ts/sandbox';
import { firstError, itemsOf, type Json, pick, raw } from '../helpers/raw-http.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await startSandbox({ port: 0 });
});
beforeEach(() => sandbox.reset());
after(() => sandbox.close());

const companyId = async (cid: string): Promise<string> => {
  const found = await raw(sandbox, 'GET', `/companies?company_id=${cid}`);
  assert.equal(found.status, 200);
  return found.body?.id as string;
};

test('POST /companies without company_id answers 400 in the error.list shape and creates nothing', async () => {
  const before = sandbox.store.companies.size;
  const answer = await raw(sandbox, 'POST', '/companies', { name: 'Nameless' });
  assert.equal(answer.status, 400);
  assert.equal(typeof answer.body?.request_id, 'string');
  assert.deepEqual(firstError(answer), {
    code: 'parameter_not_found',
    message: 'company_id is a required parameter',
    field: 'company_id',
  });
  assert.equal(sandbox.store.companies.size, before);
});

test('POST /companies creates, then upserts the same company by company_id', async () => {
  const created = await raw(sandbox, 'POST', '/companies', {
    company_id: 'acme-1',
    name: 'Acme',
    plan: 'Gold',
    monthly_spend: 99.99,
    size: 85,
    website: 'https://acme.example',
    industry: 'Anvils',
    remote_created_at: 1394531169,
    custom_attributes: { referral_source: 'Google', seats: 3 },
  });
  assert.equal(created.status, 200);
  assert.equal(created.body?.type, 'company');
  assert.match(created.body?.id as string, /^[0-9a-f]{24}$/);
  assert.equal(created.body?.plan, 'Gold', 'plan is a plain string in 1.x');
  assert.equal(created.body?.monthly_spend, 99, 'monthly_spend is stored as an integer');
  assert.equal(created.body?.remote_created_at, 1394531169);
  assert.equal(created.body?.user_count, 0);

  const updated = await raw(sandbox, 'POST', '/companies', {
    company_id: 'acme-1',
    name: 'Acme Corp',
    custom_attributes: { seats: 4, referral_source: null, tier: 'b' },
  });
  assert.equal(updated.body?.id, created.body?.id, 'same company');
  assert.equal(updated.body?.name, 'Acme Corp');
  assert.equal(updated.body?.website, 'https://acme.example', 'fields not sent are kept');
  assert.deepEqual(updated.body?.custom_attributes, { seats: 4, tier: 'b' }, 'custom attributes merge; null clears one');
  assert.equal([...sandbox.store.companies.values()].filter((c) => c.company_id === 'acme-1').length, 1);
});

test('POST /companies rejects bad payloads with 400 naming the field, before anything changes', async () => {
  const id = await companyId('44');
  const bad: Array<[Json, string]> = [
    [{ company_id: '44', plan: { name: 'Paid' } }, 'plan'],
    [{ company_id: '44', monthly_spend: 'lots' }, 'monthly_spend'],
    [{ company_id: '44', monthly_spend: 2 ** 31 }, 'monthly_spend'],
    [{ company_id: '44', name: 'X', custom_attributes: { nested: { a: 1 } } }, 'custom_attributes.nested'],
    [{ company_id: '44', name: 'X', custom_attributes: { 'a.b': 1 } }, 'custom_attributes.a.b'],
    [{ company_id: { x: 1 } }, 'company_id'],
  ];
  for (const [body, field] of bad) {
    const answer = await raw(sandbox, 'POST', '/companies', body);
    assert.equal(answer.status, 400, JSON.stringify(body));
    assert.equal(firstError(answer).field, field);
  }
  const company = sandbox.store.companies.get(id);
  assert.equal(company?.name, 'Blue Sun');
  assert.equal(company?.plan, 'Paid');
  const notJson = await raw(sandbox, 'POST', '/companies', '{"company_id": ');
  assert.equal(notJson.status, 400);
});

test('company_id cannot change: an id naming another company_id answers 400; an unknown id 404', async () => {
  const id = await companyId('44');
  const changed = await raw(sandbox, 'POST', '/companies', { id, company_id: '45', name: 'Moved' });
  assert.equal(changed.status, 400);
  assert.equal(firstError(changed).field, 'company_id');
  assert.equal(sandbox.store.companies.get(id)?.company_id, '44');
  assert.equal(sandbox.store.companies.get(id)?.name, 'Blue Sun');

  const same = await raw(sandbox, 'POST', '/companies', { id, company_id: '44', name: 'Blue Sun Corp' });
  assert.equal(same.status, 200);
  assert.equal(same.body?.name, 'Blue Sun Corp');

  const unknown = await raw(sandbox, 'POST', '/companies', { id: 'ffffffffffffffffffffffff', company_id: '44' });
  assert.equal(unknown.status, 404);
  assert.equal(firstError(unknown).code, 'not_found');
});

test('GET /companies/{id}, ?company_id= and ?name= find the company; misses answer 404 not_found', async () => {
  const id = await companyId('44');
  const byId = await raw(sandbox, 'GET', `/companies/${id}`);
  assert.equal(byId.body?.company_id, '44');
  const byName = await raw(sandbox, 'GET', '/companies?name=Blue+Sun');
  assert.equal(byName.body?.id, id);
  for (const path of ['/companies/ffffffffffffffffffffffff', '/companies?company_id=nope', '/companies?name=Nobody+Inc']) {
    const miss = await raw(sandbox, 'GET', path);
    assert.equal(miss.status, 404, path);
    assert.equal(firstError(miss).code, 'not_found');
  }
});

test('user_count and session_count come from the users, also those attached by user writes', async () => {
  const id = await companyId('6');
  const before = await raw(sandbox, 'GET', `/companies/${id}`);
  assert.equal(before.body?.user_count, 2, 'bob and carol');
  assert.equal(before.body?.session_count, 3, 'their sessions: 3 + 0');

  const joined = await raw(sandbox, 'POST', '/users', {
    email: 'zoe@example.com',
    new_session: true,
    companies: [{ company_id: '6' }, { company_id: 'new-co', name: 'New Co', plan: 'Free', monthly_spend: 10.7 }],
  });
  assert.equal(joined.status, 200);
  const after = await raw(sandbox, 'GET', `/companies/${id}`);
  assert.equal(after.body?.user_count, 3);
  assert.equal(after.body?.session_count, 4);
  const created = await raw(sandbox, 'GET', '/companies?company_id=new-co');
  assert.equal(created.body?.name, 'New Co');
  assert.equal(created.body?.plan, 'Free');
  assert.equal(created.body?.monthly_spend, 10, 'a user write stores company fields as POST /companies does');
  assert.equal(created.body?.user_count, 1);

  await raw(sandbox, 'POST', '/users', { email: 'zoe@example.com', companies: [{ company_id: 'new-co', remove: true }] });
  const left = await raw(sandbox, 'GET', '/companies?company_id=new-co');
  assert.equal(left.body?.user_count, 0);
});

test('GET /companies lists company.list pages with total_count and an absolute next URL', async () => {
  for (let i = 0; i < 3; i++) await raw(sandbox, 'POST', '/companies', { company_id: `p${i}`, name: `P${i}` });
  const first = await raw(sandbox, 'GET', '/companies?per_page=2');
  assert.equal(first.body?.type, 'company.list');
  assert.equal(first.body?.total_count, 5);
  assert.equal(itemsOf(first, 'companies').length, 2);
  assert.equal(pick(first.body, 'pages', 'total_pages'), 3);
  assert.equal(pick(first.body, 'pages', 'next'), `${sandbox.url}/companies?per_page=2&page=2`);
  const seen = new Set<unknown>();
  let next: unknown = `${sandbox.url}/companies?per_page=2`;
  while (typeof next === 'string') {
    const page = await raw(sandbox, 'GET', next.slice(sandbox.url.length));
    for (const company of itemsOf(page, 'companies')) seen.add(company.company_id);
    next = pick(page.body, 'pages', 'next');
  }
  assert.equal(seen.size, 5, 'following next visits every company once');

  const asc = itemsOf(await raw(sandbox, 'GET', '/companies?order=asc&per_page=60'), 'companies').map((c) => c.company_id);
  const desc = itemsOf(await raw(sandbox, 'GET', '/companies?order=desc&per_page=60'), 'companies').map((c) => c.company_id);
  assert.deepEqual(asc, [...desc].reverse());
  const bad = await raw(sandbox, 'GET', '/companies?order=sideways');
  assert.equal(bad.status, 400);
});

test('GET /companies filters by tag_id and segment_id', async () => {
  const tag = await raw(sandbox, 'POST', '/tags', { name: 'Partner', companies: [{ company_id: '6' }] });
  const tagged = itemsOf(await raw(sandbox, 'GET', `/companies?tag_id=${tag.body?.id}`), 'companies');
  assert.deepEqual(
    tagged.map((c) => c.name),
    ['Intercom'],
  );
  const segment = [...sandbox.store.segments.values()].find((s) => s.person_type === 'company');
  const inSegment = itemsOf(await raw(sandbox, 'GET', `/companies?segment_id=${segment?.id}`), 'companies');
  assert.deepEqual(
    inSegment.map((c) => c.name),
    ['Blue Sun'],
  );
});

test('GET /companies/{id}/users and ?company_id=&type=user list the company users as a paged user.list', async () => {
  const id = await companyId('6');
  const byId = await raw(sandbox, 'GET', `/companies/${id}/users`);
  assert.equal(byId.body?.type, 'user.list');
  assert.equal(byId.body?.total_count, 2);
  assert.deepEqual(
    itemsOf(byId, 'users')
      .map((u) => u.email)
      .sort(),
    ['bob@example.com', 'carol@example.com'],
  );
  assert.equal(pick(itemsOf(byId, 'users')[0], 'companies', 'type'), 'company.list', 'users are rendered as everywhere else');

  const paged = await raw(sandbox, 'GET', '/companies?company_id=6&type=user&per_page=1');
  assert.equal(itemsOf(paged, 'users').length, 1);
  const next = pick(paged.body, 'pages', 'next') as string;
  assert.equal(next, `${sandbox.url}/companies?company_id=6&type=user&per_page=1&page=2`);
  const second = await raw(sandbox, 'GET', next.slice(sandbox.url.length));
  assert.equal(itemsOf(second, 'users').length, 1);

  const pagedById = await raw(sandbox, 'GET', `/companies/${id}/users?per_page=1`);
  assert.equal(pick(pagedById.body, 'pages', 'next'), `${sandbox.url}/companies/${id}/users?per_page=1&page=2`);

  assert.equal((await raw(sandbox, 'GET', '/companies/ffffffffffffffffffffffff/users')).status, 404);
  assert.equal((await raw(sandbox, 'GET', '/companies?company_id=nope&type=user')).status, 404);
});

test('GET /companies/scroll: 100 a page, then an empty page; one scroll per app across resources', async () => {
  for (let i = 0; i < 148; i++) sandbox.store.newCompany(`bulk-${i}`, { name: `Bulk ${i}` });
  const first = await raw(sandbox, 'GET', '/companies/scroll');
  assert.equal(first.body?.type, 'company.list');
  assert.equal(itemsOf(first, 'companies').length, 100);
  const param = first.body?.scroll_param as string;

  const users = await raw(sandbox, 'GET', '/users/scroll');
  assert.equal(users.status, 400);
  assert.equal(firstError(users).code, 'scroll_exists', 'the users scroll shares the one open scroll');

  const second = await raw(sandbox, 'GET', `/companies/scroll?scroll_param=${param}`);
  assert.equal(itemsOf(second, 'companies').length, 50);
  const end = await raw(sandbox, 'GET', `/companies/scroll?scroll_param=${param}`);
  assert.deepEqual(itemsOf(end, 'companies'), []);
  const ids = [...itemsOf(first, 'companies'), ...itemsOf(second, 'companies')].map((c) => c.id);
  assert.equal(new Set(ids).size, 150, 'every company exactly once');

  const expired = await raw(sandbox, 'GET', `/companies/scroll?scroll_param=${param}`);
  assert.equal(expired.status, 400, 'the param ends with the scroll');
  assert.equal((await raw(sandbox, 'GET', '/users/scroll')).status, 200, 'a new scroll may open');
});
