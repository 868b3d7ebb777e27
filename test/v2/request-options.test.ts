import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import { API_VERSIONS, checkedVersion, coreOptions, DEFAULT_API_VERSION } from '../../src/v2/request-options.js';

// The per-call options of the 2.x client as the core pipeline receives them (pure functions, no socket).

const noClientDefaults = { headers: {}, timeoutMs: undefined };

/** Asserts that `run` throws an InvalidParameterError about `parameter`. */
function assertInvalid(run: () => unknown, parameter: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InvalidParameterError, `an InvalidParameterError, not ${String(error)}`);
    assert.equal(error.parameter, parameter);
    return true;
  });
}

test('the versions sent are 2.7 to 2.16 and Unstable; 2.16 is the default', () => {
  assert.deepEqual(API_VERSIONS, ['2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15', '2.16', 'Unstable']);
  assert.equal(DEFAULT_API_VERSION, '2.16');
  for (const version of API_VERSIONS) assert.equal(checkedVersion(version, 'version'), version);
});

test('a version the client does not send is a typed error naming the option and the versions it takes', () => {
  for (const version of ['2.6', '2.17', '1.4', 'unstable', '', 2.16, undefined, null, ['2.16']]) {
    assertInvalid(() => checkedVersion(version, 'options.version'), 'options.version');
  }
  assert.throws(() => checkedVersion('3', 'version'), {
    message: 'version: must be one of 2.7, 2.8, 2.9, 2.10, 2.11, 2.12, 2.13, 2.14, 2.15, 2.16, Unstable',
  });
});

test('without options or client defaults the core gets no options at all', () => {
  assert.deepEqual(coreOptions(undefined, noClientDefaults), {});
  assert.deepEqual(coreOptions({}, noClientDefaults), {});
});

test('timeoutInSeconds is the call timeout in milliseconds, and wins over the client default', () => {
  assert.deepEqual(coreOptions({ timeoutInSeconds: 1.5 }, noClientDefaults), { timeout: 1500 });
  assert.deepEqual(coreOptions(undefined, { headers: {}, timeoutMs: 3000 }), { timeout: 3000 });
  assert.deepEqual(coreOptions({ timeoutInSeconds: 2 }, { headers: {}, timeoutMs: 3000 }), { timeout: 2000 });
  assert.deepEqual(coreOptions({ timeoutInSeconds: undefined }, { headers: {}, timeoutMs: 3000 }), { timeout: 3000 });
});

test('a timeoutInSeconds that is not a positive finite number is refused before anything is sent', () => {
  for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '5', null]) {
    assertInvalid(() => coreOptions({ timeoutInSeconds: bad as number }, noClientDefaults), 'timeoutInSeconds');
  }
  assert.throws(() => coreOptions({ timeoutInSeconds: 0 }, noClientDefaults), {
    message: 'timeoutInSeconds: must be a positive number of seconds',
  });
  // The smallest positive values pass.
  assert.deepEqual(coreOptions({ timeoutInSeconds: 0.001 }, noClientDefaults), { timeout: 1 });
});

test('maxRetries (0 included) and abortSignal are passed on; left out when not given', () => {
  const signal = new AbortController().signal;
  assert.deepEqual(coreOptions({ maxRetries: 0, abortSignal: signal }, noClientDefaults), { maxRetries: 0, signal });
  assert.deepEqual(coreOptions({ maxRetries: 3 }, noClientDefaults), { maxRetries: 3 });
  assert.equal('signal' in coreOptions({ maxRetries: 3 }, noClientDefaults), false);
});

test("headers: the client's, then the call's (which win); null and undefined values are left out", () => {
  const client = { headers: { 'x-app': 'one', 'x-team': 'core' }, timeoutMs: undefined };
  assert.deepEqual(coreOptions(undefined, client), { headers: { 'x-app': 'one', 'x-team': 'core' } });
  assert.deepEqual(coreOptions({ headers: { 'x-team': 'billing', 'x-gone': null, 'x-none': undefined } }, client), {
    headers: { 'x-app': 'one', 'x-team': 'billing' },
  });
  assert.deepEqual(coreOptions({ headers: { 'x-call': 'yes' } }, noClientDefaults), { headers: { 'x-call': 'yes' } });
  // Only left-out values: no headers at all.
  assert.deepEqual(coreOptions({ headers: { 'x-gone': null, 'x-none': undefined } }, noClientDefaults), {});
  // The client's own object is never changed by a call.
  coreOptions({ headers: { 'x-team': 'billing' } }, client);
  assert.deepEqual(client.headers, { 'x-app': 'one', 'x-team': 'core' });
});

test("a call's version is sent as Intercom-Version, checked first", () => {
  assert.deepEqual(coreOptions({ version: '2.9' }, noClientDefaults), { headers: { 'intercom-version': '2.9' } });
  assert.deepEqual(
    coreOptions({ version: 'Unstable', headers: { 'x-a': 'b' } }, { headers: { 'x-c': 'd' }, timeoutMs: undefined }),
    {
      headers: { 'x-c': 'd', 'x-a': 'b', 'intercom-version': 'Unstable' },
    },
  );
  assertInvalid(() => coreOptions({ version: '2.6' as never }, noClientDefaults), 'version');
});
