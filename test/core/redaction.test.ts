import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IntercomError } from '../../src/core/errors.js';
import { credentialSecrets, REDACTED, redactError, redactText } from '../../src/core/redaction.js';

const base64 = (text: string) => Buffer.from(text).toString('base64');

test('credentialSecrets: the api key of Basic credentials is a secret even with an empty app id', () => {
  const basic = base64(':key_secret');
  assert.deepEqual(credentialSecrets(`Basic ${basic}`), [`Basic ${basic}`, basic, ':key_secret', 'key_secret']);
});

test('credentialSecrets: the scheme is read in any case, and blanks around the credential are not part of it', () => {
  const basic = base64('app_1:key_secret');
  assert.ok(credentialSecrets(`BASIC ${basic}`).includes('key_secret'), 'BASIC is Basic');
  assert.ok(credentialSecrets('Bearer tok_abc123 ').includes('tok_abc123'), 'the token without the trailing blank');
  assert.equal(redactText('echo: tok_abc123.', credentialSecrets('Bearer tok_abc123 ')), `echo: ${REDACTED}.`);
});

test('credentialSecrets: a secret of exactly 4 characters is searched for', () => {
  assert.deepEqual(credentialSecrets('Bearer abcd'), ['Bearer abcd', 'abcd']);
});

test('credentialSecrets: a Bearer token is not decoded as base64; Basic bytes that are not UTF-8 are not a secret', () => {
  const bearer = base64('app_1:key_secret');
  assert.deepEqual(credentialSecrets(`Bearer ${bearer}`), [`Bearer ${bearer}`, bearer]);
  // 0xff is never UTF-8: decoded leniently it would give '\ufffd:abcd' and 'abcd'.
  const notUtf8 = Buffer.from([0xff, 0x3a, 0x61, 0x62, 0x63, 0x64]).toString('base64');
  assert.deepEqual(credentialSecrets(`Basic ${notUtf8}`), [`Basic ${notUtf8}`, notUtf8]);
});

test('redactText: every occurrence of every secret, the longest first', () => {
  const secrets = credentialSecrets('Bearer tok_abc123');
  assert.equal(redactText('tok_abc123tok_abc123', secrets), `${REDACTED}${REDACTED}`);
  assert.equal(redactText('Bearer tok_abc123', secrets), REDACTED, 'the whole value, not "Bearer [REDACTED]"');
  assert.equal(redactText('nothing here', secrets), 'nothing here');
});

test('redactError: an error without a stack, and a cause that is not an Error, are handled', () => {
  const error = new IntercomError('said tok_abc123', { cause: 'a string cause tok_abc123' });
  Object.defineProperty(error, 'stack', { value: undefined });
  redactError(error, ['tok_abc123']);
  assert.equal(error.message, `said ${REDACTED}`);
  assert.equal(error.stack, undefined);
});

test('redactError: causes are followed four levels deep, and a cause that loops back ends the walk', () => {
  const chain = Array.from({ length: 6 }, (_, level) => new Error(`level ${level} tok_abc123`));
  for (let level = 0; level < 5; level++) (chain[level] as Error).cause = chain[level + 1];
  redactError(chain[0] as Error, ['tok_abc123']);
  assert.deepEqual(
    chain.map((error) => error.message),
    [0, 1, 2, 3, 4].map((level) => `level ${level} ${REDACTED}`).concat('level 5 tok_abc123'),
  );
  const looping = new Error('tok_abc123');
  looping.cause = looping;
  assert.equal(redactError(looping, ['tok_abc123']).message, REDACTED);
});

test('redactError: nothing to redact with no secrets; a redacted body or headers stays enumerable (JSON, inspect)', () => {
  const untouched = new IntercomError('tok_abc123');
  redactError(untouched, []);
  assert.equal(untouched.message, 'tok_abc123');
  const error = new IntercomError('x', { headers: { echo: 'tok_abc123' }, body: ['a', 'tok_abc123'] });
  redactError(error, ['tok_abc123']);
  assert.deepEqual(error.body, ['a', REDACTED]);
  assert.deepEqual(JSON.parse(JSON.stringify(error)).headers, { echo: REDACTED });
  assert.deepEqual(JSON.parse(JSON.stringify(error)).body, ['a', REDACTED]);
});

