// Compile-time checks: each @ts-expect-error line must be a type error, or the test build fails.
// The function is never called; the test only proves the file compiled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ApiVersion1x, type ApiVersion2x, Client } from 'intercom-ts';

export function apiVersionTypes(): Client[] {
  const v1: ApiVersion1x[] = ['1.0', '1.1', '1.2', '1.3', '1.4', 'Unstable'];
  const v2: ApiVersion2x[] = ['2.7', '2.9', '2.10', '2.16'];
  return [
    ...v1.map((apiVersion) => new Client({ token: 't', apiVersion })),
    ...v2.map((apiVersion) => new Client({ token: 't', apiVersion })),
    new Client({ token: 't', apiVersion: undefined }),
    // @ts-expect-error 2.0 to 2.6 are not versions Intercom serves
    new Client({ token: 't', apiVersion: '2.6' }),
    // @ts-expect-error versions are case-sensitive: Unstable
    new Client({ token: 't', apiVersion: 'unstable' }),
  ];
}

test('client option types compile', () => {
  assert.equal(typeof apiVersionTypes, 'function');
});
