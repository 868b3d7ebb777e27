import assert from 'node:assert/strict';
import { test } from 'node:test';
import { HttpError, PaginationLoopError } from '../../src/core/errors.js';
import { fetchPage, walkPages } from '../../src/core/page-walk.js';
import {
  cursorPaging,
  nextUrlPaging,
  type PageRequest,
  type PaginationStrategy,
  scrollParamPaging,
  searchCursorPaging,
} from '../../src/core/pagination-strategies.js';
import type { ApiRequest } from '../../src/core/request-pipeline.js';
import type { RequestSender } from '../../src/core/request-sender.js';
import { encodeQuery } from '../../src/core/url.js';

/** A sender that answers from a table keyed by `METHOD path?query`, and records what it was asked. */
function tableSender(answers: Record<string, unknown>): RequestSender & { sent: ApiRequest[] } {
  const sent: ApiRequest[] = [];
  return {
    sent,
    async send(request) {
      sent.push(request);
      const key = `${request.method} ${request.path}${encodeQuery(request.query)}`;
      if (!(key in answers)) throw new Error(`unexpected request ${key}`);
      return answers[key];
    },
  };
}

const page = (ids: string[], next: unknown) => ({
  type: 'list',
  data: ids.map((id) => ({ id })),
  pages: { type: 'pages', next },
});

test('walkPages reads a 3-page cursor list whole, in order, one request a page', async () => {
  const sender = tableSender({
    'GET /contacts?per_page=2': page(['a', 'b'], { starting_after: 'c2', per_page: 2 }),
    'GET /contacts?per_page=2&starting_after=c2': page(['c', 'd'], { starting_after: 'c3', per_page: 2 }),
    'GET /contacts?per_page=2&starting_after=c3': page(['e'], null),
  });
  const ids: unknown[] = [];
  const numbers: number[] = [];
  for await (const fetched of walkPages(sender, { method: 'GET', path: '/contacts', query: { per_page: 2 } }, cursorPaging)) {
    numbers.push(fetched.number);
    for (const item of fetched.body.data as Array<{ id: string }>) ids.push(item.id);
  }
  assert.deepEqual(ids, ['a', 'b', 'c', 'd', 'e']);
  assert.deepEqual(numbers, [1, 2, 3]);
  assert.equal(sender.sent.length, 3);
  assert.ok(
    sender.sent.every((r) => r.idempotent && r.advancesCursor !== true),
    'page reads are safe to repeat',
  );
});

test('nothing is sent until the walk is iterated', async () => {
  const sender = tableSender({});
  walkPages(sender, { method: 'GET', path: '/contacts' }, cursorPaging);
  assert.equal(sender.sent.length, 0);
});

test('fetchPage: fetchNext reads on, is undefined on the last page, and may be called twice', async () => {
  const sender = tableSender({
    'GET /contacts': page(['a'], { starting_after: 'c2' }),
    'GET /contacts?starting_after=c2': page(['b'], null),
  });
  const first = await fetchPage(sender, { method: 'GET', path: '/contacts' }, cursorPaging);
  assert.deepEqual(first.nextRequest?.query, { starting_after: 'c2' });
  assert.ok(first.fetchNext);
  const second = await first.fetchNext();
  const again = await first.fetchNext();
  assert.deepEqual(second.body, again.body, 'fetching the same next page twice is no loop');
  assert.equal(second.fetchNext, undefined);
  assert.equal(second.nextRequest, undefined);
  assert.equal(sender.sent.length, 3);
});

test('a cursor that points at the page just read fails with PaginationLoopError before it is sent again', async () => {
  const sender = tableSender({
    'GET /contacts': page(['a'], { starting_after: 'c2' }),
    'GET /contacts?starting_after=c2': page(['b'], { starting_after: 'c2' }),
  });
  const ids: unknown[] = [];
  await assert.rejects(async () => {
    for await (const fetched of walkPages(sender, { method: 'GET', path: '/contacts' }, cursorPaging)) {
      for (const item of fetched.body.data as Array<{ id: string }>) ids.push(item.id);
    }
  }, PaginationLoopError);
  assert.deepEqual(ids, ['a', 'b'], 'the pages before the loop are delivered');
  assert.equal(sender.sent.length, 2);
});

test('a 1.x next URL that points back at the first page (absolute URL) fails with PaginationLoopError', async () => {
  const sender = tableSender({
    'GET /users': page(['a'], 'https://api.intercom.io/users?page=2'),
    'GET https://api.intercom.io/users?page=2': page(['b'], 'https://api.intercom.io/users'),
  });
  await assert.rejects(async () => {
    for await (const _ of walkPages(sender, { method: 'GET', path: '/users' }, nextUrlPaging())) {
      // read on
    }
  }, PaginationLoopError);
  assert.equal(sender.sent.length, 2);
});

test('a search whose cursor comes back fails with PaginationLoopError', async () => {
  let calls = 0;
  const sender: RequestSender = {
    async send() {
      calls++;
      return { data: [], pages: { next: { starting_after: calls === 1 ? 'x' : calls === 2 ? 'y' : 'x' } } };
    },
  };
  await assert.rejects(async () => {
    for await (const _ of walkPages(
      sender,
      { method: 'POST', path: '/contacts/search', body: { query: {} } },
      searchCursorPaging,
    )) {
      // read on
    }
  }, PaginationLoopError);
  assert.equal(calls, 3, 'pages x and y are read, x again is not');
});

