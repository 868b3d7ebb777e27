import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { BadRequestError, type Client, type CustomerSearchQuery, InvalidParameterError } from 'intercom-ts';
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

test("the README's search finds the demo lead named Alice", async () => {
  const found = await intercom.customers
    .search({
      query: { field: 'name', operator: '=', value: 'Alice' },
      per_page: 50,
      sort_field: 'name',
      sort_order: 'ascending',
    })
    .toArray();
  assert.deepEqual(
    found.map((c) => [c.name, c.role, c.type]),
    [['Alice', 'lead', 'customer']],
  );
});

test('groups, sort and every page: the iterator walks all pages and restarts when iterated again', async () => {
  const query: CustomerSearchQuery = {
    operator: 'OR',
    value: [
      { field: 'role', operator: '=', value: 'lead' },
      {
        operator: 'AND',
        value: [
          { field: 'custom_attributes.karma', operator: '>', value: 0 },
          { field: 'email', operator: '$', value: '@example.com' },
        ],
      },
    ],
  };
  const search = intercom.customers.search({ query, per_page: 1, sort_field: 'email', sort_order: 'descending' });
  const sent = sandbox.requests.length;
  const names = (await search.toArray()).map((c) => c.email);
  const leads = [...sandbox.store.users.values()].filter((r) => r.role === 'contact').length;
  assert.equal(names.length, leads + 2, 'every lead, plus Bob and Alice (karma > 0)');
  assert.deepEqual(names, [...names].sort().reverse(), 'sorted descending');
  assert.equal(sandbox.requests.length - sent, names.length, 'one request per page of one');
  assert.deepEqual(
    (await search.toArray()).map((c) => c.email),
    names,
    'a second iteration starts again',
  );
  const pages = [];
  for await (const page of search.pages()) pages.push(page);
  assert.equal(pages[0]?.totalCount, names.length);
  assert.equal(pages.at(-1)?.startingAfter, null);
});

test('bad queries throw InvalidParameterError before any request', async () => {
  const sent = sandbox.requests.length;
  const filter = { field: 'name', operator: '=', value: 'x' } as const;
  const tooDeep = { operator: 'AND', value: [{ operator: 'OR', value: [{ operator: 'AND', value: [filter] }] }] };
  const bad: unknown[] = [
    { query: null },
    { query: tooDeep },
    { query: { operator: 'OR', value: Array.from({ length: 16 }, () => filter) } },
    { query: { operator: 'OR', value: [] } },
    { query: { field: 'name', operator: 'LIKE', value: 'x' } },
    { query: { field: '', operator: '=', value: 'x' } },
    { query: { field: 'name', operator: 'IN', value: 'x' } },
    { query: { field: 'name', operator: '~', value: 3 } },
    { query: filter, sort_order: 'up' },
    { query: filter, per_page: 0 },
  ];
  for (const params of bad) {
    assert.throws(() => intercom.customers.search(params as never), InvalidParameterError, JSON.stringify(params));
  }
  assert.equal(sandbox.requests.length, sent);
});

test('what only the API can judge comes back as BadRequestError', async () => {
  await assert.rejects(
    intercom.customers.search({ query: { field: 'shoe_size', operator: '=', value: 42 } }).toArray(),
    (error: unknown) => error instanceof BadRequestError && error.field === 'query.field',
  );
});
