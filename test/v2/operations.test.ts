import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntercomError, InvalidParameterError } from '../../src/core/errors.js';
import type { ApiRequest, RequestPipeline } from '../../src/core/request-pipeline.js';
import { ContactConflictError } from '../../src/v2/errors.js';
import type { Page } from '../../src/v2/page.js';
import type { RequestOptions } from '../../src/v2/request-options.js';
import { defineOperations, type V2Context, V2Resource } from '../../src/v2/resource.js';

// The operations tables of the 2.x client read and sent without a socket: a pipeline that records
// what it is asked to send. The safety rule: GET, PUT, PATCH and DELETE may be repeated after a lost
// answer; a POST only when its row says `retry`.

/** An installed operation; the list operations answer a Page. */
type Operation = (request?: unknown, options?: RequestOptions) => Promise<Page<unknown, unknown>>;

const TABLE = {
  find: 'GET /things/{thing_id} ?include',
  listAll: 'GET /all',
  create: 'POST /things body',
  createContact: 'POST /contacts body',
  upsert: 'POST /things/upsert body retry',
  note: 'POST /things/{thing_id}/notes body=wrapped',
  tag: 'PUT /things/{thing_id}/tags/{tag_id} ?dry body {"type":"tag"}',
  remove: 'DELETE /things/{thing_id}',
  patch: 'PATCH /things/{thing_id} body',
  searchOnce: 'POST /conversations/search body',
  search: 'POST /contacts/search body retry page=search:data',
  list: 'GET /things ?per_page,starting_after page=cursor:data',
  companies: 'POST /companies/list ?page page=offset:companies',
  scroll: 'GET /companies/scroll ?scroll_param page=scroll:data',
  putList: 'PUT /things page=cursor:data',
  broken: 'GET /broken weird',
} as const;
class Things extends V2Resource {}
defineOperations(Things, TABLE);

/** A group over a pipeline that answers `answers` in turn (an Error is thrown) and records each request. */
function things(answers: unknown[] = [], context: V2Context = { headers: {}, timeoutMs: undefined }) {
  const sent: ApiRequest[] = [];
  const pipeline = {
    async send(request: ApiRequest): Promise<unknown> {
      sent.push(request);
      const answer = answers.shift() ?? {};
      if (answer instanceof Error) throw answer;
      return answer;
    },
  } as unknown as RequestPipeline;
  const group = new Things(pipeline, context) as unknown as Record<keyof typeof TABLE, Operation>;
  return { group, sent };
}

async function assertRefusedBeforeSending(call: Promise<unknown>, parameter: string, sent: ApiRequest[]): Promise<void> {
  const error = await call.then(
    () => assert.fail('refused'),
    (e: unknown) => e,
  );
  assert.ok(error instanceof InvalidParameterError, String(error));
  assert.equal(error.parameter, parameter);
  assert.equal(sent.length, 0);
}

test('a GET: path parameters encoded, query keys in the query, repeatable, no body', async () => {
  const { group, sent } = things([{ id: 'a b' }]);
  assert.deepEqual(await group.find({ thing_id: 'a b/c', include: true }), { id: 'a b' });
  await group.find({ thing_id: 7 });
  await group.find({ thing_id: 'x' }, { queryParams: { extra: 'y' } });
  await group.find({ thing_id: 'y', body: { stray: true }, other: 1 });
  assert.deepEqual(
    sent.map((r) => [r.method, r.path, r.body, r.idempotent]),
    [
      ['GET', '/things/a%20b%2Fc?include=true', undefined, true],
      ['GET', '/things/7', undefined, true],
      ['GET', '/things/x?extra=y', undefined, true],
      ['GET', '/things/y', undefined, true],
    ],
  );
  assert.deepEqual(sent[0]?.options, {});
});

test('a path parameter that is missing, empty, blank or not a finite number is refused before sending', async () => {
  for (const value of [undefined, '', '  ', Number.NaN, Number.POSITIVE_INFINITY, null, {}, true]) {
    const { group, sent } = things();
    await assertRefusedBeforeSending(group.find({ thing_id: value }), 'thing_id', sent);
  }
  const { group, sent } = things();
  await assertRefusedBeforeSending(group.find(), 'thing_id', sent);
  await assertRefusedBeforeSending(group.tag({ thing_id: '1' }), 'tag_id', sent);
  await assert.rejects(group.find({ thing_id: '' }), { message: 'thing_id: is required: a non-empty string or a number' });
});

test('a request that is not an object is refused before sending', async () => {
  for (const request of ['abc', 5, null, ['x']]) {
    const { group, sent } = things();
    await assertRefusedBeforeSending(group.create(request), 'request', sent);
  }
  await assert.rejects(things().group.create('x'), { message: 'request: must be an object' });
});

test('an operation without request fields takes the options first', async () => {
  const { group, sent } = things();
  await group.listAll({ headers: { 'x-one': '1' } });
  assert.equal(sent[0]?.path, '/all');
  assert.deepEqual(sent[0]?.options, { headers: { 'x-one': '1' } });
});

test('a POST is never repeated after a lost answer unless its row says retry', async () => {
  const { group, sent } = things();
  await group.create({ name: 'n' });
  await group.create();
  await group.upsert({ name: 'n' });
  await group.remove({ thing_id: '1' });
  await group.patch({ thing_id: '1', name: 'p' });
  assert.deepEqual(
    sent.map((r) => [r.method, r.path, r.body, r.idempotent]),
    [
      ['POST', '/things', { name: 'n' }, false],
      ['POST', '/things', {}, false],
      ['POST', '/things/upsert', { name: 'n' }, true],
      ['DELETE', '/things/1', undefined, true],
      ['PATCH', '/things/1', { name: 'p' }, true],
    ],
  );
});

