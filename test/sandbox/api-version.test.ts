import assert from 'node:assert/strict';
import { test } from 'node:test';
import { API_VERSIONS, compareVersions, versionAtLeast } from '../../src/sandbox/api-version.js';

test('versions compare per dotted part as numbers: 2.10 is later than 2.9', () => {
  assert.ok(versionAtLeast('2.10', '2.9'));
  assert.ok(!versionAtLeast('2.9', '2.10'));
  assert.ok(versionAtLeast('2.10', '2.10'));
  assert.ok(compareVersions('2.16', '2.7') > 0);
  assert.ok(compareVersions('1.4', '2.0') < 0);
});

test('Unstable is later than every numbered version, and equal to itself', () => {
  assert.ok(versionAtLeast('Unstable', '2.16'));
  assert.ok(!versionAtLeast('2.16', 'Unstable'));
  assert.ok(versionAtLeast('Unstable', 'Unstable'));
});

test('the 1.x versions keep their order', () => {
  const numbered = API_VERSIONS.filter((v) => v !== 'Unstable');
  for (let i = 1; i < numbered.length; i++) {
    assert.ok(versionAtLeast(numbered[i] as string, numbered[i - 1] as string), numbered[i]);
    assert.ok(!versionAtLeast(numbered[i - 1] as string, numbered[i] as string), numbered[i - 1]);
  }
  assert.ok(versionAtLeast('1.2', '1.2'));
});
