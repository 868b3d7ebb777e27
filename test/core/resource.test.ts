import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from '../../src/core/models.js';
import { cursorPaging } from '../../src/core/pagination-strategies.js';
import type { ApiRequest } from '../../src/core/request-pipeline.js';
import { APIResource, ResourceHttp } from '../../src/core/resource.js';

/** A pipeline that records what it is sent and answers `answer`. */
function recorder(answer: (request: ApiRequest) => unknown = () => ({ ok: true })) {
  const sent: ApiRequest[] = [];
  return {
    sent,
    send: async (request: ApiRequest) => {
      sent.push(request);
      return answer(request);
    },
  };
}

test('verbs: GET, PUT, PATCH and DELETE are repeatable; a POST is not unless it opts in', async () => {
  const pipeline = recorder();
  const http = new ResourceHttp(pipeline);
  const init = { query: { a: 1 }, body: { b: 2 }, options: { timeout: 5 } };
  assert.deepEqual(await http.get('/g', init), { ok: true });
  await http.put('/u', init);
  await http.patch('/pa', init);
  await http.delete('/d', init);
  await http.post('/p', init);
  await http.post('/p', { ...init, idempotent: true });
  await http.post('/p', { idempotent: false });
  assert.deepEqual(
    pipeline.sent.map((r) => [r.method, r.path, r.idempotent]),
    [
      ['GET', '/g', true],
      ['PUT', '/u', true],
      ['PATCH', '/pa', true],
      ['DELETE', '/d', true],
      ['POST', '/p', false],
      ['POST', '/p', true],
      ['POST', '/p', false],
    ],
  );
  for (const request of pipeline.sent.slice(0, 6)) {
    assert.deepEqual([request.query, request.body, request.options], [init.query, init.body, init.options]);
  }
  await http.get('/bare');
  await http.post('/bare');
  await http.put('/bare');
  await http.patch('/bare');
  await http.delete('/bare');
  assert.deepEqual(
    pipeline.sent.slice(7).map((r) => [r.method, r.idempotent, r.query, r.body, r.options]),
    [
      ['GET', true, undefined, undefined, undefined],
      ['POST', false, undefined, undefined, undefined],
      ['PUT', true, undefined, undefined, undefined],
      ['PATCH', true, undefined, undefined, undefined],
      ['DELETE', true, undefined, undefined, undefined],
    ],
  );
});

test('lists: list, scroll and search read the given path through the pipeline; firstPage and pages use the strategy', async () => {
  const toModel = (raw: JsonObject) => raw.id;
  const pipeline = recorder((request) =>
    request.method === 'POST'
      ? { type: 'list', data: [{ id: 's' }], pages: {} }
      : request.path === '/users/scroll'
        ? { type: 'user.list', users: [], scroll_param: 'x' }
        : { type: 'user.list', users: [{ id: 'u' }], pages: { next: null } },
  );
  const http = new ResourceHttp(pipeline);
  assert.deepEqual(await http.list('/users', { itemsKey: 'users', toModel, query: { per_page: 1 } }).toArray(), ['u']);
  assert.deepEqual(await http.scroll('/users/scroll', { itemsKey: 'users', toModel }).toArray(), []);
  assert.deepEqual(await http.search('/contacts/search', { body: { query: {} }, itemsKey: 'data', toModel }).toArray(), ['s']);
  const first = await http.firstPage({ method: 'GET', path: '/contacts' }, cursorPaging);
  assert.equal(first.fetchNext, undefined);
  const pages = [];
  for await (const page of http.pages({ method: 'GET', path: '/companies' }, cursorPaging)) pages.push(page.request.path);
  assert.deepEqual(pages, ['/companies']);
  assert.deepEqual(
    pipeline.sent.map((r) => `${r.method} ${r.path}`),
    ['GET /users', 'GET /users/scroll', 'POST /contacts/search', 'GET /contacts', 'GET /companies'],
  );
  assert.deepEqual(pipeline.sent[0]?.query, { per_page: 1 });
});

test('APIResource: a resource sends through `http` on the pipeline it was built with', async () => {
  class Things extends APIResource {
    find(id: string) {
      return this.http.get(`/things/${id}`);
    }
  }
  const pipeline = recorder();
  await new Things(pipeline).find('t1');
  assert.deepEqual(
    pipeline.sent.map((r) => r.path),
    ['/things/t1'],
  );
});
