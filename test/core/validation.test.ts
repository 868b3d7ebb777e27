import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidParameterError } from '../../src/core/errors.js';
import {
  checkListParameter,
  closestName,
  describe,
  isPlainObject,
  listQuery,
  optionalBoolean,
  optionalFiniteNumber,
  optionalMilliseconds,
  optionalPositiveInteger,
  optionalString,
  rejectUnknownKeys,
  requireAnyOf,
  requireId,
  requireObject,
  requireOneOf,
  requireStringId,
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

/** The message of the InvalidParameterError `run` throws. */
function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof InvalidParameterError, String(error));
    return error.message;
  }
  assert.fail('nothing was thrown');
}

test('the messages name the parameter and the type given, never the value', () => {
  assert.equal(
    messageOf(() => requireObject('tok_secret', 'params')),
    'params: must be an object (got string)',
  );
  assert.equal(
    messageOf(() => requireId(Number.NaN, 'id')),
    'id: must be a non-empty string (got NaN)',
  );
  assert.equal(
    messageOf(() => requireText('  ', 'body')),
    'body: must be a non-empty string (got string)',
  );
  assert.equal(
    messageOf(() => optionalString(1, 's')),
    's: must be a string (got number)',
  );
  assert.equal(
    messageOf(() => optionalFiniteNumber('1', 'n')),
    'n: must be a number (got string)',
  );
  assert.equal(
    messageOf(() => optionalBoolean(0, 'b')),
    'b: must be a boolean (got number)',
  );
  assert.equal(
    messageOf(() => optionalPositiveInteger(0, 'i')),
    'i: must be a positive integer (got number)',
  );
  assert.equal(
    messageOf(() => optionalMilliseconds(-1, 'ms', 0)),
    'ms: must be a finite number of milliseconds >= 0',
  );
  assert.equal(
    messageOf(() => requireStringId(['x'], 'id')),
    'id: must be a non-empty string (got an array)',
  );
  assert.equal(
    messageOf(() => requireOneOf({}, ['id', 'email'], 'params')),
    'params: one of id, email is required',
  );
  assert.equal(
    messageOf(() => requireOneOf({ id: '1', email: 'a@b.c', user_id: 'u' }, ['id', 'email', 'user_id'], 'params')),
    'params: only one of id, email, user_id may be given (got id, email, user_id)',
  );
  assert.equal(
    messageOf(() => requireAnyOf({ id: undefined }, ['id', 'email'], 'params')),
    'params: one of id, email is required',
  );
  assert.equal(describe(undefined), 'undefined');
  assert.equal(describe(Number.NEGATIVE_INFINITY), '-Infinity');
  assert.equal(describe(3), 'number');
});

test('requireStringId: a non-blank string only (an Intercom id is never a number)', () => {
  assert.equal(requireStringId('5f1a', 'id'), '5f1a');
  for (const bad of ['', ' ', 5, null, undefined]) refuses(() => requireStringId(bad, 'id'), 'id');
});

test('requireOneOf: keys in stringKeys must be strings, the others may be numbers', () => {
  assert.deepEqual(requireOneOf({ user_id: 42 }, ['id', 'user_id'], 'params', ['id']), ['user_id', '42']);
  refuses(() => requireOneOf({ id: 42 }, ['id', 'user_id'], 'params', ['id']), 'params.id');
  assert.deepEqual(requireOneOf({ id: 'abc', other: 1 }, ['id', 'user_id'], 'params', ['id']), ['id', 'abc']);
});

test('requireAnyOf: an identifier that is given must be valid, even next to a valid one', () => {
  refuses(() => requireAnyOf({ id: '', email: 'a@b.c' }, ['id', 'email'], 'params'), 'params.id');
  requireAnyOf({ email: 'a@b.c', id: undefined }, ['id', 'email'], 'params');
});

test('rejectUnknownKeys: an unknown key is named with the closest known one; keys set to undefined are ignored', () => {
  rejectUnknownKeys({ email: 'a@b.c', nickname: undefined }, ['email', 'name'], 'params');
  assert.throws(
    () => rejectUnknownKeys({ email: 'a@b.c', mail: 'x' }, ['email', 'name'], 'params'),
    (error: unknown) =>
      error instanceof InvalidParameterError &&
      error.field === 'params.mail' &&
      error.message === "params.mail: 'mail' is not a parameter; did you mean 'email'? (expected email, name)",
  );
  assert.throws(
    () => rejectUnknownKeys({ zzzzzz: 1 }, ['email', 'name'], 'params'),
    (error: unknown) =>
      error instanceof InvalidParameterError &&
      error.message === "params.zzzzzz: 'zzzzzz' is not a parameter (expected email, name)",
  );
});

