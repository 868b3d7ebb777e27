import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnexpectedResponseError } from '../../src/core/errors.js';
import {
  cursorPaging,
  nextUrlPaging,
  type PageRequest,
  pageNumberPaging,
  readNextLink,
  scrollParamPaging,
  searchCursorPaging,
} from '../../src/core/pagination-strategies.js';

const GET: PageRequest = { method: 'GET', path: '/contacts', query: { per_page: 2 } };
const SEARCH: PageRequest = {
  method: 'POST',
  path: '/contacts/search',
  body: { query: { field: 'role', operator: '=', value: 'user' }, pagination: { per_page: 2 } },
};

test('readNextLink: a string is a URL, an object with starting_after a cursor, empty values the end', () => {
  assert.deepEqual(readNextLink('https://api.intercom.io/users?page=2'), { url: 'https://api.intercom.io/users?page=2' });
  assert.deepEqual(readNextLink({ starting_after: 'abc', per_page: 2 }), { startingAfter: 'abc' });
  for (const end of [undefined, null, '', {}, { starting_after: null }, { starting_after: '' }, { page: 2 }]) {
    assert.equal(readNextLink(end), undefined, JSON.stringify(end));
  }
});

test('readNextLink: any other shape is an UnexpectedResponseError, never a silent end', () => {
  for (const odd of [2, true, ['x'], { starting_after: 5 }, { starting_after: { id: 'x' } }]) {
    assert.throws(() => readNextLink(odd), UnexpectedResponseError, JSON.stringify(odd));
  }
});

test('1.x next URL: GETs pages.next when pages.type is set, and drops the first request query', () => {
  const next = nextUrlPaging().next(GET, { pages: { type: 'pages', next: 'https://api.intercom.io/contacts?page=2' } });
  assert.deepEqual(next, {
    method: 'GET',
    path: 'https://api.intercom.io/contacts?page=2',
    query: undefined,
    options: undefined,
  });
});

test('1.x next URL: an untyped pages.next string ends the list, unless the list pages untyped (events)', () => {
  const body = { pages: { next: '/events?page=2' } };
  assert.equal(nextUrlPaging().next(GET, body), undefined);
  assert.equal(nextUrlPaging({ untypedPages: true }).next(GET, body)?.path, '/events?page=2');
  assert.equal(nextUrlPaging().next(GET, { pages: { type: 'pages', next: null } }), undefined);
  assert.equal(nextUrlPaging().next(GET, {}), undefined);
});

test('1.x next URL: a pages.next object is followed as a cursor, typed or not', () => {
  for (const pages of [{ type: 'pages', next: { starting_after: 'c2' } }, { next: { starting_after: 'c2', per_page: 2 } }]) {
    assert.deepEqual(nextUrlPaging().next(GET, { pages }), {
      method: 'GET',
      path: '/contacts',
      query: { per_page: 2, starting_after: 'c2' },
    });
  }
});

test('2.x cursor: the same GET with starting_after in the query, the previous cursor replaced', () => {
  const second = cursorPaging.next(GET, { pages: { type: 'pages', next: { starting_after: 'c2', per_page: 2 } } });
  assert.deepEqual(second, { method: 'GET', path: '/contacts', query: { per_page: 2, starting_after: 'c2' } });
  const third = cursorPaging.next(second as PageRequest, { pages: { next: { starting_after: 'c3' } } });
  assert.deepEqual(third?.query, { per_page: 2, starting_after: 'c3' });
  assert.equal(cursorPaging.next(GET, { pages: { type: 'pages', next: null } }), undefined);
  assert.equal(cursorPaging.next(GET, { data: [] }), undefined);
});

test('2.x search cursor: the same POST with pagination.starting_after in the body, per_page kept', () => {
  const second = searchCursorPaging.next(SEARCH, { pages: { next: { starting_after: 'c2', per_page: 2 } } });
  assert.deepEqual(second, {
    method: 'POST',
    path: '/contacts/search',
    body: { query: SEARCH.body?.query, pagination: { per_page: 2, starting_after: 'c2' } },
  });
  assert.deepEqual(SEARCH.body?.pagination, { per_page: 2 }, 'the first request is not changed');
  assert.equal(searchCursorPaging.next(SEARCH, { pages: { next: null } }), undefined);
});

test('2.x search cursor: a body without pagination gets one; a URL cannot be followed by a POST', () => {
  const bare: PageRequest = { method: 'POST', path: '/conversations/search', body: { query: {} } };
  assert.deepEqual(searchCursorPaging.next(bare, { pages: { next: { starting_after: 'x' } } })?.body, {
    query: {},
    pagination: { starting_after: 'x' },
  });
  assert.throws(
    () => searchCursorPaging.next(bare, { pages: { next: '/conversations/search?page=2' } }),
    UnexpectedResponseError,
  );
});

test('page number: the next page while pages.page is below pages.total_pages', () => {
  assert.deepEqual(pageNumberPaging.next(GET, { pages: { page: 1, total_pages: 3 } })?.query, { per_page: 2, page: 2 });
  assert.equal(pageNumberPaging.next(GET, { pages: { page: 3, total_pages: 3 } }), undefined);
  assert.equal(pageNumberPaging.next(GET, { pages: { page: 1 } }), undefined);
});

