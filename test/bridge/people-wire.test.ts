import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Client } from 'intercom-ts';
import { withBridge } from './bridge-sandbox.js';

/** What the sandbox received for one 1.x call: `METHOD /path?query` and the JSON bodies, in order. */
interface Sent {
  requests: string[];
  bodies: unknown[];
}

/**
 * One 1.x call per case, and the exact 2.x requests it sends (method, path with query, body). The
 * fixtures: user `wire-1` (wire@example.com) in company `wire-co`, lead `wire-lead@example.com`, tag
 * `Wire`, a note on the user.
 */
const CASES: Array<{
  name: string;
  call: (c: Client, ids: Record<string, string>) => Promise<unknown>;
  expect: (ids: Record<string, string>) => Sent;
}> = [
  {
    name: 'contacts.find({ user_id }) searches leads on external_id',
    call: (c) => c.contacts.find({ user_id: 'lead-ext' }).catch(() => undefined),
    expect: () => ({
      requests: ['POST /contacts/search'],
      bodies: [
        {
          query: {
            operator: 'AND',
            value: [
              { field: 'role', operator: '=', value: 'lead' },
              { field: 'external_id', operator: '=', value: 'lead-ext' },
            ],
          },
          pagination: { per_page: 2 },
        },
      ],
    }),
  },
  {
    name: 'contacts.findAll({ email }) searches leads on email',
    call: (c) => c.contacts.findAll({ email: 'wire-lead@example.com', per_page: 10 }).toArray(),
    expect: () => ({
      requests: ['POST /contacts/search'],
      bodies: [
        {
          query: {
            operator: 'AND',
            value: [
              { field: 'role', operator: '=', value: 'lead' },
              { field: 'email', operator: '=', value: 'wire-lead@example.com' },
            ],
          },
          pagination: { per_page: 10 },
        },
      ],
    }),
  },
  {
    name: 'users.all searches users',
    call: (c) => c.users.all().toArray(),
    expect: () => ({
      requests: ['POST /contacts/search'],
      bodies: [{ query: { field: 'role', operator: '=', value: 'user' }, pagination: { per_page: 50 } }],
    }),
  },
  {
    name: 'contacts.archive archives the lead',
    call: (c, ids) => c.contacts.archive({ id: ids.lead as string }),
    expect: (ids) => ({
      requests: [`GET /contacts/${ids.lead}`, `POST /contacts/${ids.lead}/archive`],
      bodies: [undefined, undefined],
    }),
  },
  {
    name: 'companies.save upserts by company_id without the Intercom id',
    call: async (c) => {
      const company = await c.companies.find({ company_id: 'wire-co' });
      company.name = 'Wire Co 2';
      return c.companies.save(company);
    },
    expect: () => ({
      requests: ['GET /companies?company_id=wire-co', 'POST /companies'],
      bodies: [undefined, { name: 'Wire Co 2', custom_attributes: {}, company_id: 'wire-co' }],
    }),
  },
  {
    name: 'companies.findAll({ tag_id }) keeps the filter on GET /companies',
    call: (c, ids) => c.companies.byTag(ids.tag as string).toArray(),
    expect: (ids) => ({ requests: [`GET /companies?tag_id=${ids.tag}`], bodies: [undefined] }),
  },
  {
    name: 'notes.findAll({ id }) lists /contacts/{id}/notes',
    call: (c, ids) => c.notes.findAll({ id: ids.user as string }).toArray(),
    expect: (ids) => ({
      requests: [`GET /contacts/${ids.user}`, `GET /contacts/${ids.user}/notes`],
      bodies: [undefined, undefined],
    }),
  },
  {
    name: 'segments.find with include_count',
    call: (c, ids) => c.segments.find({ id: ids.segment as string, include_count: true }),
    expect: (ids) => ({ requests: [`GET /segments/${ids.segment}?include_count=true`], bodies: [undefined] }),
  },
  {
    name: 'events.findAll lists GET /events with the same query',
    call: (c) => c.events.findAll({ type: 'user', email: 'wire@example.com' }).toArray(),
    expect: () => ({ requests: ['GET /events?type=user&email=wire%40example.com'], bodies: [undefined] }),
  },
  {
    name: 'tags.delete deletes the tag',
    call: (c, ids) => c.tags.delete({ id: ids.tag as string }),
    expect: (ids) => ({ requests: [`DELETE /tags/${ids.tag}`], bodies: [undefined] }),
  },
  {
    name: 'visitors.save is PUT /visitors with the id in the body',
    call: (c) =>
      c.visitors
        .save(Object.assign(Object.create(null), { id: 'v-9', name: 'Vis', custom_attributes: {} }))
        .catch(() => undefined),
    expect: () => ({ requests: ['PUT /visitors'], bodies: [{ name: 'Vis', custom_attributes: {}, id: 'v-9' }] }),
  },
  {
    name: 'visitors.convert to a lead names the visitor as the user 2.x requires',
    call: (c) => c.visitors.convert({ user_id: 'v-8' }).catch(() => undefined),
    expect: () => ({
      requests: ['POST /visitors/convert'],
      bodies: [{ visitor: { user_id: 'v-8' }, type: 'lead', user: { user_id: 'v-8' } }],
    }),
  },
  {
    name: 'visitors.convert to a user is POST /visitors/convert',
    call: (c) => c.visitors.convert({ user_id: 'v-9' }, { email: 'wire@example.com' }).catch(() => undefined),
    expect: () => ({
      requests: ['POST /visitors/convert'],
      bodies: [{ visitor: { user_id: 'v-9' }, user: { email: 'wire@example.com' }, type: 'user' }],
    }),
  },
];

test('wire: each translated call sends exactly these 2.x requests', async () => {
  const s = await withBridge();
  try {
    const user = (await s.call('POST', '/contacts', { role: 'user', email: 'wire@example.com', external_id: 'wire-1' }))
      .id as string;
    const lead = (await s.call('POST', '/contacts', { role: 'lead', email: 'wire-lead@example.com' })).id as string;
    const company = await s.call('POST', '/companies', { company_id: 'wire-co', name: 'Wire Co' });
    await s.call('POST', `/contacts/${user}/companies`, { id: company.id });
    const tag = (await s.call('POST', '/tags', { name: 'Wire' })).id as string;
    await s.call('POST', '/tags', { name: 'Wire', companies: [{ company_id: 'wire-co' }] });
    await s.call('POST', `/contacts/${user}/notes`, { body: 'wired' });
    const segments = await s.call('GET', '/segments');
    const segment = String((segments.segments as Array<{ id: string }>)[0]?.id);
    const ids = { user, lead, tag, segment, company: company.id as string };
    for (const { name, call, expect } of CASES) {
      s.clearLog();
      await call(s.intercom, ids);
      const sent: Sent = { requests: s.requests().map((r) => `${r.method} ${r.path}`), bodies: s.requests().map((r) => r.body) };
      assert.deepEqual(sent, expect(ids), name);
    }
  } finally {
    await s.close();
  }
});
