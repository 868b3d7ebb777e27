import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import { pageQuery, withQuery } from '../../src/v2/query.js';

// Query strings as the official SDK encodes them (pure functions, no socket).

test('withQuery: the defined values in order, names and values percent-encoded, then the extra ones', () => {
  assert.equal(withQuery('/contacts', undefined), '/contacts');
  assert.equal(withQuery('/contacts', {}), '/contacts');
  assert.equal(withQuery('/contacts', { a: undefined }), '/contacts');
  assert.equal(
    withQuery('/contacts', { per_page: 50, starting_after: 'a b&c' }),
    '/contacts?per_page=50&starting_after=a%20b%26c',
  );
  assert.equal(withQuery('/x', { 'a b': 'é' }), '/x?a%20b=%C3%A9');
  assert.equal(withQuery('/x', { a: 1 }, { b: true }), '/x?a=1&b=true');
  assert.equal(withQuery('/x', undefined, { b: false }), '/x?b=false');
  assert.equal(withQuery('/x', { a: undefined }, { b: 'c' }), '/x?b=c', 'the first defined value starts with ?');
});

test('arrays are one comma-separated value; null is empty; a Date is its ISO text', () => {
  assert.equal(withQuery('/x', { ids: ['1', 2, true] }), '/x?ids=1%2C2%2Ctrue');
  assert.equal(withQuery('/x', { a: null }), '/x?a=');
  assert.equal(withQuery('/x', { at: new Date(Date.UTC(2024, 0, 2)) }), '/x?at=2024-01-02T00%3A00%3A00.000Z');
});

test('a value that is not a string, number, boolean, Date or array of them is a typed error naming it', () => {
  for (const bad of [{ a: 1 }, () => 1, Symbol('s'), 10n, [{}]]) {
    assert.throws(
      () => withQuery('/x', { filter: bad }),
      (error: unknown) => error instanceof InvalidParameterError && error.parameter === 'filter',
    );
  }
  assert.throws(() => pageQuery({ filter: {} }), {
    message: 'filter: must be a string, number, boolean or an array of them',
  });
});

test("pageQuery: the defined values as text, then extra's; undefined when none", () => {
  assert.equal(pageQuery(undefined), undefined);
  assert.equal(pageQuery({ a: undefined }, {}), undefined);
  assert.deepEqual(pageQuery({ per_page: 20, tags: ['a', 'b'], none: undefined, empty: null }), {
    per_page: '20',
    tags: 'a,b',
    empty: '',
  });
  assert.deepEqual(pageQuery(undefined, { extra: 'x' }), { extra: 'x' });
  assert.deepEqual(pageQuery({ a: '1' }, { a: '2', b: '3' }), { a: '2', b: '3' });
});
