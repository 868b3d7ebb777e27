// Compile-time checks: each @ts-expect-error line must be a type error, or the test build fails.
// The function is never called; the test only proves the file compiled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ApiVersion1x, Client } from 'intercom-ts';

export function apiVersionTypes(): Client[] {
  const v1: ApiVersion1x[] = ['1.0', '1.1', '1.2', '1.3', '1.4', 'Unstable'];
  return [
    ...v1.map((apiVersion) => new Client({ token: 't', apiVersion })),
    new Client({ token: 't', apiVersion: undefined }),
    // @ts-expect-error a 2.x version belongs to the 2.x client (intercom-ts/v2)
    new Client({ token: 't', apiVersion: '2.16' }),
    // @ts-expect-error versions are case-sensitive: Unstable
    new Client({ token: 't', apiVersion: 'unstable' }),
  ];
}

test('client option types compile', () => {
  assert.equal(typeof apiVersionTypes, 'function');
});