test('redactError: a body redacted down to the nesting limit; deeper parts are left as they are', () => {
  // The outer array is at depth 0: `atLimit` holds the token in an array at depth 1000.
  const nested = (levels: number): unknown => {
    let value: unknown = ['tok_abc123'];
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };
  const innermost = (value: unknown): unknown => {
    let current = value;
    while (Array.isArray(current) && Array.isArray(current[0])) current = current[0];
    return current;
  };
  const atLimit = new IntercomError('x', { body: nested(1000) });
  redactError(atLimit, ['tok_abc123']);
  assert.deepEqual(innermost(atLimit.body), [REDACTED]);
  const deeper = new IntercomError('x', { body: nested(1001) });
  redactError(deeper, ['tok_abc123']);
  assert.deepEqual(innermost(deeper.body), ['tok_abc123']);
});

test('redactError: a stack already read (and so fixed) before redaction is redacted too', () => {
  const error = new IntercomError('server said tok_abc123');
  assert.match(error.stack ?? '', /tok_abc123/, 'V8 fixes the stack text once it is read');
  redactError(error, ['tok_abc123']);
  assert.equal(error.message, `server said ${REDACTED}`);
  assert.doesNotMatch(error.stack ?? '', /tok_abc123/);
  assert.match(error.stack ?? '', /\[REDACTED\]/);
});

test('redactError: nested objects are redacted down to the same nesting limit as arrays', () => {
  const nested = (levels: number): unknown => {
    let value: unknown = { secret: 'tok_abc123' };
    for (let i = 0; i < levels; i++) value = { inner: value };
    return value;
  };
  const innermost = (value: unknown): unknown => {
    let current = value as { inner?: unknown };
    while (current.inner !== undefined) current = current.inner as { inner?: unknown };
    return current;
  };
  const atLimit = new IntercomError('x', { body: nested(1000) });
  redactError(atLimit, ['tok_abc123']);
  assert.deepEqual(innermost(atLimit.body), { secret: REDACTED });
  const deeper = new IntercomError('x', { body: nested(1001) });
  redactError(deeper, ['tok_abc123']);
  assert.deepEqual(innermost(deeper.body), { secret: 'tok_abc123' });
});

test('redactError: a key that is the only secret of a body is redacted', () => {
  const error = new IntercomError('x', { body: { tok_abc123: 1 } });
  redactError(error, ['tok_abc123']);
  assert.deepEqual(error.body, { [REDACTED]: 1 });
});

test('redactError: never throws on what an error carries: values JSON has no form for, properties it cannot redefine', () => {
  const odd = new IntercomError('x', { body: { a: undefined, b: 'tok_abc123', c: [undefined, true, 2] } });
  redactError(odd, ['tok_abc123']);
  assert.deepEqual(odd.body, { a: undefined, b: REDACTED, c: [undefined, true, 2] });
  // A cause from elsewhere whose headers and body are fixed and hidden: nothing to redact, nothing redefined.
  const cause = new Error('socket closed');
  const headers = { server: 'proxy' };
  const body = ['nothing secret'];
  Object.defineProperty(cause, 'headers', { value: headers, enumerable: false, writable: false, configurable: false });
  Object.defineProperty(cause, 'body', { value: body, enumerable: false, writable: false, configurable: false });
  const error = new IntercomError('outer tok_abc123', { cause });
  redactError(error, ['tok_abc123']);
  assert.equal(error.message, `outer ${REDACTED}`);
  assert.equal((cause as Error & { headers: unknown }).headers, headers);
  assert.equal(Object.getOwnPropertyDescriptor(cause, 'body')?.enumerable, false);
});
