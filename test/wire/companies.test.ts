import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire, SEED_WIRE } from '../helpers/wire.js';

/** The company the recording server returns: the gem's fixture with the README's ids (plan a string, as in 1.x). */
const COMPANY = {
  type: 'company',
  id: '41e66f0313708347cb0000d0',
  company_id: '44',
  name: 'Blue Sun',
  plan: 'Paid',
  remote_created_at: 1394531169,
  created_at: 1394533506,
  updated_at: 1396874658,
  last_request_at: 1396874658,
  monthly_spend: 49,
  session_count: 26,
  user_count: 10,
  custom_attributes: { referral_source: 'Google' },
  tags: { type: 'tag.list', tags: [] },
  segments: { type: 'segment.list', segments: [] },
};
const USER = { type: 'user', id: '5d4c3b2a1', user_id: '1', email: 'bob@example.com', custom_attributes: {} };
const PAGES = { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 };

function respond(req: Received): Scripted {
  const [path, query = ''] = req.path.split('?') as [string, string?];
  if (path === '/companies/scroll') {
    return { body: { type: 'company.list', companies: query.includes('scroll_param') ? [] : [COMPANY], scroll_param: 'sp-5' } };
  }
  if (path.endsWith('/users') || query.includes('type=user')) {
    return { body: { type: 'user.list', pages: PAGES, total_count: 1, users: [USER] } };
  }
  if (req.method === 'POST') return { body: { ...COMPANY, ...(req.body as object) } };
  if (path === '/companies' && query === '') {
    return { body: { type: 'company.list', pages: PAGES, total_count: 1, companies: [COMPANY] } };
  }
  return { body: COMPANY };
}

const cases: Array<[string, (intercom: Client) => Promise<unknown>]> = [
  ['companies.find company_id', (i) => i.companies.find({ company_id: '44' })],
  ['companies.find name', (i) => i.companies.find({ name: 'Some company' })],
  ['companies.find id', (i) => i.companies.find({ id: '41e66f0313708347cb0000d0' })],
  [
    'companies.save',
    async (i) => {
      const company = await i.companies.find({ id: '41e66f0313708347cb0000d0' });
      company.name = 'Updated company name';
      const saved = await i.companies.save(company);
      assert.equal(saved, company, 'save refreshes and returns the same object');
      assert.equal(company.name, 'Updated company name');
    },
  ],
  [
    'companies.all',
    async (i) => {
      const names = (await i.companies.all().toArray()).map((c) => `${c.name} - ${c.custom_attributes.referral_source}`);
      assert.deepEqual(names, ['Blue Sun - Google']);
    },
  ],
  [
    'companies.users_by_intercom_company_id',
    async (i) => {
      const users = await i.companies.usersByIntercomCompanyId('41e66f0313708347cb0000d0').toArray();
      assert.equal(users[0]?.email, 'bob@example.com');
    },
  ],
  ['companies.users_by_company_id', (i) => i.companies.usersByCompanyId('44').toArray()],
  [
    'companies.scroll.each',
    async (i) => {
      const names = (await i.companies.scroll().toArray()).map((c) => c.name);
      assert.deepEqual(names, ['Blue Sun']);
    },
  ],
];

for (const [name, action] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond, action);
  });
}

test('wire: every companies.* step of seed-wire.json has a case', () => {
  const steps = SEED_WIRE.filter((s) => s.step.startsWith('companies.')).map((s) => s.step);
  assert.deepEqual(steps.sort(), cases.map(([name]) => name).sort());
});