test('the body: the fields other than path and query ones, over the fixed ones; or the wrapped body', async () => {
  const { group, sent } = things();
  await group.tag({ thing_id: '1', tag_id: '2', dry: false, name: 'red' });
  await group.tag({ thing_id: '1', tag_id: '2', type: 'label' });
  await group.note({ thing_id: '3', body: { text: 'hi' }, ignored: 1 });
  assert.deepEqual(sent[0], {
    method: 'PUT',
    path: '/things/1/tags/2?dry=false',
    body: { type: 'tag', name: 'red' },
    idempotent: true,
    options: {},
  });
  assert.deepEqual(sent[1]?.body, { type: 'label' });
  assert.equal(sent[1]?.path, '/things/1/tags/2');
  assert.deepEqual([sent[2]?.path, sent[2]?.body, sent[2]?.idempotent], ['/things/3/notes', { text: 'hi' }, false]);
});

test("the client's headers and timeout are each call's defaults", async () => {
  const { group, sent } = things([], { headers: { 'x-app': 'a' }, timeoutMs: 1000 });
  await group.find({ thing_id: '1' });
  await group.list({}, { timeoutInSeconds: 2, maxRetries: 0 });
  assert.deepEqual(sent[0]?.options, { timeout: 1000, headers: { 'x-app': 'a' } });
  assert.deepEqual(sent[1]?.options, { timeout: 2000, maxRetries: 0, headers: { 'x-app': 'a' } });
});

test('a search body is checked before it is sent, paged or not', async () => {
  const bad = { query: { field: 'email', operator: 'LIKE', value: 'x' } };
  const { group, sent } = things();
  await assertRefusedBeforeSending(group.search(bad), 'query.operator', sent);
  await assertRefusedBeforeSending(group.searchOnce(bad), 'query.operator', sent);
  await assertRefusedBeforeSending(group.searchOnce({}), 'query', sent);
});

test('a 409 on POST /contacts comes back as a ContactConflictError; other failures as they are', async () => {
  const conflict = new IntercomError('exists with id=c9', { httpCode: 409 });
  const { group } = things([conflict, conflict]);
  const error = await group.createContact({ email: 'a@example.com' }).catch((e: unknown) => e);
  assert.ok(error instanceof ContactConflictError);
  assert.equal(error.existingContactId, 'c9');
  assert.equal(await group.create({}).catch((e: unknown) => e), conflict);
});

test('a search pages with pagination.starting_after in the body, as a repeatable read', async () => {
  const { group, sent } = things([
    { data: [1, 2], pages: { next: { starting_after: 'c2' } } },
    { data: [3], pages: {} },
  ]);
  const query = { field: 'email', operator: '=', value: 'a@example.com' };
  const page = await group.search({ query, pagination: { per_page: 2 } });
  assert.deepEqual(page.data, [1, 2]);
  assert.deepEqual(page.response, { data: [1, 2], pages: { next: { starting_after: 'c2' } } });
  assert.equal(page.hasNextPage(), true);
  const next = await page.getNextPage();
  assert.deepEqual(next.data, [3]);
  assert.equal(next.hasNextPage(), false);
  assert.deepEqual(
    sent.map((r) => [r.method, r.path, r.idempotent, r.body]),
    [
      ['POST', '/contacts/search', true, { query, pagination: { per_page: 2 } }],
      ['POST', '/contacts/search', true, { query, pagination: { per_page: 2, starting_after: 'c2' } }],
    ],
  );
});

test('cursor lists page with starting_after in the query; the query and queryParams as text', async () => {
  const { group, sent } = things([{ data: ['a'], pages: { next: { starting_after: 'x' } } }, { data: ['b'] }]);
  const page = await group.list({ per_page: 1 }, { queryParams: { extra: true } });
  assert.deepEqual(await page.toArray(), ['a', 'b']);
  assert.deepEqual(
    sent.map((r) => [r.method, r.path, r.query, r.idempotent]),
    [
      ['GET', '/things', { per_page: '1', extra: 'true' }, true],
      ['GET', '/things', { per_page: '1', extra: 'true', starting_after: 'x' }, true],
    ],
  );
});

test('page-numbered lists read their items key and page until total_pages', async () => {
  const { group, sent } = things([
    { companies: [{ id: 1 }], pages: { page: 1, total_pages: 2 } },
    { companies: [{ id: 2 }], pages: { page: 2, total_pages: 2 } },
  ]);
  const page = await group.companies();
  assert.deepEqual(await page.toArray(), [{ id: 1 }, { id: 2 }]);
  assert.deepEqual(sent[1]?.query, { page: 2 });
  assert.equal(sent[0]?.method, 'POST');
});

test('a scroll follows scroll_param until a page is empty, and says that each read moves the cursor', async () => {
  const { group, sent } = things([
    { data: [1], scroll_param: 's1' },
    { data: [], scroll_param: 's2' },
  ]);
  const page = await group.scroll();
  assert.deepEqual(await page.toArray(), [1]);
  assert.deepEqual(sent[1]?.query, { scroll_param: 's1' });
  assert.equal(sent[0]?.advancesCursor, true);
  assert.equal(sent.length, 2);
});

test('a page without its items key has no items', async () => {
  const { group } = things([{ pages: {} }]);
  const page = await group.list();
  assert.deepEqual(page.data, []);
  assert.equal(page.hasNextPage(), false);
});

test('a list read with anything but GET or POST, and a row with an unknown token, are programming errors', async () => {
  const { group, sent } = things();
  await assert.rejects(group.putList(), { name: 'TypeError', message: 'a list is read with GET or POST, not PUT' });
  assert.throws(() => group.broken(), { name: 'TypeError', message: 'unknown token weird in the operation GET /broken weird' });
  assert.equal(sent.length, 0);
});
