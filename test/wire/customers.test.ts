import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Customer } from 'intercom-ts';
import { Client } from 'intercom-ts';
import { scriptedServer } from '../helpers/raw-http.js';
import { assertWire } from '../helpers/wire.js';

const RESPONSES = JSON.parse(readFileSync(new URL('../../../test/fixtures/responses-1x.json', import.meta.url), 'utf8')) as {
  page_of_customers: { customers: unknown[]; pages: Record<string, unknown> };
};
const LAST_PAGE = { ...RESPONSES.page_of_customers, pages: { ...RESPONSES.page_of_customers.pages, next: null } };

test('wire: customers.search', async () => {
  let found: Customer[] = [];
  await assertWire(
    'customers.search',
    () => ({ body: LAST_PAGE }),
    async (i) => {
      found = await i.customers
        .search({
          query: { field: 'name', operator: '=', value: 'Alice' },
          per_page: 50,
          sort_field: 'name',
          sort_order: 'ascending',
        })
        .toArray();
    },
  );
  assert.equal(found.length, 3);
  assert.equal(found[0]?.type, 'customer');
  assert.equal(found[0]?.role, 'user');
  assert.equal(found[0]?.companies[0]?.name, 'Company 1', 'company.list unwrapped');
});

test('search follows pages.next.starting_after, and a second iteration starts again from the first page', async () => {
  const server = await scriptedServer((req) => {
    const cursor = (req.body as { pagination?: { starting_after?: string } }).pagination?.starting_after;
    return { body: cursor === undefined ? RESPONSES.page_of_customers : LAST_PAGE };
  });
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  try {
    const search = intercom.customers.search({ query: { field: 'email', operator: '~', value: 'example' }, per_page: 3 });
    assert.equal((await search.toArray()).length, 6);
    assert.equal((await search.toArray()).length, 6, 're-iterating restarts');
    const bodies = server.received.map((r) => r.body);
    const query = { field: 'email', operator: '~', value: 'example' };
    const first = { query, pagination: { per_page: 3 } };
    const second = { query, pagination: { per_page: 3, starting_after: 'EnCrYpTeDsTrInG' } };
    assert.deepEqual(bodies, [first, second, first, second]);
    assert.ok(server.received.every((r) => r.method === 'POST' && r.path === '/customers/search'));
  } finally {
    intercom.close();
    await server.close();
  }
});

test('search sends only what was given: no sort or pagination keys by default', async () => {
  await assertWireBody(
    { query: { operator: 'OR', value: [{ field: 'role', operator: '=', value: 'lead' }] } },
    {
      query: { operator: 'OR', value: [{ field: 'role', operator: '=', value: 'lead' }] },
    },
  );
  await assertWireBody(
    { query: { field: 'name', operator: '^', value: 'A' }, sort_order: 'descending' },
    {
      query: { field: 'name', operator: '^', value: 'A' },
      sort: { order: 'descending' },
    },
  );
});

async function assertWireBody(params: Parameters<Client['customers']['search']>[0], expected: unknown): Promise<void> {
  const server = await scriptedServer(() => ({ body: LAST_PAGE }));
  const intercom = new Client({ token: 't', baseUrl: server.url, maxRetries: 0 });
  try {
    await intercom.customers.search(params).toArray();
    assert.deepEqual(server.received[0]?.body, expected);
  } finally {
    intercom.close();
    await server.close();
  }
}