test('closestName: within two edits (the first of equals), in any case; else a name that contains the other', () => {
  assert.equal(closestName('mail', ['email', 'name']), 'email', 'one insertion');
  assert.equal(closestName('emaill', ['email']), 'email', 'one deletion');
  assert.equal(closestName('emial', ['email']), 'email', 'two substitutions');
  assert.equal(closestName('EMAIL', ['name', 'email']), 'email', 'case is ignored');
  assert.equal(closestName('nmae', ['name', 'nmaex']), 'nmaex', 'the closest wins');
  assert.equal(closestName('ab', ['ax', 'ay']), 'ax', 'of two as close, the first');
  assert.equal(closestName('abc', ['xyz']), undefined, 'three edits is too far');
  assert.equal(closestName('kitten', ['sitting']), undefined);
  assert.equal(closestName('created', ['created_at_time']), 'created_at_time', 'contained in a known name');
  assert.equal(closestName('custom_attributes_x', ['custom_attributes']), 'custom_attributes', 'contains a known name');
  assert.equal(closestName('ab', ['abcdef']), undefined, 'too short to look for inside other names');
  assert.equal(closestName('abc', ['abcdef']), 'abcdef');
  assert.equal(closestName('anything', []), undefined);
});

test('listQuery: known keys only, each of its kind, in the order given; undefined values left out', () => {
  const fields = {
    page: 'positive-integer',
    days: 'days',
    tag_id: 'id',
    email: 'text',
    deleted: 'boolean',
    order: ['asc', 'desc'],
  } as const;
  assert.deepEqual(
    Object.entries(
      listQuery(
        { order: 'desc', page: 1, days: 0, tag_id: 7, email: 'a@b.c', deleted: false, segment_id: undefined },
        fields,
        'p',
      ),
    ),
    [
      ['order', 'desc'],
      ['page', 1],
      ['days', 0],
      ['tag_id', '7'],
      ['email', 'a@b.c'],
      ['deleted', false],
    ],
  );
  assert.throws(() => listQuery({ pages: 2 }, fields, 'p'), /p\.pages: 'pages' is not a parameter; did you mean 'page'\?/);
  refuses(() => listQuery({ page: 0 }, fields, 'p'), 'p.page');
});

test('checkListParameter: whole numbers within bounds, a choice out of the list; messages show numbers, never strings', () => {
  assert.equal(checkListParameter(1, 'positive-integer', 'p.page'), 1);
  for (const bad of [0, 1.5, 2 ** 53, Number.NaN, '2'])
    refuses(() => checkListParameter(bad, 'positive-integer', 'p.page'), 'p.page');
  assert.equal(
    messageOf(() => checkListParameter(0, 'positive-integer', 'p.page')),
    'p.page: must be a whole number >= 1 (got 0)',
  );
  assert.equal(
    messageOf(() => checkListParameter('tok', 'positive-integer', 'p.page')),
    'p.page: must be a whole number >= 1 (got string)',
  );
  assert.equal(checkListParameter(0, 'days', 'p.days'), 0);
  for (const bad of [-1, 0.5, 2 ** 53, '1']) refuses(() => checkListParameter(bad, 'days', 'p.days'), 'p.days');
  assert.equal(
    messageOf(() => checkListParameter(-1, 'days', 'p.days')),
    'p.days: must be a whole number of days >= 0 (got -1)',
  );
  assert.equal(checkListParameter('x1', 'id', 'p.id'), 'x1');
  refuses(() => checkListParameter('', 'id', 'p.id'), 'p.id');
  assert.equal(checkListParameter('hi', 'text', 'p.t'), 'hi');
  refuses(() => checkListParameter(' ', 'text', 'p.t'), 'p.t');
  assert.equal(checkListParameter(true, 'boolean', 'p.b'), true);
  refuses(() => checkListParameter('true', 'boolean', 'p.b'), 'p.b');
  assert.equal(checkListParameter('asc', ['asc', 'desc'], 'p.order'), 'asc');
  assert.equal(
    messageOf(() => checkListParameter('up', ['asc', 'desc'], 'p.order')),
    "p.order: must be one of 'asc', 'desc'",
  );
  refuses(() => checkListParameter(1, ['1'], 'p.order'), 'p.order');
});
