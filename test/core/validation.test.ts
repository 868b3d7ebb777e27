import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import {
  describe,
  isPlainObject,
  optionalBoolean,
  optionalFiniteNumber,
  optionalMilliseconds,
  optionalPositiveInteger,
  optionalString,
  requireAnyOf,
  requireId,
  requireObject,
  requireOneOf,
  requireText,
} from '../../src/core/validation.js';

/** Asserts that `run` throws an InvalidParameterError about `field`. */
function refuses(run: () => unknown, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof InvalidParameterError, String(error));
    assert.equal(error.field, field);
    return true;
  });
}

test('requireObject: a plain object, nothing else', () => {
  requireObject({}, 'p');
  for (const bad of [null, undefined, [], 'x', 1]) refuses(() => requireObject(bad, 'p'), 'p');
});

test('requireId: a non-blank string or a finite number (as a string)', () => {
  assert.equal(requireId('abc', 'id'), 'abc');
  assert.equal(requireId(5, 'id'), '5');
  for (const bad of ['', '  ', Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}])
    refuses(() => requireId(bad, 'id'), 'id');
});

test('requireOneOf: exactly one identifier, as [key, value]', () => {
  assert.deepEqual(requireOneOf({ email: 'a@b.c' }, ['id', 'email'], 'params'), ['email', 'a@b.c']);
  refuses(() => requireOneOf({}, ['id', 'email'], 'params'), 'params');
  refuses(() => requireOneOf({ id: '1', email: 'a@b.c' }, ['id', 'email'], 'params'), 'params');
  refuses(() => requireOneOf({ id: '' }, ['id', 'email'], 'params'), 'params.id');
});

test('requireAnyOf: at least one identifier, each valid', () => {
  requireAnyOf({ id: '1', email: 'a@b.c' }, ['id', 'email'], 'params');
  refuses(() => requireAnyOf({}, ['id', 'email'], 'params'), 'params');
  refuses(() => requireAnyOf({ id: '1', email: '' }, ['id', 'email'], 'params'), 'params.email');
});

test('requireText: a string that is not blank', () => {
  assert.equal(requireText('hi', 'body'), 'hi');
  for (const bad of ['', ' \n', 1, null, undefined]) refuses(() => requireText(bad, 'body'), 'body');
});

test('optional checks pass undefined through and refuse other types', () => {
  assert.equal(optionalString(undefined, 's'), undefined);
  assert.equal(optionalString('', 's'), '');
  refuses(() => optionalString(1, 's'), 's');
  refuses(() => optionalString(null, 's'), 's');
  assert.equal(optionalFiniteNumber(undefined, 'n'), undefined);
  assert.equal(optionalFiniteNumber(-2.5, 'n'), -2.5);
  for (const bad of [Number.NaN, Number.NEGATIVE_INFINITY, '1', null]) refuses(() => optionalFiniteNumber(bad, 'n'), 'n');
  assert.equal(optionalBoolean(undefined, 'b'), undefined);
  assert.equal(optionalBoolean(false, 'b'), false);
  for (const bad of ['true', 0, null]) refuses(() => optionalBoolean(bad, 'b'), 'b');
  assert.equal(optionalPositiveInteger(undefined, 'i'), undefined);
  assert.equal(optionalPositiveInteger(1, 'i'), 1);
  for (const bad of [0, -1, 1.5, Number.NaN, '2']) refuses(() => optionalPositiveInteger(bad, 'i'), 'i');
});

test('optionalMilliseconds: the fallback when not given; a finite number >= 0 otherwise', () => {
  assert.equal(optionalMilliseconds(undefined, 'ms', 250), 250);
  assert.equal(optionalMilliseconds(0, 'ms', 250), 0);
  for (const bad of [-1, Number.POSITIVE_INFINITY, Number.NaN, '5']) refuses(() => optionalMilliseconds(bad, 'ms', 250), 'ms');
});

test('isPlainObject and describe: type names for messages, never the value', () => {
  assert.equal(isPlainObject({}), true);
  assert.equal(isPlainObject([]), false);
  assert.equal(isPlainObject(null), false);
  assert.equal(describe('secret-token'), 'string');
  assert.equal(describe(null), 'null');
  assert.equal(describe([1]), 'an array');
  assert.equal(describe(Number.NaN), 'NaN');
});
