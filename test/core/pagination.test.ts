import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BadRequestError,
  HttpError,
  InvalidParameterError,
  PaginationLoopError,
  ResourceNotFound,
  ScrollExpiredError,
  ServerError,
  UnexpectedResponseError,
} from '../../src/core/errors.js';
import type { JsonObject } from '../../src/core/models.js';
import { PageIterator, ScrollIterator, SearchIterator } from '../../src/core/pagination.js';
import type { ApiRequest } from '../../src/core/request-pipeline.js';
import type { RequestSender } from '../../src/core/request-sender.js';
import { encodeQuery } from '../../src/core/url.js';

/** A sender that answers from a table keyed by `METHOD path?query` (an Error answer is thrown), recording what it was sent. */
function tableSender(answers: Record<string, unknown>): RequestSender & { sent: ApiRequest[]; keys: string[] } {
  const sent: ApiRequest[] = [];
  const keys: string[] = [];
  return {
    sent,
    keys,
    async send(request) {
      sent.push(request);
      const query = encodeQuery(request.query);
      const joined = query !== '' && request.path.includes('?') ? `&${query.slice(1)}` : query;
      const key = `${request.method} ${request.path}${joined}`;
      keys.push(key);
      if (!(key in answers)) throw new Error(`unexpected request ${key}`);
      const answer = answers[key];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const toModel = (raw: JsonObject) => ({ id: raw.id as string });
const userPage = (ids: string[], pages: JsonObject | undefined, extra: JsonObject = {}) => ({
  type: 'user.list',
  users: ids.map((id) => ({ id })),
  ...(pages === undefined ? {} : { pages }),
  ...extra,
});
const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

test('PageIterator: follows pages.next page after page; each page says where the next one is', async () => {
  const sender = tableSender({
    'GET /users?per_page=2': userPage(
      ['a', 'b'],
      { type: 'pages', page: 1, total_pages: 2, next: '/users?page=2' },
      { total_count: 3 },
    ),
    'GET /users?page=2': userPage(['c'], { type: 'pages', page: 2, total_pages: 2, next: null }, { total_count: 3 }),
  });
  const list = new PageIterator(sender, { path: '/users', query: { per_page: 2 }, itemsKey: 'users', toModel });
  const pages = [];
  for await (const page of list.pages()) pages.push({ ...page, items: ids(page.items) });
  assert.deepEqual(pages, [
    { items: ['a', 'b'], page: 1, totalPages: 2, totalCount: 3, next: '/users?page=2' },
    { items: ['c'], page: 2, totalPages: 2, totalCount: 3, next: null },
  ]);
  assert.deepEqual(ids(await list.toArray()), ['a', 'b', 'c'], 'every iteration starts again at the first page');
  assert.equal(sender.sent.length, 4);
  assert.ok(sender.sent.every((request) => request.idempotent && request.method === 'GET'));
});

test('PageIterator: pages({ from }) resumes at a next URL without fetching the pages before', async () => {
  const options = { timeout: 5_000 };
  const sender = tableSender({
    'GET /users?page=2': userPage(['c'], { type: 'pages', next: null }),
  });
  const list = new PageIterator(sender, { path: '/users', query: { per_page: 2 }, itemsKey: 'users', toModel, options });
  const pages = [];
  for await (const page of list.pages({ from: '/users?page=2' })) pages.push(ids(page.items));
  assert.deepEqual(pages, [['c']]);
  assert.deepEqual(sender.keys, ['GET /users?page=2']);
  assert.equal(sender.sent[0]?.options, options, 'the list options go with every page');
});

test('PageIterator: a list that pages with a cursor gives its next page as path and query to resume at', async () => {
  const sender = tableSender({
    'GET /contacts?per_page=1': userPage(['a'], { type: 'pages', next: { starting_after: 'c2' } }),
    'GET /contacts?per_page=1&starting_after=c2': userPage(['b'], { type: 'pages', next: null }),
  });
  const list = new PageIterator(sender, { path: '/contacts', query: { per_page: 1 }, itemsKey: 'users', toModel });
  const nexts = [];
  for await (const page of list.pages()) nexts.push(page.next);
  assert.deepEqual(nexts, ['/contacts?per_page=1&starting_after=c2', null]);
  // A URL that carries a query of its own gets the cursor appended with '&'.
  const fromUrl = tableSender({
    'GET /contacts?page=2': userPage(['y'], { type: 'pages', next: { starting_after: 'c9' } }),
    'GET /contacts?page=2&starting_after=c9': userPage(['z'], { type: 'pages', next: null }),
  });
  const resumed = [];
  for await (const page of new PageIterator(fromUrl, { path: '/contacts', itemsKey: 'users', toModel }).pages({
    from: '/contacts?page=2',
  })) {
    resumed.push(page.next);
  }
  assert.deepEqual(resumed, ['/contacts?page=2&starting_after=c9', null]);
});

test('PageIterator: an explicit page parameter fetches that page only', async () => {
  const sender = tableSender({
    'GET /users?page=2': userPage(['c'], { type: 'pages', page: 2, total_pages: 3, next: '/users?page=3' }),
  });
  const list = new PageIterator(sender, { path: '/users', query: { page: 2 }, itemsKey: 'users', toModel });
  assert.deepEqual(ids(await list.toArray()), ['c']);
  assert.equal(sender.sent.length, 1);
});

test('PageIterator: a page whose number is below the one asked for is followed by the next', async () => {
  const sender = tableSender({
    'GET /users?page=2': userPage(['a'], { type: 'pages', page: 1, total_pages: 2, next: '/users?page=next' }),
    'GET /users?page=next': userPage(['b'], { type: 'pages', page: 2, total_pages: 2, next: '/users?page=3' }),
  });
  const list = new PageIterator(sender, { path: '/users', query: { page: 2 }, itemsKey: 'users', toModel });
  assert.deepEqual(ids(await list.toArray()), ['a', 'b']);
});

test('PageIterator: untyped pages are followed only for lists that say so (events)', async () => {
  const answers = {
    'GET /events?type=user': { type: 'event.list', events: [{ id: 'e1' }], pages: { next: '/events?page=2' } },
    'GET /events?page=2': { type: 'event.list', events: [{ id: 'e2' }], pages: {} },
  };
  const spec = { path: '/events', query: { type: 'user' }, itemsKey: 'events', toModel };
  assert.deepEqual(ids(await new PageIterator(tableSender(answers), spec).toArray()), ['e1']);
  assert.deepEqual(ids(await new PageIterator(tableSender(answers), { ...spec, untypedPages: true }).toArray()), ['e1', 'e2']);
});

test('PageIterator: items under the key the list type names, else the default key; anything else is refused', async () => {
  const read = (body: unknown) =>
    new PageIterator(tableSender({ 'GET /x': body }), { path: '/x', itemsKey: 'users', toModel }).toArray();
  assert.deepEqual(ids(await read({ type: 'company.list', companies: [{ id: 'c' }] })), ['c']);
  assert.deepEqual(ids(await read({ type: 'company.list', users: [{ id: 'u' }] })), ['u'], 'named key missing: the default');
  assert.deepEqual(ids(await read({ type: 'companies', companies: [{ id: 'c' }], users: [{ id: 'u' }] })), ['u']);
  await assert.rejects(read({ type: 'user.list', users: {} }), (error: unknown) => {
    assert.ok(error instanceof UnexpectedResponseError);
    assert.equal(error.message, "Expected a list under 'users' in a 'user.list' response");
    return true;
  });
  await assert.rejects(read({ type: 'user.list', users: [{ id: 'a' }, 'b'] }), (error: unknown) => {
    assert.ok(error instanceof UnexpectedResponseError);
    assert.equal(error.message, "Item 1 of 'users' is not an object");
    return true;
  });
  await assert.rejects(read({ type: 'user.list', users: [null] }), UnexpectedResponseError);
  await assert.rejects(read({ type: 'user.list', users: [['x']] }), UnexpectedResponseError);
  await assert.rejects(read(['not', 'an', 'object']), HttpError);
});

test('PageIterator: a one-item answer is a list of it, and its 404 an empty list (API 1.0 lookups by email)', async () => {
  const plain = { path: '/users', query: { email: 'a@example.com' }, itemsKey: 'users', toModel };
  const spec = { ...plain, singleItemType: 'user' };
  const one = tableSender({ 'GET /users?email=a%40example.com': { type: 'user', id: 'u1' } });
  assert.deepEqual(ids(await new PageIterator(one, spec).toArray()), ['u1']);
  const none = tableSender({ 'GET /users?email=a%40example.com': new ResourceNotFound('User Not Found') });
  const pages = [];
  for await (const page of new PageIterator(none, spec).pages()) pages.push(page);
  assert.deepEqual(pages, [{ items: [], page: undefined, totalPages: undefined, totalCount: undefined, next: null }]);
  // Without singleItemType a 404 is an error, and so is any other failure.
  await assert.rejects(new PageIterator(none, plain).toArray(), ResourceNotFound);
  const failing = tableSender({ 'GET /users?email=a%40example.com': new ServerError('down') });
  await assert.rejects(new PageIterator(failing, spec).toArray(), ServerError);
});

test('PageIterator: a 404 after the first page is not an empty list', async () => {
  const sender = tableSender({
    'GET /users': { type: 'user.list', users: [{ id: 'a' }], pages: { type: 'pages', next: '/users?page=2' } },
    'GET /users?page=2': new ResourceNotFound('gone'),
  });
  const list = new PageIterator(sender, { path: '/users', itemsKey: 'users', toModel, singleItemType: 'user' });
  await assert.rejects(list.toArray(), ResourceNotFound);
});

test('PageIterator: a next URL that loops back fails with PaginationLoopError', async () => {
  const sender = tableSender({
    'GET /users': userPage(['a'], { type: 'pages', next: '/users?page=2' }),
    'GET /users?page=2': userPage(['b'], { type: 'pages', next: '/users' }),
  });
  await assert.rejects(new PageIterator(sender, { path: '/users', itemsKey: 'users', toModel }).toArray(), PaginationLoopError);
});

test('toArray: stops after limit items, sending no more requests; a limit of 0 or less sends nothing', async () => {
  const answers = {
    'GET /users': userPage(['a', 'b'], { type: 'pages', next: '/users?page=2' }),
    'GET /users?page=2': userPage(['c', 'd'], { type: 'pages', next: null }),
  };
  for (const [limit, expected, requests] of [
    [1, ['a'], 1],
    [2, ['a', 'b'], 1],
    [3, ['a', 'b', 'c'], 2],
    [10, ['a', 'b', 'c', 'd'], 2],
    [0, [], 0],
    [-1, [], 0],
  ] as const) {
    const sender = tableSender(answers);
    const items = await new PageIterator(sender, { path: '/users', itemsKey: 'users', toModel }).toArray({ limit });
    assert.deepEqual(ids(items), expected, `limit ${limit}`);
    assert.equal(sender.sent.length, requests, `limit ${limit}`);
  }
});

const scrollSpec = { path: '/users/scroll', itemsKey: 'users', toModel };

test('ScrollIterator: reads the scroll to its end, each page with the previous scroll_param, never repeated after a lost answer', async () => {
  const sender = tableSender({
    'GET /users/scroll': { type: 'user.list', users: [{ id: 'a' }, { id: 'b' }], scroll_param: 's1' },
    'GET /users/scroll?scroll_param=s1': { type: 'user.list', users: [{ id: 'c' }], scroll_param: 's2' },
    'GET /users/scroll?scroll_param=s2': { type: 'user.list', users: [], scroll_param: 's3' },
  });
  assert.deepEqual(ids(await new ScrollIterator(sender, scrollSpec).toArray()), ['a', 'b', 'c']);
  assert.equal(sender.sent.length, 3);
  assert.ok(sender.sent.every((request) => request.idempotent && request.advancesCursor === true && request.method === 'GET'));
  const limited = tableSender({
    'GET /users/scroll': { type: 'user.list', users: [{ id: 'a' }, { id: 'b' }], scroll_param: 's1' },
  });
  assert.deepEqual(ids(await new ScrollIterator(limited, scrollSpec).toArray({ limit: 2 })), ['a', 'b']);
  assert.equal(limited.sent.length, 1);
});

test('ScrollIterator: a page without a scroll_param is the last one', async () => {
  const sender = tableSender({ 'GET /users/scroll': { type: 'user.list', users: [{ id: 'a' }] } });
  assert.deepEqual(ids(await new ScrollIterator(sender, scrollSpec).toArray()), ['a']);
  assert.equal(sender.sent.length, 1);
});

test('ScrollIterator.next: one page at a time; after the last page an empty page without a request', async () => {
  const options = { timeout: 1_000 };
  const sender = tableSender({
    'GET /users/scroll': { type: 'user.list', users: [{ id: 'a' }], scroll_param: 's1' },
    'GET /users/scroll?scroll_param=s1': { type: 'user.list', users: [], scroll_param: 's2' },
  });
  const scroll = new ScrollIterator(sender, { ...scrollSpec, options });
  const first = await scroll.next();
  assert.deepEqual([ids(first.records), first.scrollParam], [['a'], 's1']);
  assert.equal(sender.sent[0]?.options, options);
  const perCall = { timeout: 2_000 };
  const second = await scroll.next(first, perCall);
  assert.deepEqual(second, { records: [], scrollParam: null }, 'an empty page has no scroll param to go on with');
  assert.equal(sender.sent[1]?.options, perCall);
  assert.deepEqual(await scroll.next(second), { records: [], scrollParam: null });
  assert.equal(sender.sent.length, 2);
  assert.deepEqual(ids((await scroll.next('s1')).records), []);
  assert.deepEqual(sender.keys.at(-1), 'GET /users/scroll?scroll_param=s1');
});

test("ScrollIterator.next(null) opens a scroll, as the gem's next(nil); an empty or non-string param is refused before any request", async () => {
  const sender = tableSender({
    'GET /users/scroll': { type: 'user.list', users: [{ id: 'a' }], scroll_param: 's1' },
  });
  const scroll = new ScrollIterator(sender, scrollSpec);
  const first = await scroll.next(null);
  assert.deepEqual([ids(first.records), first.scrollParam], [['a'], 's1']);
  assert.deepEqual(sender.keys, ['GET /users/scroll']);
  for (const bad of ['', 42, { records: [], scrollParam: '' }]) {
    await assert.rejects(scroll.next(bad as string), (error: unknown) => {
      assert.ok(error instanceof InvalidParameterError, String(error));
      assert.equal(error.field, 'scroll_param');
      assert.match(error.message, /^scroll_param: must be a non-empty string/);
      return true;
    });
  }
  assert.equal(sender.sent.length, 1, 'nothing sent for a bad param');
});

test('ScrollIterator: a refused scroll param is a ScrollExpiredError saying how far the scroll got', async () => {
  const sender = tableSender({
    'GET /users/scroll': { type: 'user.list', users: [{ id: 'a' }, { id: 'b' }], scroll_param: 's1' },
    'GET /users/scroll?scroll_param=s1': new ResourceNotFound('scroll not found'),
    'GET /users/scroll?scroll_param=bad': new BadRequestError('invalid', { field: 'scroll_param' }),
    'GET /users/scroll?scroll_param=other': new BadRequestError('invalid', { field: 'per_page' }),
  });
  const scroll = new ScrollIterator(sender, scrollSpec);
  await assert.rejects(scroll.toArray(), (error: unknown) => {
    assert.ok(error instanceof ScrollExpiredError);
    assert.deepEqual([error.scrollParam, error.recordsRead], ['s1', 2]);
    return true;
  });
  await assert.rejects(scroll.next('bad'), (error: unknown) => {
    assert.ok(error instanceof ScrollExpiredError);
    assert.deepEqual([error.scrollParam, error.recordsRead], ['bad', undefined]);
    return true;
  });
  await assert.rejects(
    scroll.next('other'),
    (error: unknown) => error instanceof BadRequestError && !(error instanceof ScrollExpiredError),
  );
  const opening = tableSender({ 'GET /users/scroll': new ResourceNotFound('no such list') });
  await assert.rejects(
    new ScrollIterator(opening, scrollSpec).next(),
    (error: unknown) => !(error instanceof ScrollExpiredError),
  );
});

test('ScrollIterator: a page that is not an object is an HttpError', async () => {
  await assert.rejects(new ScrollIterator(tableSender({ 'GET /users/scroll': 'text' }), scrollSpec).next(), HttpError);
});

test('SearchIterator: POSTs the query, then the same body with the cursor; each page says its cursor', async () => {
  const body = { query: { field: 'role', operator: '=', value: 'user' }, pagination: { per_page: 1 } };
  const sent: JsonObject[] = [];
  const answers = [
    {
      type: 'list',
      data: [{ id: 'a' }],
      total_count: 2,
      pages: { type: 'pages', page: 1, total_pages: 2, next: { starting_after: 'c2' } },
    },
    { type: 'list', data: [{ id: 'b' }], total_count: 2, pages: { type: 'pages', page: 2, total_pages: 2 } },
  ];
  const sender: RequestSender = {
    async send(request) {
      assert.deepEqual([request.method, request.path, request.idempotent], ['POST', '/contacts/search', true]);
      sent.push(request.body as JsonObject);
      return answers[sent.length - 1];
    },
  };
  const search = new SearchIterator(sender, { path: '/contacts/search', body, itemsKey: 'data', toModel });
  const pages = [];
  for await (const page of search.pages()) pages.push({ ...page, items: ids(page.items) });
  assert.deepEqual(pages, [
    { items: ['a'], page: 1, totalPages: 2, totalCount: 2, startingAfter: 'c2' },
    { items: ['b'], page: 2, totalPages: 2, totalCount: 2, startingAfter: null },
  ]);
  assert.deepEqual(sent, [body, { ...body, pagination: { per_page: 1, starting_after: 'c2' } }]);
  sent.length = 0;
  assert.deepEqual(ids(await search.toArray({ limit: 1 })), ['a']);
  assert.equal(sent.length, 1);
  sent.length = 0;
  const all = [];
  for await (const item of search) all.push(item.id);
  assert.deepEqual(all, ['a', 'b']);
});

test('PageIterator: page numbers and counts are numbers or absent, never strings passed on', async () => {
  const sender = tableSender({
    'GET /users': userPage(['a'], { type: 'pages', page: '1', total_pages: '1', next: null }, { total_count: '1' }),
  });
  const pages = [];
  for await (const page of new PageIterator(sender, { path: '/users', itemsKey: 'users', toModel }).pages()) pages.push(page);
  assert.deepEqual(
    pages.map(({ page, totalPages, totalCount }) => [page, totalPages, totalCount]),
    [[undefined, undefined, undefined]],
  );
});

test('PageIterator: a list without a type, and an entity type (not X.list), read the default key; only singleItemType makes a body one item', async () => {
  const read = (body: unknown, singleItemType?: string) =>
    new PageIterator(tableSender({ 'GET /x': body }), {
      path: '/x',
      itemsKey: 'users',
      toModel,
      ...(singleItemType === undefined ? {} : { singleItemType }),
    }).toArray();
  assert.deepEqual(ids(await read({ users: [{ id: 'u' }] })), ['u']);
  assert.deepEqual(ids(await read({ type: 'company', companies: [{ id: 'c' }], users: [{ id: 'u' }] })), ['u']);
  assert.deepEqual(ids(await read({ type: 7, users: [{ id: 'u' }] })), ['u']);
  assert.deepEqual(ids(await read({ type: 'user.list', users: [{ id: 'u' }] }, 'user')), ['u'], 'a list answer is still a list');
});

test('PageIterator: a page parameter that is null is no page asked for: the list is read on', async () => {
  const sender = tableSender({
    'GET /users?page=': userPage(['a'], { type: 'pages', page: 1, next: '/users?page=2' }),
    'GET /users?page=2': userPage(['b'], { type: 'pages', page: 2, next: null }),
  });
  const list = new PageIterator(sender, { path: '/users', query: { page: null }, itemsKey: 'users', toModel });
  assert.deepEqual(ids(await list.toArray()), ['a', 'b']);
});

test('ScrollIterator: a page that is not an object says no entity came back', async () => {
  await assert.rejects(new ScrollIterator(tableSender({ 'GET /users/scroll': 'text' }), scrollSpec).next(), {
    message: 'Http Error - No response entity returned',
  });
});

test('SearchIterator: a page without pages has no page numbers and no cursor', async () => {
  const sender: RequestSender = { send: async () => ({ type: 'list', data: [{ id: 'a' }] }) };
  const pages = [];
  for await (const page of new SearchIterator(sender, { path: '/s', body: {}, itemsKey: 'data', toModel }).pages()) {
    pages.push({ ...page, items: ids(page.items) });
  }
  assert.deepEqual(pages, [{ items: ['a'], page: undefined, totalPages: undefined, totalCount: undefined, startingAfter: null }]);
});
