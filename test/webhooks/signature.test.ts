import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { WebhookSignatureError as FromMainEntry, IntercomError, InvalidParameterError } from 'intercom-ts';
import { assertSignature, signatureOf, verifySignature, WebhookSignatureError } from 'intercom-ts/webhooks';

const fixtures = JSON.parse(readFileSync(new URL('../../../test/fixtures/responses-1x.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;
/** A notification as Intercom would send it: compact JSON, as the raw body. */
const BODY = JSON.stringify(fixtures.test_user_notification);
const SECRET = 'hub-secret-4fa2';

/** The signature as OpenSSL computes it: an implementation independent of node:crypto's HMAC call. */
function opensslSignature(body: string | Buffer, secret: string): string | undefined {
  try {
    const out = execFileSync('openssl', ['dgst', '-sha1', '-hmac', secret], { input: body, encoding: 'utf8' });
    const hex = /([0-9a-f]{40})\s*$/.exec(out)?.[1];
    return hex === undefined ? undefined : `sha1=${hex}`;
  } catch {
    return undefined;
  }
}

describe('known answers', () => {
  // RFC 2202 (HMAC-SHA1 test cases 1 and 2): vectors published with the algorithm.
  const RFC_2202 = [
    { key: '\x0b'.repeat(20), data: 'Hi There', digest: 'b617318655057264e28bc0b6fb378c8ef146be00' },
    { key: 'Jefe', data: 'what do ya want for nothing?', digest: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79' },
  ];
  for (const [i, vector] of RFC_2202.entries()) {
    test(`RFC 2202 test case ${i + 1}`, () => {
      assert.equal(signatureOf(vector.data, vector.key), `sha1=${vector.digest}`);
      assert.equal(verifySignature(vector.data, `sha1=${vector.digest}`, vector.key), true);
    });
  }

  test('the signature of a notification body is what openssl dgst -sha1 -hmac computes', (t) => {
    const expected = opensslSignature(BODY, SECRET);
    if (expected === undefined) {
      t.skip('openssl is not installed');
      return;
    }
    assert.equal(signatureOf(BODY, SECRET), expected);
    assert.equal(verifySignature(BODY, expected, SECRET), true);
    // Non-ASCII text: the HMAC covers its UTF-8 bytes.
    const unicode = JSON.stringify({ type: 'notification_event', name: 'Zoë 🎉 Ñandú' });
    const expectedUnicode = opensslSignature(Buffer.from(unicode, 'utf8'), 'sécret');
    assert.equal(signatureOf(unicode, 'sécret'), expectedUnicode);
  });

  test('a hard-coded vector (computed once with openssl dgst -sha1 -hmac abc)', () => {
    assert.equal(
      signatureOf('{"type":"notification_event","topic":"ping"}', 'abc'),
      'sha1=13ecabca50c8e4e687dcc79b6a2bd719d814fbb7',
    );
  });
});

describe('verifySignature', () => {
  const good = signatureOf(BODY, SECRET);

  test('accepts the raw body as a string, a Buffer, a Uint8Array or an ArrayBuffer', () => {
    const buffer = Buffer.from(BODY, 'utf8');
    const bytes = new Uint8Array(buffer);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    for (const body of [BODY, buffer, bytes, arrayBuffer]) assert.equal(verifySignature(body, good, SECRET), true);
    // A Buffer that is a slice of a larger pool: only its own bytes count.
    const pooled = Buffer.concat([Buffer.from('xx'), buffer, Buffer.from('yy')]).subarray(2, 2 + buffer.length);
    assert.equal(verifySignature(pooled, good, SECRET), true);
  });

  test('a tampered body fails: one character changed, one byte added, whitespace reformatted', () => {
    assert.equal(verifySignature(BODY.replace('joe@example.com', 'eve@example.com'), good, SECRET), false);
    assert.equal(verifySignature(`${BODY} `, good, SECRET), false);
    assert.equal(verifySignature(JSON.stringify(JSON.parse(BODY), null, 2), good, SECRET), false);
  });

  test('the wrong secret fails', () => {
    assert.equal(verifySignature(BODY, good, 'another-secret'), false);
    assert.equal(verifySignature(BODY, good, `${SECRET} `), false);
  });

  test('a missing header fails', () => {
    for (const header of [undefined, null, '', '   ', []]) assert.equal(verifySignature(BODY, header, SECRET), false);
  });

  test('a garbled header fails', () => {
    const hex = good.slice('sha1='.length);
    for (const header of [
      hex, // no algorithm
      `sha256=${hex}`,
      `sha1=${hex.slice(1)}`, // 39 digits
      `sha1=${hex}0`, // 41 digits
      `sha1=${hex.slice(0, -1)}g`, // not hex
      `sha1 = ${hex}`,
      `sha1=${hex}, sha1=${hex}`,
      [good, good], // a repeated header
    ]) {
      assert.equal(verifySignature(BODY, header, SECRET), false, String(header));
    }
  });

  test('upper-case hex and surrounding whitespace are tolerated; a one-element header array is the header', () => {
    assert.equal(verifySignature(BODY, `sha1=${good.slice(5).toUpperCase()}`, SECRET), true);
    assert.equal(verifySignature(BODY, ` ${good} `, SECRET), true);
    assert.equal(verifySignature(BODY, [good], SECRET), true);
  });

  test('a body already parsed into an object throws a helpful InvalidParameterError', () => {
    const parsed = JSON.parse(BODY) as object;
    assert.throws(
      () => verifySignature(parsed as unknown as string, good, SECRET),
      (error: unknown) =>
        error instanceof InvalidParameterError &&
        error.parameter === 'rawBody' &&
        /already parsed/.test(error.message) &&
        /express\.raw\(/.test(error.message),
    );
    assert.throws(() => assertSignature(parsed as unknown as string, good, SECRET), InvalidParameterError);
    assert.throws(() => verifySignature(42 as unknown as string, good, SECRET), /must be the raw request body/);
  });

  test('an empty or missing secret throws instead of verifying against nothing', () => {
    assert.throws(
      () => verifySignature(BODY, good, ''),
      (e: unknown) => e instanceof InvalidParameterError && e.parameter === 'secret',
    );
    assert.throws(() => verifySignature(BODY, good, undefined as unknown as string), InvalidParameterError);
  });
});

describe('assertSignature', () => {
  const good = signatureOf(BODY, SECRET);

  test('returns for a good signature', () => {
    assert.equal(assertSignature(BODY, good, SECRET), undefined);
  });

  test('throws WebhookSignatureError with the reason: missing, malformed, mismatch', () => {
    const cases: Array<[unknown, string, RegExp]> = [
      [undefined, 'missing', /header is missing/],
      ['md5=abc', 'malformed', /not 'sha1=' followed by 40 hex digits/],
      [signatureOf(BODY, 'other'), 'mismatch', /does not match/],
    ];
    for (const [header, reason, message] of cases) {
      assert.throws(
        () => assertSignature(BODY, header as string, SECRET),
        (error: unknown) =>
          error instanceof WebhookSignatureError &&
          error instanceof IntercomError &&
          error.reason === reason &&
          error.field === 'X-Hub-Signature' &&
          message.test(error.message),
      );
    }
  });

  test('the main entry exports the same WebhookSignatureError class', () => {
    assert.equal(FromMainEntry, WebhookSignatureError);
  });
});
