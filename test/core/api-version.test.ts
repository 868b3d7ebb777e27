import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiVersionAtLeast, compareApiVersions, parseApiVersion } from '../../src/core/api-version.js';
import { InvalidParameterError } from '../../src/core/errors.js';

test('versions compare part by part as numbers: 2.10 is later than 2.9', () => {
  assert.ok(compareApiVersions('2.10', '2.9') > 0);
  assert.ok(compareApiVersions('2.9', '2.10') < 0);
  assert.ok(apiVersionAtLeast('2.10', '2.9'));
  assert.ok(!apiVersionAtLeast('1.4', '2.0'));
  assert.ok(compareApiVersions('10.0', '9.9') > 0);
});

test('missing parts count as 0: 2 is 2.0', () => {
  assert.equal(compareApiVersions('2', '2.0'), 0);
  assert.ok(compareApiVersions('2.0.1', '2') > 0);
});

test('Unstable is newer than every numbered version, and equal to itself', () => {
  assert.ok(compareApiVersions('Unstable', '2.16') > 0);
  assert.ok(compareApiVersions('1.0', 'Unstable') < 0);
  assert.equal(compareApiVersions('Unstable', 'Unstable'), 0);
  assert.ok(apiVersionAtLeast('Unstable', '99'));
});

test('parseApiVersion: numbers per part, Unstable, or undefined for anything else', () => {
  assert.deepEqual(parseApiVersion('2.16'), [2, 16]);
  assert.equal(parseApiVersion('Unstable'), 'Unstable');
  for (const bad of ['', 'unstable', '2.x', '2.', '.2', 'v2', 2, null])
    assert.equal(parseApiVersion(bad), undefined, String(bad));
});

test('comparing something that is not a version throws InvalidParameterError', () => {
  assert.throws(() => compareApiVersions('2.x', '2.0'), InvalidParameterError);
  assert.throws(() => compareApiVersions('2.0', 'latest'), InvalidParameterError);
});
