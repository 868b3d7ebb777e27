import { test } from 'node:test';
import type { Received, Scripted } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

/** The user the recording server returns: the one the gem's recording saw. */
const BOB = {
  type: 'user',
  id: '5d4c3b2a1',
  user_id: '1',
  email: 'bob@example.com',
  name: 'Bob Smith',
  created_at: 1400000000,
  updated_at: 1400000000,
  custom_attributes: { average_monthly_spend: 1.5, karma: 3 },
  companies: { type: 'company.list', companies: [{ type: 'company', company_id: '6', id: 'c1', name: 'Intercom' }] },
  tags: { type: 'tag.list', tags: [] },
  segments: { type: 'segment.list', segments: [] },
  social_profiles: { type: 'social_profile.list', social_profiles: [] },
};
const ADMIN = { type: 'admin', id: '7', name: 'Wash', email: 'wash@serenity.io' };

/** Realistic answers for every users/admins request, by path. */
function respond(scrollParam: string) {
  return (req: Received): Scripted => {
    const path = req.path.split('?')[0] as string;
    if (path === '/users/scroll') {
      return req.path.includes('scroll_param')
        ? { body: { type: 'user.list', users: [], scroll_param: scrollParam } }
        : { body: { type: 'user.list', users: [BOB], scroll_param: scrollParam } };
    }
    if (path === '/users' && req.method === 'GET' && !req.path.includes('email=bob%40example.com&')) {
      if (req.path.startsWith('/users?email=') || req.path.startsWith('/users?user_id=')) return { body: BOB };
      return {
        body: { type: 'user.list', pages: { type: 'pages', next: null, page: 1, per_page: 50, total_pages: 1 }, users: [BOB] },
      };
    }
    if (path.startsWith('/users')) {
      if (req.method === 'GET' && path === '/users') {
        return { body: { type: 'user.list', pages: { type: 'pages', next: null, page: 1 }, users: [BOB] } };
      }
      return { body: BOB };
    }
    if (path === '/user_delete_requests') return { body: { id: 1 } };
    if (path === '/me' || path.startsWith('/admins/')) return { body: ADMIN };
    if (path === '/admins') return { body: { type: 'admin.list', admins: [ADMIN] } };
    return { status: 404, body: { type: 'error.list', errors: [{ code: 'not_found', message: 'no such fixture' }] } };
  };
}

const cases: Array<[string, Parameters<typeof assertWire>[2], (string | undefined)?, Parameters<typeof assertWire>[3]?]> = [
  ['versioned client: admins.me', (i) => i.admins.me(), undefined, { apiVersion: '1.0' }],
  ['users.find email', (i) => i.users.find({ email: 'bob@example.com' })],
  ['users.find user_id', (i) => i.users.find({ user_id: '1' })],
  ['users.find id', (i) => i.users.find({ id: '1' })],
  [
    'users.create',
    (i) => i.users.create({ email: 'bob@example.com', name: 'Bob Smith', signed_up_at: new Date(1400000000 * 1000) }),
  ],
  ['users.archive', async (i) => i.users.archive(await i.users.find({ id: '1' }))],
  ['users.request_hard_delete', async (i) => i.users.requestHardDelete(await i.users.find({ id: '1' }))],
  [
    'users.save custom_attributes',
    async (i) => {
      const user = await i.users.find({ id: '1' });
      user.custom_attributes.average_monthly_spend = 1234.56;
      return i.users.save(user);
    },
  ],
  [
    'users.save increment',
    async (i) => {
      const user = await i.users.find({ id: '1' });
      user.increment('karma');
      return i.users.save(user);
    },
  ],
  [
    'users.save decrement',
    async (i) => {
      const user = await i.users.find({ id: '1' });
      user.decrement('karma', 5);
      return i.users.save(user);
    },
  ],
  ['users.all', (i) => i.users.all().toArray()],
  [
    'users.find_all created_since',
    (i) => i.users.findAll({ type: 'users', page: 1, per_page: 10, created_since: 2, order: 'asc' }).toArray(),
  ],
  ['users.find_all paging', (i) => i.users.findAll({ type: 'users', page: 1, per_page: 10, order: 'asc' }).toArray()],
  [
    'users.find_all email',
    (i) => i.users.findAll({ type: 'users', email: 'bob@example.com', page: 1, per_page: 10, order: 'asc' }).toArray(),
  ],
  ['users.scroll.each', (i) => i.users.scroll().toArray(), 'sp-1'],
  [
    'users.scroll.next',
    async (i) => {
      const first = await i.users.scroll().next();
      return i.users.scroll().next(first.scrollParam ?? undefined);
    },
    'sp-3',
  ],
  ['admins.me', (i) => i.admins.me()],
  ['admins.find', (i) => i.admins.find({ id: '7' })],
  ['admins.all', (i) => i.admins.all().toArray()],
  [
    'users.save companies',
    async (i) => {
      const user = await i.users.find({ email: 'bob@example.com' });
      user.companies = [
        { company_id: 6, name: 'Intercom' },
        { company_id: 9, name: 'Test Company' },
      ];
      return i.users.save(user);
    },
  ],
  [
    'users.save companies with custom_attributes',
    async (i) => {
      const user = await i.users.find({ email: 'bob@example.com' });
      user.companies = [{ id: 6, name: 'Intercom', custom_attributes: { referral_source: 'Google' } }];
      return i.users.save(user);
    },
  ],
];

for (const [name, action, scrollParam, clientOptions] of cases) {
  test(`wire: ${name}`, async () => {
    await assertWire(name, respond(scrollParam ?? 'sp-0'), action, clientOptions);
  });
}
