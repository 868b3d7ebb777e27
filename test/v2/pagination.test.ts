import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Page, PaginationLoopError } from 'intercom-ts/v2';
import { withV2Server } from './harness.js';

const cursorPage = (ids: string[], next?: string) => ({
  type: 'list',
  data: ids.map((id) => ({ type: 'contact', id })),
  total_count: 5,
  pages: {
    type: 'pages',
    page: 1,
    per_page: 2,
    total_pages: 3,
    ...(next ? { next: { per_page: 2, starting_after: next } } : {}),
  },
});

test('contacts.list follows pages.next.starting_after to the end, as an async iterable', async () => {
  const pages = [cursorPage(['a', 'b'], 'cur1'), cursorPage(['c', 'd'], 'cur2'), cursorPage(['e'])];
  await withV2Server(
    (_r, n) => ({ body: pages[n] ?? cursorPage([]) }),
    async (client, received) => {
      const ids: string[] = [];
      for await (const contact of await client.contacts.list({ per_page: 2 })) ids.push(contact.id as string);
      assert.deepEqual(ids, ['a', 'b', 'c', 'd', 'e']);
      assert.deepEqual(
        received.map((r) => r.path),
        ['/contacts?per_page=2', '/contacts?per_page=2&starting_after=cur1', '/contacts?per_page=2&starting_after=cur2'],
      );
    },
  );
});

test('a page has data, hasNextPage() and getNextPage(), and its response', async () => {
  const pages = [cursorPage(['a', 'b'], 'cur1'), cursorPage(['c'])];
  await withV2Server(
    (_r, n) => ({ body: pages[n] ?? {} }),
    async (client) => {
      const first = await client.contacts.list();
      assert.ok(first instanceof Page);
      assert.deepEqual(
        first.data.map((c) => c.id),
        ['a', 'b'],
      );
      assert.equal(first.response.total_count, 5);
      assert.equal(first.hasNextPage(), true);
      const second = await first.getNextPage();
      assert.deepEqual(
        second.data.map((c) => c.id),
        ['c'],
      );
      assert.equal(second.hasNextPage(), false);
      await assert.rejects(second.getNextPage(), RangeError);
      assert.deepEqual(
        (await first.toArray({ limit: 2 })).map((c) => c.id),
        ['a', 'b'],
      );
    },
  );
});

test('searches page with pagination.starting_after in the body, keeping per_page', async () => {
  const pages = [cursorPage(['a'], 'cur1'), cursorPage(['b'])];
  await withV2Server(
    (_r, n) => ({ body: pages[n] ?? {} }),
    async (client, received) => {
      const query = { field: 'email', operator: '~' as const, value: 'example.com' };
      const all = await (await client.contacts.search({ query, pagination: { per_page: 1 } })).toArray();
      assert.equal(all.length, 2);
      assert.deepEqual(
        received.map((r) => r.body),
        [
          { query, pagination: { per_page: 1 } },
          { query, pagination: { per_page: 1, starting_after: 'cur1' } },
        ],
      );
      assert.ok(received.every((r) => r.method === 'POST' && r.path === '/contacts/search'));
    },
  );
});

test('companies.list (POST /companies/list) pages by page number in the query until total_pages', async () => {
  const page = (n: number) => ({
    type: 'list',
    data: [{ type: 'company', id: `co${n}` }],
    pages: { type: 'pages', page: n, per_page: 1, total_pages: 2 },
  });
  await withV2Server(
    (_r, n) => ({ body: page(n + 1) }),
    async (client, received) => {
      const ids: string[] = [];
      for await (const company of await client.companies.list({ per_page: 1 })) ids.push(company.id as string);
      assert.deepEqual(ids, ['co1', 'co2']);
      assert.deepEqual(
        received.map((r) => `${r.method} ${r.path}`),
        ['POST /companies/list?per_page=1', 'POST /companies/list?per_page=1&page=2'],
      );
    },
  );
});

test('a list whose next cursor repeats the current one throws PaginationLoopError instead of looping', async () => {
  await withV2Server(
    () => ({ body: cursorPage(['a'], 'same') }),
    async (client, received) => {
      const first = await client.contacts.list({ starting_after: 'same' });
      await assert.rejects(first.toArray(), PaginationLoopError);
      assert.equal(received.length, 1);
    },
  );
});

test('companies.scroll follows scroll_param until a page is empty', async () => {
  const pages = [
    { type: 'list', data: [{ type: 'company', id: 'a' }], scroll_param: 's1' },
    { type: 'list', data: [], scroll_param: 's2' },
  ];
  await withV2Server(
    (_r, n) => ({ body: pages[n] ?? {} }),
    async (client, received) => {
      const all = await (await client.companies.scroll()).toArray();
      assert.equal(all.length, 1);
      assert.deepEqual(
        received.map((r) => r.path),
        ['/companies/scroll', '/companies/scroll?scroll_param=s1'],
      );
    },
  );
});