test('a scroll repeats the same request page after page (no loop check) and is not repeated after a lost answer', async () => {
  let calls = 0;
  const sent: ApiRequest[] = [];
  const sender: RequestSender = {
    async send(request) {
      sent.push(request);
      calls++;
      return { users: calls <= 3 ? [{ id: String(calls) }] : [], scroll_param: 'same' };
    },
  };
  let pages = 0;
  for await (const _ of walkPages(sender, { method: 'GET', path: '/users/scroll' }, scrollParamPaging('users'))) pages++;
  assert.equal(pages, 4);
  assert.ok(sent.every((r) => r.idempotent && r.advancesCursor === true));
});

test('a page that is not a JSON object is an HttpError', async () => {
  const sender: RequestSender = { send: async () => null };
  await assert.rejects(fetchPage(sender, { method: 'GET', path: '/contacts' }, cursorPaging), HttpError);
});

/** A strategy that hands out the given next requests one after the other. */
function scriptedStrategy(nexts: Array<PageRequest | undefined>): PaginationStrategy {
  return { name: 'scripted', next: () => nexts.shift() };
}

test('the engine sends each page request as it is: method, path, query, body and options, as a repeatable read', async () => {
  const sent: ApiRequest[] = [];
  const sender: RequestSender = {
    async send(request) {
      sent.push(request);
      return { data: [] };
    },
  };
  const options = { timeout: 1_000 };
  const first: PageRequest = { method: 'POST', path: '/contacts/search', query: { a: 1 }, body: { query: {} }, options };
  const page = await fetchPage(sender, first, scriptedStrategy([undefined]));
  assert.deepEqual(sent, [
    {
      method: 'POST',
      path: '/contacts/search',
      query: { a: 1 },
      body: { query: {} },
      idempotent: true,
      advancesCursor: undefined,
      options,
    },
  ]);
  assert.equal(page.request, first);
  assert.equal(page.number, 1);
});

test('PaginationLoopError names the page numbers and the strategy, and nothing is sent again', async () => {
  const sender = tableSender({ 'GET /a': { data: [] } });
  const strategy = scriptedStrategy([{ method: 'GET', path: '/a' }]);
  const first = await fetchPage(sender, { method: 'GET', path: '/a' }, strategy);
  await assert.rejects(first.fetchNext?.() as Promise<unknown>, (error: unknown) => {
    assert.ok(error instanceof PaginationLoopError);
    assert.equal(
      error.message,
      'Page 2 of this list is page 1 again (scripted): the list loops; stopped before sending it again',
    );
    return true;
  });
  assert.equal(sender.sent.length, 1);
});

test('a page is the same page whether its query is in the path or apart, and whatever case its URL scheme has', async () => {
  const loops = async (first: PageRequest, next: PageRequest) => {
    const sender: RequestSender = { send: async () => ({ data: [] }) };
    const page = await fetchPage(sender, first, scriptedStrategy([next]));
    assert.ok(page.fetchNext);
    return page.fetchNext().then(
      () => false,
      (error: unknown) => error instanceof PaginationLoopError,
    );
  };
  assert.equal(
    await loops(
      { method: 'GET', path: '/users?page=2', query: { per_page: 5 } },
      { method: 'GET', path: '/users', query: { page: 2, per_page: 5 } },
    ),
    true,
  );
  assert.equal(
    await loops({ method: 'GET', path: '/users?page=2' }, { method: 'GET', path: '/users', query: { page: 2 } }),
    true,
  );
  assert.equal(await loops({ method: 'GET', path: '/users' }, { method: 'GET', path: 'HTTPS://api.intercom.io/users' }), true);
  assert.equal(
    await loops({ method: 'GET', path: '/users?page=2' }, { method: 'GET', path: 'https://api.intercom.io/users?page=2' }),
    true,
  );
  // Different requests are different pages.
  assert.equal(await loops({ method: 'GET', path: '/users' }, { method: 'POST', path: '/users' }), false);
  assert.equal(await loops({ method: 'GET', path: '/users' }, { method: 'GET', path: '/users', query: { page: 2 } }), false);
  assert.equal(
    await loops({ method: 'POST', path: '/s', body: { a: 1 } }, { method: 'POST', path: '/s', body: { a: 2 } }),
    false,
  );
  assert.equal(await loops({ method: 'POST', path: '/s' }, { method: 'POST', path: '/s', body: {} }), false);
  assert.equal(
    await loops({ method: 'GET', path: '/users' }, { method: 'GET', path: 'https://api.intercom.io/other/users' }),
    false,
  );
  assert.equal(await loops({ method: 'GET', path: '/x/https://a' }, { method: 'GET', path: 'https://a' }), false);
  // A URL that cannot be parsed is kept as written (the pipeline refuses it when it is sent).
  assert.equal(await loops({ method: 'GET', path: 'https://[' }, { method: 'GET', path: 'https://[' }), true);
});

test('a page that is an array, a string or nothing is an HttpError saying no entity came back', async () => {
  for (const answer of [[], 'text', undefined, 5]) {
    const sender: RequestSender = { send: async () => answer };
    await assert.rejects(fetchPage(sender, { method: 'GET', path: '/contacts' }, cursorPaging), (error: unknown) => {
      assert.ok(error instanceof HttpError);
      assert.equal(error.message, 'Http Error - No response entity returned');
      return true;
    });
  }
});