test('scroll: the same GET with scroll_param until a page is empty; it advances a server cursor', () => {
  const scroll = scrollParamPaging('companies');
  assert.equal(scroll.advancesCursor, true);
  const first: PageRequest = { method: 'GET', path: '/companies/scroll' };
  assert.deepEqual(scroll.next(first, { companies: [{}], scroll_param: 's1' })?.query, { scroll_param: 's1' });
  assert.equal(scroll.next(first, { companies: [], scroll_param: 's1' }), undefined);
  assert.equal(scroll.next(first, { companies: [{}] }), undefined);
  assert.equal(cursorPaging.advancesCursor, undefined);
});

test('readNextLink: the error names the shape it could not follow (never the value)', () => {
  const messages: Array<[unknown, string]> = [
    [['x'], 'an array'],
    [7, 'number'],
    [false, 'boolean'],
    [{ starting_after: 5 }, 'an object with a starting_after of type number'],
    [{ starting_after: ['c'] }, 'an object with a starting_after of type object'],
  ];
  for (const [next, shape] of messages) {
    assert.throws(
      () => readNextLink(next),
      (error: unknown) =>
        error instanceof UnexpectedResponseError && error.message === `Cannot follow 'pages.next' of this shape: ${shape}`,
      shape,
    );
  }
});

test('a next URL is fetched with a GET that keeps the options and drops the body; 2.x cursor lists follow a URL too', () => {
  const options = { timeout: 1_000 };
  const request: PageRequest = { method: 'GET', path: '/contacts', query: { per_page: 2 }, options };
  assert.deepEqual(cursorPaging.next(request, { pages: { next: 'https://api.intercom.io/contacts?page=2' } }), {
    method: 'GET',
    path: 'https://api.intercom.io/contacts?page=2',
    query: undefined,
    options,
  });
  assert.equal(nextUrlPaging().next(request, { pages: { type: 'pages', next: '/contacts?page=2' } })?.options, options);
  assert.equal(nextUrlPaging().next(request, { pages: 'not an object' }), undefined);
  assert.equal(cursorPaging.next(request, { pages: ['not an object'] }), undefined);
  assert.equal(
    nextUrlPaging().next(request, { pages: { type: '', next: '/contacts?page=2' } }),
    undefined,
    'an empty type is no type',
  );
});

test('2.x search cursor: a pagination that is not an object is replaced, the rest of the body kept', () => {
  const request: PageRequest = { method: 'POST', path: '/s', body: { query: {}, pagination: 'odd' } };
  assert.deepEqual(searchCursorPaging.next(request, { pages: { next: { starting_after: 'c' } } })?.body, {
    query: {},
    pagination: { starting_after: 'c' },
  });
  const withoutBody: PageRequest = { method: 'POST', path: '/s' };
  assert.deepEqual(searchCursorPaging.next(withoutBody, { pages: { next: { starting_after: 'c' } } })?.body, {
    pagination: { starting_after: 'c' },
  });
});

test('page number: no next page unless page and total_pages are numbers and page is a whole number below the total', () => {
  for (const pages of [
    { page: 1.5, total_pages: 3 },
    { page: '1', total_pages: 3 },
    { page: 1, total_pages: '3' },
    { page: 4, total_pages: 3 },
  ]) {
    assert.equal(pageNumberPaging.next(GET, { pages }), undefined, JSON.stringify(pages));
  }
  assert.equal(pageNumberPaging.next(GET, {}), undefined);
  assert.deepEqual(pageNumberPaging.next(GET, { pages: { page: 2, total_pages: 3 } }), {
    method: 'GET',
    path: '/contacts',
    query: { per_page: 2, page: 3 },
  });
});

test('scroll: no next page when the items are missing or not a list, or the scroll_param is empty', () => {
  const scroll = scrollParamPaging('users');
  const first: PageRequest = { method: 'GET', path: '/users/scroll', query: { per_page: 5 } };
  for (const body of [
    { scroll_param: 's1' },
    { users: {}, scroll_param: 's1' },
    { users: [{}], scroll_param: '' },
    { users: [{}], scroll_param: 5 },
  ]) {
    assert.equal(scroll.next(first, body), undefined, JSON.stringify(body));
  }
  assert.deepEqual(scroll.next(first, { users: [{}], scroll_param: 's2' }), {
    method: 'GET',
    path: '/users/scroll',
    query: { per_page: 5, scroll_param: 's2' },
  });
  assert.equal(scroll.name, 'scroll');
});

test('the strategies are named in messages; a search page without pages, or with pages null, is the last', () => {
  assert.deepEqual(
    [nextUrlPaging().name, cursorPaging.name, searchCursorPaging.name, pageNumberPaging.name],
    ['1.x next URL', '2.x cursor', '2.x search cursor', 'page number'],
  );
  assert.equal(searchCursorPaging.next(SEARCH, {}), undefined);
  assert.equal(nextUrlPaging().next(GET, { pages: null }), undefined);
  assert.throws(() => searchCursorPaging.next(SEARCH, { pages: { next: '/contacts/search?page=2' } }), {
    message: "A search's 'pages.next' must be a cursor object, not a URL",
  });
});
