import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiPath, encodeFormComponent, encodeQuery } from '../../src/core/url.js';

test("encodeFormComponent: as the gem's URI.encode_www_form: only A-Z a-z 0-9 _ . - ~ stay, a space is +", () => {
  assert.equal(encodeFormComponent("Az09_.-~!'()*"), 'Az09_.-~%21%27%28%29%2A');
  assert.equal(encodeFormComponent('a b c'), 'a+b+c', 'every space, not only the first');
  assert.equal(encodeFormComponent('a+b&c=d/e?f#g'), 'a%2Bb%26c%3Dd%2Fe%3Ff%23g');
  assert.equal(encodeFormComponent('**'), '%2A%2A', 'every extra character, upper-case hex');
  assert.equal(encodeFormComponent('é'), '%C3%A9');
});

test("encodeQuery: '?' then '&' in insertion order; undefined left out, null sent as key=", () => {
  assert.equal(encodeQuery(undefined), '');
  assert.equal(encodeQuery({}), '');
  assert.equal(encodeQuery({ skipped: undefined }), '');
  assert.equal(encodeQuery({ b: 2, a: 'x y', on: true, gone: undefined, empty: null }), '?b=2&a=x+y&on=true&empty=');
  assert.equal(encodeQuery({ gone: undefined, first: 1 }), '?first=1', 'the first parameter sent starts with ?');
  assert.equal(encodeQuery({ 'a b': '*' }), '?a+b=%2A', 'keys are encoded too');
});

test('apiPath: each interpolated value is one encoded path segment', () => {
  assert.equal(apiPath`/users`, '/users');
  assert.equal(apiPath`/users/${'a/b'}/tags/${5}`, '/users/a%2Fb/tags/5');
  assert.equal(apiPath`/x/${'..'}/${'?q=1#f'}`, '/x/../%3Fq%3D1%23f');
});
